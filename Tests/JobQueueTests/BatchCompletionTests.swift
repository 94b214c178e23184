import Foundation
import GRDB
@testable import JobQueue
import Testing

@Suite("Completing several jobs in one transaction, and reading job rows")
struct BatchCompletionTests {
    @Test("every job of a batch succeeds with its own result and effects; the worker's tally counts them all")
    func batch() throws {
        try withQueue { store, _, _ in
            try store.register(worker: "w", name: "w", queue: .round, host: "box", pid: 1, concurrency: 1)
            for label in ["a", "b", "c"] { try store.enqueue(.test(label)) }
            let jobs = try store.claim(from: .round, by: "w", limit: 3, lease: 30)
            try store.complete(jobs.map { job in
                (job: job, result: #"{"label":"\#(job.label)"}"#, effects: { db in
                    try store.enqueue(.test("after-\(job.label)", key: "after-\(job.label)"), in: db)
                })
            })
            for job in jobs {
                let done = try #require(try store.job(job.id))
                #expect(done.state == .succeeded && done.leaseOwner == nil && done.leaseExpiresAt == nil && done.finishedAt != nil)
                #expect(done.result == #"{"label":"\#(job.label)"}"# && done.attempts == 1)
            }
            #expect(try store.jobs(state: .available).map(\.label).sorted() == ["after-a", "after-b", "after-c"])
            #expect(try store.workers().first?.jobsSucceeded == 3)
        }
    }

    @Test("one lost lease in a batch writes nothing, rolls back the effects before it, and runs none after it")
    func fence() throws {
        let clock = ManualClock()
        try withQueue(clock: clock) { store, _, _ in
            try store.register(worker: "w", name: "w", queue: .round, host: "box", pid: 1, concurrency: 1)
            try store.enqueue(.test("stale"))
            let stale = try #require(try store.claim(from: .round, by: "w", lease: 10).first)
            try store.enqueue(.test("fresh"))
            let fresh = try #require(try store.claim(from: .round, by: "w", lease: 60).first)
            try store.enqueue(.test("last"))
            let last = try #require(try store.claim(from: .round, by: "w", lease: 60).first)
            clock.advance(11)
            #expect(try store.reap(workersDeadAfter: 60).requeued.map(\.id) == [stale.id])
            var ran: [String] = []
            let effects = { (label: String) in { (db: Database) throws -> Void in
                ran.append(label)
                try store.enqueue(.test("after-\(label)"), in: db)
            } }
            #expect(throws: JobQueueError.leaseLost(job: stale.id, lease: Lease(owner: "w", attempt: 1))) {
                try store.complete([(job: fresh, result: nil, effects: effects("fresh")),
                                    (job: stale, result: nil, effects: effects("stale")),
                                    (job: last, result: nil, effects: effects("last"))])
            }
            #expect(ran == ["fresh"])
            #expect(try store.job(fresh.id)?.state == .running && store.job(last.id)?.state == .running)
            #expect(try store.jobs().count == 3)
            #expect(try store.workers().first?.jobsSucceeded == 0)
            // One by one, each job gets its own outcome.
            #expect(throws: JobQueueError.self) { try store.complete(stale) }
            try store.complete(fresh)
            try store.complete(last)
            #expect(try store.workers().first?.jobsSucceeded == 2)
        }
    }

    @Test("effects that throw roll the whole batch back")
    func effectsRollBack() throws {
        struct Boom: Error {}
        try withQueue { store, _, _ in
            for label in ["a", "b"] { try store.enqueue(.test(label)) }
            let jobs = try store.claim(from: .round, by: "w", limit: 2, lease: 30)
            #expect(throws: Boom.self) {
                try store.complete([(job: jobs[0], result: nil, effects: { db in try store.enqueue(.test("next"), in: db) }),
                                    (job: jobs[1], result: nil, effects: { _ in throw Boom() })])
            }
            #expect(try store.jobs(state: .running).count == 2)
            #expect(try store.jobs().count == 2)
        }
    }

    @Test("a job that is not running cannot be in a batch")
    func notRunning() throws {
        try withQueue { store, _, _ in
            let job = try store.enqueue(.test("a"))
            #expect(throws: JobQueueError.wrongState(job: job.id, state: .available, action: "finish")) {
                try store.complete([(job: job, result: nil, effects: { _ in })])
            }
            try store.complete([])
        }
    }

    @Test("a job row reads back every column, and a state that is not a JobState is a decoding error")
    func rows() throws {
        let clock = ManualClock()
        try withQueue(clock: clock) { store, _, _ in
            let runAt = clock.now.addingTimeInterval(-5)
            let enqueued = try store.enqueue(NewJob(queue: .round, payload: #"{"x":1}"#, priority: 3, runAt: runAt, maxAttempts: 4, idempotencyKey: "k"))
            let claimed = try #require(try store.claim(from: .round, by: "w", lease: 30).first)
            #expect(claimed.id == enqueued.id && claimed.queue == .round && claimed.state == .running && claimed.priority == 3)
            #expect(claimed.runAt == JobStore.text(runAt) && claimed.attempts == 1 && claimed.maxAttempts == 4)
            #expect(claimed.leaseOwner == "w" && claimed.leaseExpiresAt == JobStore.text(clock.now.addingTimeInterval(30)))
            #expect(claimed.idempotencyKey == "k" && claimed.payload == #"{"x":1}"# && claimed.result == nil && claimed.lastError == nil)
            #expect(claimed.createdAt == JobStore.text(clock.now) && claimed.startedAt == claimed.updatedAt && claimed.finishedAt == nil)
            let row = try store.pool.read { db in try #require(try Row.fetchOne(db, sql: "SELECT * FROM jobs")) }
            #expect(try Job(row: row) == claimed)
            var damaged = row.asDictionary
            damaged["state"] = "exploded"
            #expect(throws: DecodingError.self) { try Job(row: Row(damaged)) }
        }
    }
}

private extension Row {
    var asDictionary: [String: (any DatabaseValueConvertible)?] {
        Dictionary(uniqueKeysWithValues: map { ($0.0, $0.1 as (any DatabaseValueConvertible)?) })
    }
}
