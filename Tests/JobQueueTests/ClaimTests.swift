import Foundation
import Synchronization
import GRDB
@testable import JobQueue
import Testing

@Suite("Claiming jobs")
struct ClaimTests {
    @Test("claims in priority, run_at, id order, in batches, and never twice")
    func order() throws {
        let clock = ManualClock()
        try withQueue(clock: clock) { store, _, _ in
            try store.enqueue(.test("low-1", priority: 5))
            try store.enqueue(.test("high-later", priority: 0, runAt: clock.now.addingTimeInterval(-1)))
            try store.enqueue(.test("high-earlier", priority: 0, runAt: clock.now.addingTimeInterval(-10)))
            try store.enqueue(.test("low-2", priority: 5))
            try store.enqueue(.test("other-queue", queue: .collect, priority: -9))
            let first = try store.claim(from: .round, by: "w1", limit: 3, lease: 30)
            #expect(first.map(\.label) == ["high-earlier", "high-later", "low-1"])
            #expect(first.allSatisfy { $0.state == .running && $0.attempts == 1 && $0.leaseOwner == "w1" })
            let second = try store.claim(from: .round, by: "w2", limit: 3, lease: 30)
            #expect(second.map(\.label) == ["low-2"])
            #expect(try store.claim(from: .round, by: "w3", limit: 3, lease: 30).isEmpty)
        }
    }

    @Test("a delayed job waits for its run_at")
    func delayed() throws {
        let clock = ManualClock()
        try withQueue(clock: clock) { store, _, _ in
            try store.enqueue(.test("later", runAt: clock.now.addingTimeInterval(60)))
            #expect(try store.claim(from: .round, by: "w", lease: 30).isEmpty)
            clock.advance(61)
            #expect(try store.claim(from: .round, by: "w", lease: 30).map(\.label) == ["later"])
        }
    }

    @Test("a paused queue gives nothing until it is resumed")
    func pause() throws {
        try withQueue { store, _, _ in
            try store.enqueue(.test("a"))
            #expect(try store.pause(.round))
            #expect(try store.pause(.round) == false)
            #expect(try store.claim(from: .round, by: "w", lease: 30).isEmpty)
            #expect(try store.pausedQueues() == [.round])
            #expect(try store.resume(.round))
            #expect(try store.claim(from: .round, by: "w", lease: 30).count == 1)
        }
    }

    @Test("an idempotency key is unique per queue")
    func idempotency() throws {
        try withQueue { store, _, _ in
            let first = try store.enqueue(.test("a", key: "run-1-round-2"))
            let again = try store.enqueue(.test("b", key: "run-1-round-2"))
            #expect(again.id == first.id && again.label == "a")
            let elsewhere = try store.enqueue(.test("c", queue: .collect, key: "run-1-round-2"))
            #expect(elsewhere.id != first.id)
            #expect(try store.jobs().count == 2)
        }
    }

    @Test("bad jobs are refused with a clear error and nothing is written")
    func invalid() throws {
        try withQueue { store, _, _ in
            let spaced = NewJob(queue: QueueName("Round Robin"))
            let error = #expect(throws: JobQueueError.self) { try store.enqueue(spaced) }
            #expect(error?.description.contains("\"Round Robin\" is not a queue name") == true)
            #expect(throws: JobQueueError.self) { try store.enqueue(NewJob(queue: .round, payload: "{not json")) }
            #expect(throws: JobQueueError.self) { try store.enqueue(NewJob(queue: .round, maxAttempts: 0)) }
            let remaining = try store.jobs()
            #expect(remaining.isEmpty)
        }
    }

    @Test("the claim reads the partial index in order: no sort, no scan of finished jobs")
    func queryPlan() throws {
        try withQueue { store, _, _ in
            let plan = try store.pool.read { db in
                try Row.fetchAll(db, sql: """
                    EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE queue = 'round' AND state = 'available' AND run_at <= '2030'
                    ORDER BY priority, run_at, id LIMIT 8
                    """).map { $0["detail"] as String }
            }
            let joined = plan.joined(separator: " | ")
            #expect(joined.contains("jobs_claim"), "plan: \(joined)")
            #expect(!joined.contains("TEMP B-TREE"), "plan: \(joined)")
        }
    }

    @Test("two pools (as two processes would) claiming at once never share a job")
    func concurrentClaims() throws {
        try withQueue(clock: nil) { store, _, path in
            for i in 0..<600 { try store.enqueue(.test("\(i)")) }
            let other = try JobStore(pool: DatabasePool(path: path, configuration: {
                var c = Configuration()
                c.busyMode = .timeout(5)
                return c
            }()))
            let claimedBy = Mutex<[Int64: Int]>([:])
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                let mine = worker.isMultiple(of: 2) ? store : other
                while let jobs = try? mine.claim(from: .round, by: "w\(worker)", limit: 7, lease: 30), !jobs.isEmpty {
                    claimedBy.withLock { seen in for job in jobs { seen[job.id, default: 0] += 1 } }
                }
            }
            let counts = claimedBy.withLock { $0 }
            #expect(counts.count == 600)
            #expect(counts.values.allSatisfy { $0 == 1 })
        }
    }
}
