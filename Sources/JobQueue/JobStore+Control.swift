public import GRDB

extension JobStore {
    /// Cancels a job that has not finished. A running job's worker finds its fence gone and its
    /// result is dropped. `onCancel` runs in the same transaction.
    @discardableResult
    public func cancel(_ id: Int64, reason: String = "cancelled by an operator",
                       onCancel: (Job, Database) throws -> Void = { _, _ in }) throws -> Job {
        let now = Self.text(self.now)
        return try write("cancel job \(id)") { db in
            let job = try existing(id, in: db)
            guard !job.state.isFinal else { throw JobQueueError.wrongState(job: id, state: job.state, action: "cancel") }
            let cancelled = try Job.fetchOne(db, sql: """
                UPDATE jobs SET state = 'cancelled', last_error = ?, lease_owner = NULL, lease_expires_at = NULL,
                                finished_at = ?, updated_at = ?
                WHERE id = ? RETURNING *
                """, arguments: [reason, now, now, id])!
            try onCancel(cancelled, db)
            return cancelled
        }
    }

    /// Puts a dead, cancelled or failed job back in the queue now, with its attempts reset.
    /// `onRetry` runs in the same transaction (a round's run becomes `running` again).
    @discardableResult
    public func retry(_ id: Int64, onRetry: (Job, Database) throws -> Void = { _, _ in }) throws -> Job {
        let now = Self.text(self.now)
        return try write("retry job \(id)") { db in
            let job = try existing(id, in: db)
            guard [.dead, .cancelled, .failed].contains(job.state) else {
                throw JobQueueError.wrongState(job: id, state: job.state, action: "retry")
            }
            let retried = try Job.fetchOne(db, sql: """
                UPDATE jobs SET state = 'available', attempts = 0, run_at = ?, finished_at = NULL, updated_at = ?
                WHERE id = ? RETURNING *
                """, arguments: [now, now, id])!
            try onRetry(retried, db)
            return retried
        }
    }

    /// Stops workers claiming from `queue`; running jobs finish. Returns false if it was paused already.
    @discardableResult
    public func pause(_ queue: QueueName) throws -> Bool {
        guard queue.isValid else { throw JobQueueError.invalidQueueName(queue.rawValue) }
        let now = Self.text(self.now)
        return try write("pause \(queue)") { db in
            try db.execute(sql: "INSERT INTO paused_queues (queue, paused_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           arguments: [queue.rawValue, now])
            return db.changesCount > 0
        }
    }

    /// Lets workers claim from `queue` again. Returns false if it was not paused.
    @discardableResult
    public func resume(_ queue: QueueName) throws -> Bool {
        try write("resume \(queue)") { db in
            try db.execute(sql: "DELETE FROM paused_queues WHERE queue = ?", arguments: [queue.rawValue])
            return db.changesCount > 0
        }
    }

    func existing(_ id: Int64, in db: Database) throws -> Job {
        guard let job = try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]) else {
            throw JobQueueError.noSuchJob(id)
        }
        return job
    }
}
