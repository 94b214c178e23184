import ExperimentLog
import Foundation
import GRDB
@testable import JobQueue
import Testing

@Suite("The WAL checkpoint policy")
struct CheckpointTests {
    func walSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
    }

    @Test("a reader left in an open transaction holds frames back and is reported; once it closes the WAL is cut back")
    func openReader() throws {
        try withQueue(clock: nil) { store, _, path in
            // An operator's shell that ran BEGIN and walked away.
            let shell = try DatabaseQueue(path: path, configuration: {
                var c = Configuration()
                c.readonly = true
                c.allowsUnsafeTransactions = true
                return c
            }())
            try shell.inDatabase { db in
                try db.execute(sql: "BEGIN")
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs")
            }
            let payload = String(repeating: "x", count: 2000)
            for i in 0..<3000 { try store.enqueue(NewJob(queue: .round, payload: #"{"pad":"\#(payload)","i":\#(i)}"#)) }
            let held = try store.checkpoint()
            #expect(held.pending > 1000, "\(held)")
            let grown = walSize(path)
            #expect(grown > ExperimentLog.walSizeLimit / 4)

            try shell.inDatabase { db in try db.execute(sql: "COMMIT") }
            try shell.close()
            let caughtUp = try store.checkpoint()
            #expect(caughtUp.pending == 0, "\(caughtUp)")
            // The next write starts the WAL over and truncates the file to journal_size_limit.
            try store.enqueue(NewJob(queue: .round))
            #expect(walSize(path) <= ExperimentLog.walSizeLimit)
        }
    }

    @Test("a reader that opens no transaction (sqlite3 -readonly running queries) never holds the WAL back")
    func politeReader() throws {
        try withQueue(clock: nil) { store, _, path in
            let shell = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
            let payload = String(repeating: "y", count: 2000)
            var largest = 0
            for round in 0..<30 {
                for i in 0..<200 { try store.enqueue(NewJob(queue: .round, payload: #"{"pad":"\#(payload)","i":\#(round * 200 + i)}"#)) }
                _ = try shell.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM queue_summary") }
                let status = try store.checkpoint()
                #expect(status.pending == 0)
                largest = max(largest, walSize(path))
            }
            // 6,000 jobs of 2 KB (about 12 MB of pages) went through a WAL that never grew past the limit.
            #expect(largest <= ExperimentLog.walSizeLimit + (1 << 20), "WAL reached \(largest) bytes")
        }
    }
}
