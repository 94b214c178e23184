import Foundation
public import GRDB

/// One row of `jobs`.
public struct Job: Sendable, Equatable, Codable, FetchableRecord, Identifiable {
    public var id: Int64
    public var queue: QueueName
    public var state: JobState
    /// Lower runs first.
    public var priority: Int
    /// Not claimed before this instant (ISO-8601 UTC): delayed jobs and retry backoff.
    public var runAt: String
    /// Claims so far, including the current one while `running`.
    public var attempts: Int
    public var maxAttempts: Int
    /// The worker holding the job while it is `running`.
    public var leaseOwner: String?
    public var leaseExpiresAt: String?
    /// Unique per queue when set: enqueueing the same key twice gives the first job back.
    public var idempotencyKey: String?
    /// JSON text.
    public var payload: String
    /// JSON text written by the handler on success.
    public var result: String?
    public var lastError: String?
    public var createdAt: String
    public var updatedAt: String
    public var startedAt: String?
    public var finishedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, queue, state, priority, attempts, payload, result
        case runAt = "run_at"
        case maxAttempts = "max_attempts"
        case leaseOwner = "lease_owner"
        case leaseExpiresAt = "lease_expires_at"
        case idempotencyKey = "idempotency_key"
        case lastError = "last_error"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    /// The fence a worker's writes are checked against: the job is still `running`, held by this
    /// worker, in the attempt it claimed. A reclaim (after the lease expired) counts a new attempt,
    /// so a worker that lost its lease can never complete, fail or release the job again.
    public var lease: Lease? {
        leaseOwner.map { Lease(owner: $0, attempt: attempts) }
    }

    /// The payload decoded as `T`.
    public func decodePayload<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(payload.utf8))
    }
}

/// A claimed job's fencing token.
public struct Lease: Sendable, Hashable, Codable {
    public var owner: String
    public var attempt: Int

    public init(owner: String, attempt: Int) {
        self.owner = owner
        self.attempt = attempt
    }
}
