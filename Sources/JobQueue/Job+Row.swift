import Foundation
public import GRDB

extension Job {
    /// Reads a `jobs` row column by column. GRDB's `Decodable` path costs more than the claim's
    /// own SQL (a claim of 32 jobs spent most of its time decoding them).
    /// - Throws: `DecodingError` for a missing column, a value of the wrong type, or a state that
    ///   is not a ``JobState``.
    public init(row: Row) throws {
        func column<Value: DatabaseValueConvertible>(_ key: CodingKeys, as type: Value.Type = Value.self) throws -> Value {
            try row.decode(Value.self, forColumn: key.rawValue)
        }
        id = try column(.id)
        queue = QueueName(rawValue: try column(.queue))
        let stateText: String = try column(.state)
        guard let state = JobState(rawValue: stateText) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [CodingKeys.state],
                                                                    debugDescription: "job \(id): \"\(stateText)\" is not a job state"))
        }
        self.state = state
        priority = try column(.priority)
        runAt = try column(.runAt)
        attempts = try column(.attempts)
        maxAttempts = try column(.maxAttempts)
        leaseOwner = try column(.leaseOwner)
        leaseExpiresAt = try column(.leaseExpiresAt)
        idempotencyKey = try column(.idempotencyKey)
        payload = try column(.payload)
        result = try column(.result)
        lastError = try column(.lastError)
        createdAt = try column(.createdAt)
        updatedAt = try column(.updatedAt)
        startedAt = try column(.startedAt)
        finishedAt = try column(.finishedAt)
    }
}
