public import ExperimentLog
public import Foundation
public import JobQueue
import AutoResearchLoop
import GTMModel
import LosslessJSON
import PreviewSimulator
import Scoring

/// Puts a run on the fleet: the run row (status `queued`, its initial container stored) and the
/// job of its first round, in one transaction. `queue run` and the scheduler both go through it.
public struct RunEnqueuer: Sendable {
    public let log: ExperimentLog
    public let store: JobStore

    public init(log: ExperimentLog, store: JobStore) {
        self.log = log
        self.store = store
    }

    /// A run to enqueue.
    public struct Request: Sendable {
        public var client: String
        /// The file the container came from, as given (shown in `runs.source`).
        public var source: String
        public var container: [UInt8]
        public var settings: RunSettings
        /// The mutator's name as `runs.mutator` shows it (`heuristic`, `anthropic:claude-haiku-4-5`).
        public var mutatorName: String
        public var outDir: String?
        public var priority: Int
        public var runAt: Date?
        /// Attempts each round job gets before it is dead-lettered (and the run failed).
        public var maxAttempts: Int
        /// A schedule tick: the run is enqueued only if this tick was never enqueued before.
        public var tick: (task: String, at: Date)?

        public init(client: String, source: String, container: [UInt8], settings: RunSettings, mutatorName: String, outDir: String?,
                    priority: Int = 0, runAt: Date? = nil, maxAttempts: Int = NewJob.defaultMaxAttempts, tick: (task: String, at: Date)? = nil)
        {
            self.client = client
            self.source = source
            self.container = container
            self.settings = settings
            self.mutatorName = mutatorName
            self.outDir = outDir
            self.priority = priority
            self.runAt = runAt
            self.maxAttempts = maxAttempts
            self.tick = tick
        }
    }

    /// Scores the container, then creates the run and its first job together.
    /// - Returns: the run and job, or nil when the request's tick was already enqueued.
    /// - Throws: a container, scorer configuration or scenario error (nothing is written).
    public func enqueue(_ request: Request) throws -> (run: RunRecord, job: Job)? {
        let container = try Container(document: JSONParser().parse(request.container))
        let scorer = try Scorer(configurationFiles: request.settings.scoring)
        _ = try RunScenarios.make(client: request.settings.scenarios)
        let prepared = try log.prepareRun(
            client: request.client, source: request.source, mutator: request.mutatorName, settings: request.settings,
            scorerVersion: Scorer.version, initialContainer: request.container, initialScore: ScoreVector(scorer.score(container)),
            outDir: request.outDir, status: .queued)
        return try store.transaction("enqueue a run for \(request.client)") { db -> (RunRecord, Job)? in
            if let tick = request.tick, try !store.claimTick(task: tick.task, at: tick.at, in: db) { return nil }
            let run = try prepared.insert(in: db)
            var first = try RoundJob(runId: run.id, round: 1).newJob(priority: request.priority, maxAttempts: request.maxAttempts)
            first.runAt = request.runAt
            let job = try store.enqueue(first, in: db)
            if let tick = request.tick { try store.noteTick(task: tick.task, at: tick.at, jobId: job.id, runId: run.id, in: db) }
            return (run, job)
        }
    }
}
