public import Foundation
public import GRDB

extension JobStore {
    /// What one pass of the reaper did.
    public struct Reaped: Sendable, Equatable {
        /// Jobs whose lease expired, back in the queue.
        public var requeued: [Job] = []
        /// Jobs whose lease expired on their last attempt.
        public var dead: [Job] = []
        /// Workers whose heartbeat stopped, now marked `dead`.
        public var deadWorkers: [String] = []

        public var isEmpty: Bool { requeued.isEmpty && dead.isEmpty && deadWorkers.isEmpty }
    }

    /// Returns every job whose lease expired to `available` (the attempt counts), or to `dead`
    /// once its attempts are used up (`onDead` runs in the same transaction), and marks workers
    /// whose heartbeat is older than `workersDeadAfter` as `dead`. Any worker may run it; two
    /// reapers at once are harmless (each row moves once).
    @discardableResult
    public func reap(workersDeadAfter: TimeInterval, onDead: (Job, Database) throws -> Void = { _, _ in }) throws -> Reaped {
        let now = self.now
        let nowText = Self.text(now), heartbeatLimit = Self.text(now.addingTimeInterval(-workersDeadAfter))
        return try write("reap expired leases") { db in
            var reaped = Reaped()
            let expired = try Job.fetchAll(db, sql: """
                UPDATE jobs
                SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'available' END,
                    last_error = 'lease of ' || lease_owner || ' expired at ' || lease_expires_at || ' (attempt ' || attempts || ')',
                    finished_at = CASE WHEN attempts >= max_attempts THEN ? ELSE NULL END,
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                WHERE state = 'running' AND lease_expires_at < ?
                RETURNING *
                """, arguments: [nowText, nowText, nowText])
            for job in expired.sorted(by: { $0.id < $1.id }) {
                if job.state == .dead {
                    reaped.dead.append(job)
                    try onDead(job, db)
                } else {
                    reaped.requeued.append(job)
                }
            }
            reaped.deadWorkers = try String.fetchAll(db, sql: """
                UPDATE workers SET state = 'dead', stopped_at = heartbeat_at
                WHERE state IN ('running', 'stopping') AND heartbeat_at < ?
                RETURNING id
                """, arguments: [heartbeatLimit]).sorted()
            return reaped
        }
    }
}
