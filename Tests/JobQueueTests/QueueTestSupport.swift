import ExperimentLog
import Foundation
import GRDB
@testable import JobQueue
import Synchronization

/// A clock the test moves by hand, so leases and backoff need no sleeping.
final class ManualClock: Sendable {
    private let date: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        date = Mutex(start)
    }

    var now: Date { date.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        date.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A fresh database file with the experiment log and the queue, removed afterwards.
func withQueue<T>(clock: ManualClock? = ManualClock(), random: Double = 0.5,
                  _ body: (JobStore, ExperimentLog, String) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jobqueue-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("state.sqlite").path
    let log = try ExperimentLog(path: path)
    let store: JobStore
    if let clock {
        store = try JobStore(pool: log.pool, clock: { clock.now }, random: { random })
    } else {
        store = try JobStore(pool: log.pool)
    }
    return try body(store, log, path)
}

extension NewJob {
    static func test(_ label: String, queue: QueueName = .round, priority: Int = 0, runAt: Date? = nil,
                     maxAttempts: Int = 3, key: String? = nil) -> NewJob {
        NewJob(queue: queue, payload: #"{"label":"\#(label)"}"#, priority: priority, runAt: runAt, maxAttempts: maxAttempts, idempotencyKey: key)
    }
}

extension Job {
    var label: String { (try? decodePayload([String: String].self))?["label"] ?? "?" }
}
