public import GRDB

extension JobStore {
    /// Adds a job, or returns the existing one when its idempotency key is already in the queue.
    @discardableResult
    public func enqueue(_ job: NewJob) throws -> Job {
        try write("enqueue a \(job.queue) job") { db in try enqueue(job, in: db) }
    }

    /// ``enqueue(_:)`` inside the caller's transaction: completing a round enqueues the next one
    /// in the same commit.
    @discardableResult
    public func enqueue(_ job: NewJob, in db: Database) throws -> Job {
        guard job.queue.isValid else { throw JobQueueError.invalidQueueName(job.queue.rawValue) }
        guard job.maxAttempts >= 1 else { throw JobQueueError.invalidJob("max attempts must be at least 1 (got \(job.maxAttempts))") }
        if let key = job.idempotencyKey, key.isEmpty { throw JobQueueError.invalidJob("the idempotency key is empty") }
        guard try Bool.fetchOne(db, sql: "SELECT json_valid(?)", arguments: [job.payload]) == true else {
            throw JobQueueError.invalidJob("the payload is not JSON: \(job.payload.prefix(80))")
        }
        let now = Self.text(self.now)
        let runAt = job.runAt.map(Self.text) ?? now
        if let inserted = try Job.fetchOne(db, sql: """
            INSERT INTO jobs (queue, state, priority, run_at, attempts, max_attempts, idempotency_key, payload, created_at, updated_at)
            VALUES (?, 'available', ?, ?, 0, ?, ?, ?, ?, ?)
            ON CONFLICT (queue, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING *
            """, arguments: [job.queue.rawValue, job.priority, runAt, job.maxAttempts, job.idempotencyKey, job.payload, now, now])
        {
            return inserted
        }
        // The key was taken: the first job stands.
        guard let existing = try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE queue = ? AND idempotency_key = ?",
                                              arguments: [job.queue.rawValue, job.idempotencyKey]) else {
            throw JobQueueError.invalidJob("insert ignored but no job has key \(job.idempotencyKey ?? "")")
        }
        return existing
    }
}
