import Foundation
public import GRDB

extension JobStore {
    /// Marks a claimed job `succeeded` and runs `effects` in the same transaction, so the job's
    /// work (a recorded round, the next job) commits exactly when its completion does.
    ///
    /// - Throws: ``JobQueueError/leaseLost(job:lease:)`` when the fence fails (nothing is written,
    ///   `effects` does not run); any error `effects` throws (everything is rolled back).
    public func complete(_ job: Job, result: String? = nil, effects: (Database) throws -> Void = { _ in }) throws {
        try withoutActuallyEscaping(effects) { effects in
            try complete([(job: job, result: result, effects: effects)])
        }
    }

    /// Marks several claimed jobs `succeeded` in one transaction, each fenced by its own lease and
    /// followed by its own `effects`: ``complete(_:result:effects:)`` for a batch of short jobs,
    /// whose commits would otherwise cost more than their work.
    ///
    /// All or nothing: when one job's fence fails or one `effects` throws, nothing is written, and
    /// the caller can complete the jobs one by one to give each its own outcome.
    /// - Throws: ``JobQueueError/leaseLost(job:lease:)`` for the first job whose fence fails (its
    ///   `effects` and those after it do not run); any error an `effects` throws.
    public func complete(_ batch: [(job: Job, result: String?, effects: (Database) throws -> Void)]) throws {
        guard !batch.isEmpty else { return }
        let leases = try batch.map { try requireLease($0.job) }
        let now = Self.text(self.now)
        let operation = batch.count == 1 ? "complete job \(batch[0].job.id)" : "complete \(batch.count) jobs"
        try write(operation) { db in
            // Prepared once per connection: parsing these statements cost more than running them.
            let fence = try db.cachedStatement(sql: """
                UPDATE jobs SET state = 'succeeded', result = ?, lease_owner = NULL, lease_expires_at = NULL,
                                finished_at = ?, updated_at = ?
                WHERE id = ? AND state = 'running' AND lease_owner = ? AND attempts = ?
                """)
            for (entry, lease) in zip(batch, leases) {
                try fence.execute(arguments: [entry.result, now, now, entry.job.id, lease.owner, lease.attempt])
                guard db.changesCount == 1 else { throw JobQueueError.leaseLost(job: entry.job.id, lease: lease) }
                try entry.effects(db)
            }
            let tally = try db.cachedStatement(sql: "UPDATE workers SET jobs_succeeded = jobs_succeeded + ? WHERE id = ?")
            for (owner, count) in Dictionary(grouping: leases, by: \.owner).mapValues(\.count).sorted(by: { $0.key < $1.key }) {
                try tally.execute(arguments: [count, owner])
            }
        }
    }

    /// Records a failed attempt: the job waits out its backoff in `failed`, then becomes available
    /// again; after its last attempt (or when `retryable` is false) it is `dead`, keeping the error.
    /// `onDead` runs in the same transaction when the job dies (a round marks its run failed).
    /// - Returns: the job's new state.
    @discardableResult
    public func fail(_ job: Job, error message: String, retryable: Bool = true,
                     onDead: (Job, Database) throws -> Void = { _, _ in }) throws -> JobState
    {
        let lease = try requireLease(job)
        let now = self.now
        let dies = !retryable || job.attempts >= job.maxAttempts
        let retryAt = Self.text(now.addingTimeInterval(backoff.delay(afterAttempt: job.attempts, unit: random())))
        let nowText = Self.text(now)
        return try write("fail job \(job.id)") { db in
            let state: JobState = dies ? .dead : .failed
            guard let updated = try Job.fetchOne(db, sql: """
                UPDATE jobs SET state = ?, last_error = ?, lease_owner = NULL, lease_expires_at = NULL,
                                run_at = CASE WHEN ? = 'failed' THEN ? ELSE run_at END,
                                finished_at = CASE WHEN ? = 'dead' THEN ? ELSE NULL END, updated_at = ?
                WHERE id = ? AND state = 'running' AND lease_owner = ? AND attempts = ?
                RETURNING *
                """, arguments: [state.rawValue, message, state.rawValue, retryAt, state.rawValue, nowText, nowText,
                                 job.id, lease.owner, lease.attempt])
            else { throw JobQueueError.leaseLost(job: job.id, lease: lease) }
            try db.execute(sql: "UPDATE workers SET jobs_failed = jobs_failed + 1 WHERE id = ?", arguments: [lease.owner])
            if dies { try onDead(updated, db) }
            return state
        }
    }

    /// Gives a claimed job back untouched (a worker shutting down before it could finish): it is
    /// available again at once, and the attempt does not count.
    public func release(_ job: Job) throws {
        let lease = try requireLease(job)
        let now = Self.text(self.now)
        try write("release job \(job.id)") { db in
            try db.execute(sql: """
                UPDATE jobs SET state = 'available', attempts = attempts - 1, lease_owner = NULL, lease_expires_at = NULL,
                                updated_at = ?
                WHERE id = ? AND state = 'running' AND lease_owner = ? AND attempts = ?
                """, arguments: [now, job.id, lease.owner, lease.attempt])
            guard db.changesCount == 1 else { throw JobQueueError.leaseLost(job: job.id, lease: lease) }
        }
    }

    private func requireLease(_ job: Job) throws -> Lease {
        guard job.state == .running, let lease = job.lease else {
            throw JobQueueError.wrongState(job: job.id, state: job.state, action: "finish")
        }
        return lease
    }
}
