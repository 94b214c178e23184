public import GRDB

/// One row of `workers`: a worker process and its heartbeat.
public struct WorkerRecord: Sendable, Equatable, Codable, FetchableRecord {
    public enum State: String, Sendable, Codable, CaseIterable {
        case running, stopping, stopped, dead
    }

    public var id: String
    public var name: String
    public var queue: QueueName
    public var host: String
    public var pid: Int
    public var concurrency: Int
    public var state: State
    public var startedAt: String
    public var heartbeatAt: String
    public var stoppedAt: String?
    public var jobsSucceeded: Int
    public var jobsFailed: Int

    enum CodingKeys: String, CodingKey {
        case id, name, queue, host, pid, concurrency, state
        case startedAt = "started_at"
        case heartbeatAt = "heartbeat_at"
        case stoppedAt = "stopped_at"
        case jobsSucceeded = "jobs_succeeded"
        case jobsFailed = "jobs_failed"
    }
}
