import ExperimentLog
import Fleet
import Foundation
import GRDB
import JobQueue
import Logging
import Synchronization
import Testing

@Suite("A worker's completions")
struct WorkerTests {
    @Test("the short jobs of one claim commit in one transaction, and each job succeeds exactly once", .timeLimit(.minutes(1)))
    func grouped() async throws {
        try await withWorkerQueue(labels: (1...10).map { "j\($0)" }) { store, commits in
            let worker = makeWorker(store, commits, batch: 4)
            try await worker.run()
            #expect(commits.groups.map(\.count) == [4, 4, 2])
            #expect(counts(worker) == [10, 0, 0, 0])
            try expectAllSucceededOnce(store, count: 10)
        }
    }

    @Test("with no completion delay every job commits on its own", .timeLimit(.minutes(1)))
    func alone() async throws {
        try await withWorkerQueue(labels: (1...6).map { "j\($0)" }) { store, commits in
            let worker = makeWorker(store, commits, batch: 4) { $0.completionDelay = 0 }
            try await worker.run()
            #expect(commits.groups.map(\.count) == [1, 1, 1, 1, 1, 1])
            try expectAllSucceededOnce(store, count: 6)
        }
    }

    @Test("a job that runs longer than the completion delay commits at once, with any waiting", .timeLimit(.minutes(1)))
    func slow() async throws {
        try await withWorkerQueue(labels: ["quick", "slow", "quick2", "quick3"]) { store, commits in
            let worker = makeWorker(store, commits, batch: 4, slow: ["slow"]) { $0.completionDelay = 0.02 }
            try await worker.run()
            #expect(commits.groups.map(\.count) == [2, 2])
            try expectAllSucceededOnce(store, count: 4)
        }
    }

    @Test("a job whose effects throw fails alone; the others of its claim still succeed", .timeLimit(.minutes(1)))
    func oneFails() async throws {
        try await withWorkerQueue(labels: ["a", "b", "bad", "d"]) { store, commits in
            let worker = makeWorker(store, commits, batch: 4, failing: ["bad"])
            try await worker.run()
            #expect(commits.groups.map(\.count) == [1, 1, 1])
            #expect(counts(worker) == [3, 1, 0, 0])
            let states = try store.jobs(limit: 10).map { "\($0.decodedLabel)=\($0.state.rawValue)" }.sorted()
            #expect(states == ["a=succeeded", "b=succeeded", "bad=dead", "d=succeeded"])
        }
    }
}

// MARK: - Helpers

private let testQueue = QueueName("test")

/// Which jobs' effects committed in the same transaction, in commit order.
private final class CommitLog: Sendable {
    private let state = Mutex<(pending: [Int64], groups: [[Int64]])>(([], []))

    var groups: [[Int64]] { state.withLock { $0.groups } }

    func record(_ job: Job, in db: Database) {
        state.withLock { $0.pending.append(job.id) }
        db.afterNextTransaction(
            onCommit: { _ in self.state.withLock { if !$0.pending.isEmpty { $0.groups.append($0.pending); $0.pending = [] } } },
            onRollback: { _ in self.state.withLock { $0.pending = [] } })
    }
}

/// Completes each job with effects that log its commit; `failing` labels throw a non-retryable
/// failure from their effects, `slow` labels take 60 ms.
private struct RecordingHandler: JobHandler {
    let queue = testQueue
    let commits: CommitLog
    let failing: Set<String>
    let slow: Set<String>

    func perform(_ job: Job, context: JobContext) async throws -> JobCompletion {
        let label = job.decodedLabel, commits = self.commits, fails = failing.contains(label)
        if slow.contains(label) { try await Task.sleep(for: .milliseconds(60)) }
        return JobCompletion { db in
            if fails { throw JobFailure("effects of \(label) failed", isRetryable: false) }
            commits.record(job, in: db)
        }
    }
}

private func makeWorker(_ store: JobStore, _ commits: CommitLog, batch: Int, failing: Set<String> = [], slow: Set<String> = [],
                        configure: (inout WorkerConfiguration) -> Void = { _ in }) -> Worker
{
    var configuration = WorkerConfiguration(queue: testQueue, name: "test")
    configuration.batchSize = batch
    configuration.exitWhenIdle = true
    configure(&configuration)
    return Worker(store: store, handler: RecordingHandler(commits: commits, failing: failing, slow: slow),
                  configuration: configuration, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
}

/// A fresh database file with `labels` enqueued in order on the test queue, removed afterwards.
private func withWorkerQueue(labels: [String], _ body: (JobStore, CommitLog) async throws -> Void) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let log = try ExperimentLog(path: dir.appendingPathComponent("state.sqlite").path)
    let store = try JobStore(pool: log.pool)
    for label in labels { try store.enqueue(NewJob(queue: testQueue, payload: #"{"label":"\#(label)"}"#)) }
    try await body(store, CommitLog())
}

/// Succeeded, failed, released, lost.
private func counts(_ worker: Worker) -> [Int] {
    let counts = worker.processed
    return [counts.succeeded, counts.failed, counts.released, counts.lost]
}

private func expectAllSucceededOnce(_ store: JobStore, count: Int) throws {
    let jobs = try store.jobs(limit: count + 10)
    #expect(jobs.count == count)
    #expect(jobs.allSatisfy { $0.state == .succeeded && $0.attempts == 1 })
    #expect(try store.workers().first?.jobsSucceeded == count)
}

private extension Job {
    var decodedLabel: String { (try? decodePayload([String: String].self))?["label"] ?? "?" }
}
