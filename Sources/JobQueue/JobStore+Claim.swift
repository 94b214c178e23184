public import Foundation
import GRDB

extension JobStore {
    /// Claims up to `limit` available jobs of `queue` for `worker`, in priority, run_at, id order,
    /// each with a lease until now + `lease`. Nothing is claimed from a paused queue.
    ///
    /// One short `BEGIN IMMEDIATE` transaction: failed jobs whose backoff is over become available,
    /// then `UPDATE … WHERE id IN (SELECT … ORDER BY priority, run_at, id LIMIT n) RETURNING *`,
    /// which the partial index `jobs_claim` serves without a sort.
    public func claim(from queue: QueueName, by worker: String, limit: Int = 1, lease: TimeInterval) throws -> [Job] {
        guard limit > 0 else { return [] }
        let now = self.now
        let nowText = Self.text(now), until = Self.text(now.addingTimeInterval(lease))
        let claimed = try write("claim from \(queue)") { db -> [Job] in
            // Both statements are prepared once per connection: parsing them cost more than running them.
            try db.cachedStatement(sql: "UPDATE jobs SET state = 'available', updated_at = ? WHERE state = 'failed' AND run_at <= ?")
                .execute(arguments: [nowText, nowText])
            return try Job.fetchAll(db.cachedStatement(sql: """
                UPDATE jobs
                SET state = 'running', attempts = attempts + 1, lease_owner = ?, lease_expires_at = ?,
                    started_at = ?, updated_at = ?
                WHERE id IN (SELECT id FROM jobs
                             WHERE queue = ? AND state = 'available' AND run_at <= ?
                             ORDER BY priority, run_at, id
                             LIMIT ?)
                  AND NOT EXISTS (SELECT 1 FROM paused_queues WHERE queue = ?)
                RETURNING *
                """), arguments: [worker, until, nowText, nowText, queue.rawValue, nowText, limit, queue.rawValue])
        }
        // RETURNING gives no order; hand the jobs out in the claim order.
        return claimed.sorted { ($0.priority, $0.runAt, $0.id) < ($1.priority, $1.runAt, $1.id) }
    }
}
