public import Foundation

/// A job to enqueue.
public struct NewJob: Sendable, Equatable {
    public var queue: QueueName
    /// JSON text.
    public var payload: String
    public var priority: Int
    /// When set, the job is not claimed before this instant.
    public var runAt: Date?
    public var maxAttempts: Int
    /// Unique per queue: a second enqueue with the same key returns the first job and adds nothing.
    public var idempotencyKey: String?

    public static let defaultMaxAttempts = 5

    public init(queue: QueueName, payload: String = "{}", priority: Int = 0, runAt: Date? = nil,
                maxAttempts: Int = NewJob.defaultMaxAttempts, idempotencyKey: String? = nil)
    {
        self.queue = queue
        self.payload = payload
        self.priority = priority
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.idempotencyKey = idempotencyKey
    }

    /// A job whose payload is `value` encoded as JSON (keys sorted, so equal payloads are equal text).
    public init<T: Encodable>(queue: QueueName, encoding value: T, priority: Int = 0, runAt: Date? = nil,
                              maxAttempts: Int = NewJob.defaultMaxAttempts, idempotencyKey: String? = nil) throws
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        self.init(queue: queue, payload: text, priority: priority, runAt: runAt, maxAttempts: maxAttempts, idempotencyKey: idempotencyKey)
    }
}
