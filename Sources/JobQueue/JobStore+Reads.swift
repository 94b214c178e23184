public import GRDB

extension JobStore {
    /// The job with this id, or nil.
    public func job(_ id: Int64) throws -> Job? {
        try read("read job \(id)") { db in try Job.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]) }
    }

    /// Jobs, newest first, optionally of one queue and state.
    public func jobs(queue: QueueName? = nil, state: JobState? = nil, limit: Int = 50) throws -> [Job] {
        try read("list jobs") { db in
            var sql: SQL = "SELECT * FROM jobs WHERE 1"
            if let queue { sql += " AND queue = \(queue.rawValue)" }
            if let state { sql += " AND state = \(state.rawValue)" }
            sql += " ORDER BY id DESC LIMIT \(max(0, limit))"
            return try SQLRequest<Job>(literal: sql).fetchAll(db)
        }
    }

    /// Jobs whose JSON payload has `key` equal to `value` (a run's round jobs), oldest first.
    public func jobs(wherePayload key: String, equals value: Int64, queue: QueueName) throws -> [Job] {
        try read("list jobs by \(key)") { db in try Self.jobs(wherePayload: key, equals: value, queue: queue, in: db) }
    }

    static func jobs(wherePayload key: String, equals value: Int64, queue: QueueName, in db: Database) throws -> [Job] {
        try Job.fetchAll(db, sql: "SELECT * FROM jobs WHERE queue = ? AND json_extract(payload, ?) = ? ORDER BY id",
                         arguments: [queue.rawValue, "$." + key, value])
    }

    /// One row of `queue_summary`.
    public struct QueueSummary: Sendable, Equatable, Codable, FetchableRecord {
        public var queue: QueueName
        public var state: JobState
        public var jobs: Int
        public var oldestRunAt: String?
        public var oldestCreatedAt: String?
        public var paused: Bool

        enum CodingKeys: String, CodingKey {
            case queue, state, jobs, paused
            case oldestRunAt = "oldest_run_at"
            case oldestCreatedAt = "oldest_created_at"
        }
    }

    /// Per queue and state: how many jobs, the oldest.
    public func summary() throws -> [QueueSummary] {
        try read("summarise queues") { db in
            try QueueSummary.fetchAll(db, sql: "SELECT * FROM queue_summary ORDER BY queue, state")
        }
    }

    /// The paused queues.
    public func pausedQueues() throws -> [QueueName] {
        try read("list paused queues") { db in
            try String.fetchAll(db, sql: "SELECT queue FROM paused_queues ORDER BY queue").map(QueueName.init(rawValue:))
        }
    }
}
