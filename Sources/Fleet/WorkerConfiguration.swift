public import Foundation
public import JobQueue

/// How a worker process claims and holds jobs. The defaults suit the `round` queue under systemd:
/// `grace` must stay below the unit's `TimeoutStopSec` (30 s).
public struct WorkerConfiguration: Sendable {
    public var queue: QueueName
    /// Shown in `workers.name` (under systemd: `<host>-<instance>`).
    public var name: String
    /// Jobs worked at once in this process.
    public var concurrency: Int = 1
    /// Most jobs one claim takes per slot (more cuts claim transactions for short jobs).
    public var batchSize: Int = 1
    /// How long a finished job of a claim may wait to commit its completion together with the
    /// next jobs of the same claim (one transaction for several short jobs, when `batchSize` > 1).
    /// A job that runs at least this long commits at once, with any waiting; so a completion waits
    /// at most this long plus the run time of the job after it. 0 commits every job on its own.
    public var completionDelay: TimeInterval = 0.05
    /// How long a claim holds a job without a heartbeat.
    public var lease: TimeInterval = 30
    /// How often leases and the worker's heartbeat are renewed (and the systemd watchdog fed).
    public var heartbeat: TimeInterval = 5
    /// How long an idle slot waits before claiming again.
    public var pollInterval: TimeInterval = 0.5
    /// After SIGTERM: how long jobs in hand may take to finish before they are released.
    public var grace: TimeInterval = 25
    /// How often this worker looks for expired leases.
    public var reapInterval: TimeInterval = 5
    /// A worker whose heartbeat is older than this is marked dead.
    public var workerDeadAfter: TimeInterval = 60
    /// How often the WAL is checkpointed and checked for a reader holding it back.
    public var checkpointInterval: TimeInterval = 30
    /// WAL frames held back by a reader before the worker warns about it (about 32 MB of 4 KiB pages).
    public var walWarningFrames: Int = 8192
    /// Exit once a claim finds nothing (benchmarks, draining a queue by hand).
    public var exitWhenIdle = false

    public init(queue: QueueName, name: String) {
        self.queue = queue
        self.name = name
    }
}
