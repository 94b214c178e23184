public import JobQueue

/// The payload of a `round` job: round `round` of run `runId`.
public struct RoundJob: Codable, Sendable, Equatable {
    public var runId: Int64
    public var round: Int

    public init(runId: Int64, round: Int) {
        self.runId = runId
        self.round = round
    }

    enum CodingKeys: String, CodingKey {
        case runId = "run_id"
        case round
    }

    /// The idempotency key: each round of a run is enqueued once, whoever enqueues it.
    public var key: String { "run-\(runId)-round-\(round)" }

    /// The job, carrying over the run's priority and attempts.
    public func newJob(priority: Int = 0, maxAttempts: Int = NewJob.defaultMaxAttempts) throws -> NewJob {
        try NewJob(queue: .round, encoding: self, priority: priority, maxAttempts: maxAttempts, idempotencyKey: key)
    }
}
