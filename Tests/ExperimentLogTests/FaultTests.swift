import Foundation
import GRDB
import Testing
@testable import ExperimentLog

@Suite struct FaultTests {
    @Test func aFullDiskFailsTheRecordCleanlyAndLeavesTheLogConsistent() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            try log.record(LogFixtures.round(1, of: run.id, .rejected, parent: run.initialSHA), candidate: nil)
            let before = try #require(try log.run(run.id))
            // Cap the file a couple of pages above its current size: the next sizeable write finds the disk full.
            try log.pool.writeWithoutTransaction { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
            }
            let candidate = LogFixtures.noise(count: 1 << 20, seed: 3)  // 1 MiB that zstd cannot shrink
            let kept = LogFixtures.round(2, of: run.id, .kept, parent: run.initialSHA, candidate: candidate)
            let error = try #require(throws: ExperimentLogError.self) { try log.record(kept, candidate: candidate) }
            #expect(error.sqliteCode == 13, "\(error)")  // SQLITE_FULL
            #expect(error.description.hasPrefix("run \(run.id) round 2: record: SQLite error 13"), "\(error)")
            #expect(!error.description.contains("\n"))
            #expect(try log.run(run.id) == before)
            #expect(try log.rounds(run: run.id).count == 1)
            #expect(try log.blob(ExperimentLog.sha256Hex(candidate)) == nil)
            #expect(try log.pool.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
            // Space again: the same round records, once.
            try log.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1073741823") }
            #expect(try log.record(kept, candidate: candidate))
            #expect(try log.run(run.id)?.bestRound == 2)
            #expect(try log.blob(ExperimentLog.sha256Hex(candidate)) == candidate)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func twoPoolsWritingOneFileTogetherNeverSeeBusy() throws {
        try LogFixtures.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("shared.sqlite").path
            let logs = [try ExperimentLog(path: path), try ExperimentLog(path: path)]
            let rounds = 40, writers = 4
            let runIds = RunIds()
            try LogFixtures.onThreads(writers) { writer in
                let log = logs[writer % logs.count]
                let run = try LogFixtures.createRun(log, client: "client-\(writer)", seed: UInt64(100 + writer))
                runIds.add(run.id)
                var best = run.initialSHA
                for number in 1...rounds {
                    if number % 3 == 0 {
                        let candidate = LogFixtures.container(seed: UInt64(writer * 1000 + number))
                        try log.record(LogFixtures.round(number, of: run.id, .kept, parent: best, candidate: candidate), candidate: candidate)
                        best = ExperimentLog.sha256Hex(candidate)
                    } else {
                        try log.record(LogFixtures.round(number, of: run.id, .reverted, parent: best), candidate: nil)
                    }
                    _ = try log.storeBlob(LogFixtures.container(seed: UInt64(number)))  // the same blobs from every writer
                    _ = try log.run(run.id)
                }
            }
            let reader = logs[0]
            #expect(try reader.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rounds") } == rounds * writers)
            for id in runIds.all {
                let run = try #require(try reader.run(id))
                #expect(run.roundsDone == rounds && run.bestRound == rounds - rounds % 3)
                #expect(try reader.blob(run.bestSHA) != nil)
            }
        }
    }
}

/// Run ids collected from several threads.
final class RunIds: @unchecked Sendable {
    // Invariant: `ids` is only touched with `lock` held.
    private let lock = NSLock()
    private var ids: [Int64] = []

    func add(_ id: Int64) { lock.withLock { ids.append(id) } }
    var all: [Int64] { lock.withLock { ids } }
}
