public import Foundation
import GRDB

extension JobStore {
    /// Records a worker process as running.
    public func register(worker id: String, name: String, queue: QueueName, host: String, pid: Int, concurrency: Int) throws {
        let now = Self.text(self.now)
        try write("register worker \(id)") { db in
            try db.execute(sql: """
                INSERT INTO workers (id, name, queue, host, pid, concurrency, state, started_at, heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)
                ON CONFLICT (id) DO UPDATE SET state = 'running', heartbeat_at = excluded.heartbeat_at, stopped_at = NULL
                """, arguments: [id, name, queue.rawValue, host, pid, concurrency, now, now])
        }
    }

    /// Extends the leases the worker holds and records its heartbeat, in one transaction.
    /// - Returns: the jobs it still holds.
    public func heartbeat(worker id: String, state: WorkerRecord.State = .running, leases: [Int64: Lease],
                          lease: TimeInterval) throws -> Set<Int64>
    {
        let now = self.now
        let nowText = Self.text(now), until = Self.text(now.addingTimeInterval(lease))
        return try write("heartbeat of \(id)") { db in
            try db.execute(sql: "UPDATE workers SET heartbeat_at = ?, state = ? WHERE id = ? AND state <> 'stopped'",
                           arguments: [nowText, state.rawValue, id])
            var held = Set<Int64>()
            let statement = try db.cachedStatement(sql: """
                UPDATE jobs SET lease_expires_at = ?, updated_at = ?
                WHERE id = ? AND state = 'running' AND lease_owner = ? AND attempts = ?
                """)
            for (job, lease) in leases where lease.owner == id {
                try statement.execute(arguments: [until, nowText, job, id, lease.attempt])
                if db.changesCount > 0 { held.insert(job) }
            }
            return held
        }
    }

    /// Records that a worker exited cleanly.
    public func markStopped(worker id: String) throws {
        let now = Self.text(self.now)
        try write("stop worker \(id)") { db in
            try db.execute(sql: "UPDATE workers SET state = 'stopped', stopped_at = ?, heartbeat_at = ? WHERE id = ?",
                           arguments: [now, now, id])
        }
    }

    /// Workers, newest first; `includeStopped` false leaves out stopped and dead ones.
    public func workers(includeStopped: Bool = true, limit: Int = 100) throws -> [WorkerRecord] {
        try read("list workers") { db in
            try WorkerRecord.fetchAll(db, sql: """
                SELECT * FROM workers WHERE ? OR state IN ('running', 'stopping') ORDER BY started_at DESC LIMIT ?
                """, arguments: [includeStopped, limit])
        }
    }
}
