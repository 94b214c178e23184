import ExperimentLog
import Fleet
import Foundation
import GRDB
import JobQueue
import Logging
import ServiceLifecycle
import UnixSignals

/// A handler that does nothing: the benchmark measures the queue, not the work.
struct NoopHandler: JobHandler {
    let queue: QueueName
    func perform(_ job: Job, context: JobContext) async throws -> JobCompletion { JobCompletion() }
}

/// What the child processes do.
enum ChildModes {
    /// The table the baseline inserts into.
    static let baselineTable = "bench_baseline_rows"

    /// Runs one worker process until its queue is empty, as `gtm-autoresearch worker --exit-when-idle`
    /// does (a `ServiceGroup` with the worker as its only service), then prints its counts.
    static func worker(_ options: Options) async throws {
        let log = try ExperimentLog(path: try options.requireDatabase())
        let store = try JobStore(pool: log.pool)
        var configuration = WorkerConfiguration(queue: QueueName(options.queue), name: "bench-\(getpid())")
        configuration.batchSize = options.batch
        configuration.concurrency = options.concurrency
        configuration.exitWhenIdle = true
        if let delay = options.completionDelay { configuration.completionDelay = delay }
        let logger = Logger(label: "queue-benchmark.worker")
        let worker = Worker(store: store, handler: NoopHandler(queue: configuration.queue), configuration: configuration, logger: logger)
        let service = ServiceGroupConfiguration.ServiceConfiguration(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)
        var group = ServiceGroupConfiguration(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(configuration.grace + 3)

        waitAtBarrier()
        try await ServiceGroup(configuration: group).run()
        let counts = worker.processed
        report("done succeeded=\(counts.succeeded) failed=\(counts.failed) released=\(counts.released) lost=\(counts.lost)")
    }

    /// Writes `--count` single-row `BEGIN IMMEDIATE … COMMIT` transactions through the same GRDB
    /// pool configuration as the product (the path `JobStore` writes by).
    static func insert(_ options: Options) throws {
        let log = try ExperimentLog(path: try options.requireDatabase())
        let pool = log.pool
        waitAtBarrier()
        for index in 0..<options.count {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.cachedStatement(sql: "INSERT INTO \(baselineTable) (payload) VALUES (?)").execute(arguments: ["{\"i\":\(index)}"])
                    return .commit
                }
            }
        }
        report("done inserted=\(options.count)")
    }

    /// Fills a fresh file with `count` no-op jobs in one transaction (not timed), and checkpoints.
    /// Also a mode of its own, to profile one worker by hand:
    /// `queue-benchmark enqueue --db F --count N; queue-benchmark worker --db F </dev/null`.
    static func enqueue(path: String, queue: String, count: Int) throws {
        let log = try ExperimentLog(path: path)
        let store = try JobStore(pool: log.pool)
        try store.transaction("enqueue the backlog") { db in
            for _ in 0..<count { try store.enqueue(NewJob(queue: QueueName(queue)), in: db) }
        }
        try checkpoint(log)
        try log.close()
    }

    /// Starts every measurement from an empty WAL.
    static func checkpoint(_ log: ExperimentLog) throws {
        try log.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Says `ready` and blocks until the driver closes our stdin.
    private static func waitAtBarrier() {
        report("ready")
        _ = FileHandle.standardInput.readDataToEndOfFile()
    }

    private static func report(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
