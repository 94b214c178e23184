public import AutoResearchLoop
public import ExperimentLog
import Foundation
public import GRDB
public import JobQueue
import Logging
import RunDeliverables

/// The `round` stage: a queued run is a chain of round jobs. A job performs one round with the
/// loop's own ``RoundRunner`` and commits, in its completion's transaction, the round's row and
/// blob, the run's new best and totals, and either the next round's job or the run's end. A crash
/// at any instant therefore neither loses nor repeats a round. The commit that ends a run also
/// enqueues its `deliver` job (``DeliverStage``).
public struct RoundStage: JobHandler {
    public let queue = QueueName.round
    let log: ExperimentLog
    let store: JobStore
    let makeRunner: @Sendable (RunSettings) throws -> RoundRunner
    let cache: RunStateCache
    /// Write each finished run's own files (winning-config.json, report.html, rounds.jsonl) at
    /// once; the staging workspace and the remote copies are its `deliver` job's.
    let writesDeliverables: Bool

    public init(log: ExperimentLog, store: JobStore, writesDeliverables: Bool = true, cacheCapacity: Int = 8,
                makeRunner: @escaping @Sendable (RunSettings) throws -> RoundRunner)
    {
        self.log = log
        self.store = store
        self.makeRunner = makeRunner
        self.writesDeliverables = writesDeliverables
        cache = RunStateCache(capacity: cacheCapacity)
    }

    public func perform(_ job: Job, context: JobContext) async throws -> JobCompletion {
        let payload: RoundJob
        do { payload = try job.decodePayload(RoundJob.self) } catch {
            throw JobFailure("the payload is not a round job (\(job.payload.prefix(80)))", isRetryable: false)
        }
        guard let run = try log.run(payload.runId) else { throw JobFailure("there is no run \(payload.runId)", isRetryable: false) }
        if run.status.isFinal {
            return JobCompletion(result: Self.result(["skipped": "run \(run.id) is \(run.status.rawValue)"]))
        }
        if run.roundsDone >= payload.round {
            return JobCompletion(result: Self.result(["skipped": "round \(payload.round) of run \(run.id) is already recorded"]))
        }
        guard run.roundsDone == payload.round - 1 else {
            throw JobFailure("run \(run.id) has \(run.roundsDone) rounds: round \(payload.round) cannot be next", isRetryable: false)
        }
        let runner: RoundRunner
        do { runner = try makeRunner(run.settings) } catch {
            // A missing key or a bad stored file will not fix itself: fix it, then `queue retry`.
            throw JobFailure("run \(run.id): \(error)", isRetryable: false)
        }
        var state = try cache.state(for: run) ?? RunDriver(log: log, runner: runner).restore(run.id)
        let runId = run.id
        let store = self.store, deliver = try DeliverJob(runId: runId).newJob(priority: job.priority)
        if let reason = StopRule.reason(for: state.run, trailingMisses: state.trailingMisses) {
            return JobCompletion(result: Self.result(["stopped": reason]), followUp: runId) { db in
                try ExperimentLog.setStatus(.completed, stopReason: reason, of: runId, from: [.queued, .running], in: db)
                try store.enqueue(deliver, in: db)
            }
        }

        let outcome = try await runner.perform(state)
        let sealed = outcome.sealed(parentSHA: state.run.bestSHA)
        state.advance(by: sealed.record, kept: outcome.kept)
        let stop = StopRule.reason(for: state.run, trailingMisses: state.trailingMisses)
        let next = stop == nil ? try RoundJob(runId: runId, round: payload.round + 1).newJob(priority: job.priority, maxAttempts: job.maxAttempts) : nil
        cache.store(state)
        let record = sealed.record, candidate = sealed.candidate
        context.logger.debug("round done", metadata: ["run.id": "\(runId)", "round.index": "\(record.round)",
                                                      "decision": "\(record.decision.rawValue)"])
        var result = ["round": "\(record.round)", "decision": record.decision.rawValue, "reason": record.reason]
        if let stop { result["stopped"] = stop }
        return JobCompletion(result: Self.result(result), followUp: stop == nil ? nil : runId) { db in
            try ExperimentLog.setStatus(.running, stopReason: nil, of: runId, from: [.queued], in: db)
            guard try ExperimentLog.record(record, candidate: candidate, in: db) else {
                throw JobFailure("round \(record.round) of run \(runId) is already recorded", isRetryable: false)
            }
            if let stop {
                try ExperimentLog.setStatus(.completed, stopReason: stop, of: runId, from: [.running], in: db)
                try store.enqueue(deliver, in: db)
            } else if let next {
                try store.enqueue(next, in: db)
            }
        }
    }

    /// A round job that died ends its run as failed (with the job's last error); a cancelled one
    /// stops it.
    public func jobEnded(_ job: Job, in db: Database) throws {
        guard let payload = try? job.decodePayload(RoundJob.self) else { return }
        if job.state == .dead {
            try ExperimentLog.setStatus(.failed, stopReason: "error: \(job.lastError ?? "round job \(job.id) failed")", of: payload.runId,
                                        from: [.queued, .running], in: db)
        } else {
            try ExperimentLog.setStatus(.stopped, stopReason: "cancelled", of: payload.runId, from: [.queued, .running], in: db)
        }
    }

    /// Retrying a run's round job puts the run back to running.
    public func jobRetried(_ job: Job, in db: Database) throws {
        guard let payload = try? job.decodePayload(RoundJob.self) else { return }
        try ExperimentLog.setStatus(.running, stopReason: nil, of: payload.runId, from: [.failed, .stopped], in: db)
    }

    /// Writes a finished run's own files to its `out_dir`, without waiting for a deliver worker.
    /// Failing here loses nothing: the rounds are committed, and the run's `deliver` job (or
    /// `gtm-autoresearch report RUN`) writes the files again.
    public func afterCommit(_ completion: JobCompletion, context: JobContext) async {
        guard writesDeliverables, let runId = completion.followUp else { return }
        do {
            guard let run = try log.run(runId) else { return }
            var output = RunOutput(log: log, run: run)
            output.publishesStaging = false
            let written = try output.write()
            context.logger.info("run finished", metadata: ["run.id": "\(runId)", "status": "\(run.status.rawValue)",
                                                           "best": "\(run.bestScore.overall)", "out": "\(written.folder)"])
        } catch {
            context.logger.warning("run finished but its files were not written; use `gtm-autoresearch report RUN`",
                                   metadata: ["run.id": "\(runId)", "error": "\(error)"])
        }
    }

    private static func result(_ fields: [String: String]) -> String { JobResultText.json(fields) }
}
