public import ExperimentLog
import GTMModel
import LosslessJSON
import Mutation
import PreviewSimulator
import Scoring

/// Drives a run in one process: rounds until a stop rule, each recorded exactly once, resumable
/// from the log at any point (the state is rebuilt from the rows and the best blob).
public struct RunDriver: Sendable {
    public var log: ExperimentLog
    public var runner: RoundRunner

    public init(log: ExperimentLog, runner: RoundRunner) {
        self.log = log
        self.runner = runner
    }

    /// What the progress display gets after each round.
    public struct Progress: Sendable {
        public var record: RoundRecord
        public var run: RunRecord
        public var kept: Int, reverted: Int, rejected: Int
    }

    /// Starts a run on a container export, recording its initial blob and score.
    /// - Throws: bytes that are not a container, a stored client scenario that does not decode
    ///   (nothing is written), or a log error.
    public func start(client: String, source: String, bytes: [UInt8], settings: RunSettings, outDir: String?) throws -> RunRecord {
        let container = try Container(document: JSONParser().parse(bytes))
        _ = try RunScenarios.make(client: settings.scenarios)
        let report = runner.scorer.score(container)
        return try log.createRun(client: client, source: source, mutator: runner.mutator.name, settings: settings,
                                 scorerVersion: Scorer.version, initialContainer: bytes, initialScore: ScoreVector(report), outDir: outDir)
    }

    /// Runs rounds until a stop rule fires (status `completed`), `shouldStop` says so between
    /// rounds (`stopped`, reason `interrupted`), or the mutator fails (`failed`, rethrown).
    public func execute(runId: Int64, shouldStop: @Sendable () -> Bool = { false },
                        progress: @Sendable (Progress) -> Void = { _ in }) async throws -> RunRecord
    {
        guard let run = try log.run(runId) else { throw RunDriverError.noSuchRun(runId) }
        if run.status == .completed { return run }
        try log.markRunning(runId)
        var state = try restore(runId)
        var recorder = RoundRecorder(log: log, bestSHA: state.run.bestSHA)
        // The commit of the previous round, running while the next one is computed.
        var pending: Task<Bool, any Error>?
        func settle() async throws -> Bool {
            defer { pending = nil }
            return try await pending?.value ?? true
        }
        do {
            while true {
                if let reason = StopRule.reason(for: state.run, trailingMisses: state.trailingMisses) {
                    guard try await settle() else { state = try restore(runId); continue }
                    try log.finishRun(runId, status: .completed, stopReason: reason)
                    break
                }
                if shouldStop() {
                    _ = try await settle()
                    try log.finishRun(runId, status: .stopped, stopReason: "interrupted")
                    break
                }
                let outcome = try await runner.perform(state)
                guard try await settle() else {
                    // The previous round was already in the log (a replay): start again from the log.
                    state = try restore(runId)
                    recorder = RoundRecorder(log: log, bestSHA: state.run.bestSHA)
                    continue
                }
                let committing = recorder
                pending = Task { try await committing.commit(outcome) }
                state.advance(by: outcome.record, kept: outcome.kept)
                progress(Progress(record: outcome.record, run: state.run, kept: state.kept, reverted: state.reverted, rejected: state.rejectedCount))
            }
        } catch {
            // The mutator (or a commit) failed: keep what was committed, and say why the run stopped.
            _ = try? await settle()
            try? log.finishRun(runId, status: .failed, stopReason: "error: \(error)")
            throw error
        }
        guard let finished = try log.run(runId) else { throw RunDriverError.noSuchRun(runId) }
        return finished
    }

    /// The run's state as the log has it.
    public func restore(_ runId: Int64) throws -> RunState {
        guard let run = try log.run(runId) else { throw RunDriverError.noSuchRun(runId) }
        guard let bytes = try log.blob(run.bestSHA) else { throw RunDriverError.missingBlob(run: runId, sha: run.bestSHA) }
        let initial = run.initialSHA == run.bestSHA ? bytes : try log.blob(run.initialSHA)
        guard let initial else { throw RunDriverError.missingInitialBlob(run: runId, sha: run.initialSHA) }
        return try RunState.restore(run: run, rounds: log.rounds(run: runId), bestBytes: bytes, initialBytes: initial, scorer: runner.scorer)
    }
}

extension RunRecord {
    /// The run's totals after `round`, as the log will have them once it is committed.
    mutating func advance(by round: RoundRecord) {
        roundsDone = round.round
        inputTokens += round.inputTokens
        outputTokens += round.outputTokens
        costUSD += round.costUSD
        elapsedMs += round.durationMs
        if round.decision == .kept, let after = round.after {
            bestScore = after
            bestRound = round.round
            // Known once the round is sealed; the in-process driver tracks it in its recorder.
            if let sha = round.candidateSHA { bestSHA = sha }
        }
    }
}

/// Why a run cannot be driven.
public enum RunDriverError: Error, Sendable, CustomStringConvertible {
    case noSuchRun(Int64)
    case missingBlob(run: Int64, sha: String)
    case missingInitialBlob(run: Int64, sha: String)

    public var description: String {
        switch self {
        case .noSuchRun(let id): "there is no run \(id) in this database"
        case .missingBlob(let run, let sha): "run \(run): its best container \(sha) is missing from the blobs table"
        case .missingInitialBlob(let run, let sha): "run \(run): its initial container \(sha) is missing from the blobs table"
        }
    }
}
