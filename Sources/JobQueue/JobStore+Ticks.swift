public import Foundation
public import GRDB

extension JobStore {
    /// Claims a schedule tick inside the caller's transaction: true the first time `task` and
    /// `tick` are seen, false ever after, so two schedulers cannot enqueue the same night twice.
    public func claimTick(task: String, at tick: Date, in db: Database) throws -> Bool {
        try db.execute(sql: "INSERT INTO recurring_ticks (task, tick_at, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       arguments: [task, Self.text(tick), Self.text(now)])
        return db.changesCount > 0
    }

    /// Notes what a claimed tick enqueued.
    public func noteTick(task: String, at tick: Date, jobId: Int64?, runId: Int64?, in db: Database) throws {
        try db.execute(sql: "UPDATE recurring_ticks SET job_id = ?, run_id = ? WHERE task = ? AND tick_at = ?",
                       arguments: [jobId, runId, task, Self.text(tick)])
    }
}

extension JobStore {
    /// Whether a tick was already enqueued (a cheap look before reading and scoring a container).
    public func hasTick(task: String, at tick: Date) throws -> Bool {
        try read("look up tick \(task)") { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM recurring_ticks WHERE task = ? AND tick_at = ?)",
                              arguments: [task, Self.text(tick)]) ?? false
        }
    }
}
