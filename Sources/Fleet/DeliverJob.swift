public import JobQueue

/// The payload of a `deliver` job: deliver finished run `runId`.
public struct DeliverJob: Codable, Sendable, Equatable {
    public var runId: Int64

    public init(runId: Int64) { self.runId = runId }

    enum CodingKeys: String, CodingKey {
        case runId = "run_id"
    }

    /// The idempotency key: a run is delivered once, whoever ends it.
    public var key: String { "run-\(runId)-deliver" }

    /// Delivery talks to remote services that can be down for a while: more attempts than a round.
    public static let maxAttempts = 8

    public func newJob(priority: Int = 0) throws -> NewJob {
        try NewJob(queue: .deliver, encoding: self, priority: priority, maxAttempts: Self.maxAttempts, idempotencyKey: key)
    }
}
