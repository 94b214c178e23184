import Foundation
import GRDB
@testable import JobQueue
import Testing

@Suite("Leases, completion fences, retries and the reaper")
struct LeaseTests {
    @Test("completing runs the effects in the same transaction")
    func complete() throws {
        try withQueue { store, _, _ in
            try store.enqueue(.test("a"))
            let job = try #require(try store.claim(from: .round, by: "w", lease: 30).first)
            try store.complete(job, result: #"{"ok":true}"#) { db in
                try store.enqueue(.test("next", key: "next"), in: db)
            }
            let done = try #require(try store.job(job.id))
            #expect(done.state == .succeeded && done.leaseOwner == nil && done.result == #"{"ok":true}"# && done.finishedAt != nil)
            #expect(try store.jobs(state: .available).map(\.label) == ["next"])
        }
    }

    @Test("effects that throw roll the completion back")
    func effectsRollBack() throws {
        struct Boom: Error {}
        try withQueue { store, _, _ in
            try store.enqueue(.test("a"))
            let job = try #require(try store.claim(from: .round, by: "w", lease: 30).first)
            #expect(throws: Boom.self) {
                try store.complete(job) { db in
                    try store.enqueue(.test("next"), in: db)
                    throw Boom()
                }
            }
            #expect(try store.job(job.id)?.state == .running)
            #expect(try store.jobs().count == 1)
        }
    }

    @Test("a worker that lost its lease can neither complete, fail nor release, and its effects never run")
    func fence() throws {
        let clock = ManualClock()
        try withQueue(clock: clock) { store, _, _ in
            try store.enqueue(.test("a"))
            let stale = try #require(try store.claim(from: .round, by: "slow", lease: 10).first)
            clock.advance(11)
            let reaped = try store.reap(workersDeadAfter: 60)
            #expect(reaped.requeued.map(\.id) == [stale.id])
            let fresh = try #require(try store.claim(from: .round, by: "fast", lease: 10).first)
            #expect(fresh.id == stale.id && fresh.attempts == 2)
            var ran = false
            #expect(throws: JobQueueError.leaseLost(job: stale.id, lease: Lease(owner: "slow", attempt: 1))) {
                try store.complete(stale) { _ in ran = true }
            }
            #expect(!ran)
            #expect(throws: JobQueueError.self) { try store.fail(stale, error: "late") }
            #expect(throws: JobQueueError.self) { try store.release(stale) }
            try store.complete(fresh)
            #expect(try store.job(fresh.id)?.state == .succeeded)
        }
    }

    @Test("the same worker reclaiming its own expired job is fenced by the attempt number")
    func fenceSameOwner() throws {
        let clock = ManualClock()
        try withQueue(clock: clock) { store, _, _ in
            try store.enqueue(.test("a"))
            let first = try #require(try store.claim(from: .round, by: "w", lease: 10).first)
            clock.advance(11)
            try store.reap(workersDeadAfter: 60)
            let second = try #require(try store.claim(from: .round, by: "w", lease: 10).first)
            #expect(throws: JobQueueError.self) { try store.complete(first) }
            try store.complete(second)
        }
    }

    @Test("a failure waits out an exponential backoff, then dies after max attempts with its error kept")
    func failAndDie() throws {
        let clock = ManualClock()
        try withQueue(clock: clock, random: 1.0) { store, _, _ in
            try store.enqueue(.test("flaky", maxAttempts: 2))
            let first = try #require(try store.claim(from: .round, by: "w", lease: 30).first)
            #expect(try store.fail(first, error: "HTTP 503") == .failed)
            let waiting = try #require(try store.job(first.id))
            #expect(waiting.state == .failed && waiting.lastError == "HTTP 503")
            // Backoff(base 5 s) after attempt 1 with full jitter at 1.0: 5 s.
            clock.advance(4)
            #expect(try store.claim(from: .round, by: "w", lease: 30).isEmpty)
            clock.advance(2)
            let second = try #require(try store.claim(from: .round, by: "w", lease: 30).first)
            #expect(second.attempts == 2)
            var buried: [Int64] = []
            #expect(try store.fail(second, error: "HTTP 503 again") { job, _ in buried.append(job.id) } == .dead)
            #expect(buried == [first.id])
            let dead = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT id, last_error FROM dead_letters") }
            #expect(dead.count == 1 && dead[0]["last_error"] == "HTTP 503 again")
        }
    }

    @Test("a non-retryable failure dies at once")
    func notRetryable() throws {
        try withQueue { store, _, _ in
            try store.enqueue(.test("bad input"))
            let job = try #require(try store.claim(from: .round, by: "w", lease: 30).first)
            #expect(try store.fail(job, error: "not a GTM export", retryable: false) == .dead)
        }
    }

    @Test("the reaper counts the lost attempt and dead-letters a job out of attempts; dead workers show")
    func reaper() throws {
        let clock = ManualClock()
        try withQueue(clock: clock) { store, _, _ in
            try store.register(worker: "w1", name: "one", queue: .round, host: "box", pid: 1, concurrency: 1)
            try store.enqueue(.test("once", maxAttempts: 1))
            try store.enqueue(.test("twice", maxAttempts: 2))
            let jobs = try store.claim(from: .round, by: "w1", limit: 2, lease: 10)
            #expect(jobs.count == 2)
            clock.advance(9)
            #expect(try store.reap(workersDeadAfter: 60).isEmpty)
            clock.advance(52)
            var dead: [String] = []
            let reaped = try store.reap(workersDeadAfter: 60) { job, _ in dead.append(job.label) }
            #expect(reaped.dead.map(\.label) == ["once"] && dead == ["once"])
            #expect(reaped.requeued.map(\.label) == ["twice"])
            #expect(reaped.deadWorkers == ["w1"])
            let requeued = try #require(try store.job(reaped.requeued[0].id))
            #expect(requeued.state == .available && requeued.attempts == 1 && requeued.lastError?.contains("lease of w1 expired") == true)
            #expect(try store.workers().first?.state == .dead)
        }
    }

    @Test("heartbeats keep leases alive and report the ones lost")
    func heartbeat() throws {
        let clock = ManualClock()
        try withQueue(clock: clock) { store, _, _ in
            try store.register(worker: "w", name: "w", queue: .round, host: "box", pid: 1, concurrency: 2)
            try store.enqueue(.test("kept"))
            try store.enqueue(.test("cancelled"))
            let jobs = try store.claim(from: .round, by: "w", limit: 2, lease: 10)
            let leases = Dictionary(uniqueKeysWithValues: jobs.map { ($0.id, $0.lease!) })
            try store.cancel(jobs[1].id)
            for _ in 0..<5 {
                clock.advance(8)
                let held = try store.heartbeat(worker: "w", leases: leases, lease: 10)
                #expect(held == [jobs[0].id])
                #expect(try store.reap(workersDeadAfter: 60).isEmpty)
            }
            try store.complete(jobs[0])
        }
    }

    @Test("release gives the job back without counting the attempt")
    func release() throws {
        try withQueue { store, _, _ in
            try store.enqueue(.test("a"))
            let job = try #require(try store.claim(from: .round, by: "w", lease: 30).first)
            try store.release(job)
            let back = try #require(try store.job(job.id))
            #expect(back.state == .available && back.attempts == 0 && back.leaseOwner == nil)
        }
    }

    @Test("cancel and retry follow the state machine")
    func cancelRetry() throws {
        try withQueue { store, _, _ in
            let job = try store.enqueue(.test("a"))
            try store.cancel(job.id)
            #expect(throws: JobQueueError.wrongState(job: job.id, state: .cancelled, action: "cancel")) { try store.cancel(job.id) }
            let retried = try store.retry(job.id)
            #expect(retried.state == .available && retried.attempts == 0)
            #expect(throws: JobQueueError.wrongState(job: job.id, state: .available, action: "retry")) { try store.retry(job.id) }
            #expect(throws: JobQueueError.noSuchJob(999)) { try store.retry(999) }
        }
    }

    @Test("queue_summary counts jobs per queue and state")
    func summary() throws {
        try withQueue { store, _, _ in
            for i in 0..<3 { try store.enqueue(.test("\(i)")) }
            try store.enqueue(.test("c", queue: .collect))
            _ = try store.claim(from: .round, by: "w", lease: 30)
            try store.pause(.collect)
            let rows = try store.summary()
            #expect(rows.map { "\($0.queue)/\($0.state.rawValue)=\($0.jobs)\($0.paused ? " paused" : "")" }
                == ["collect/available=1 paused", "round/available=2", "round/running=1"])
        }
    }

    @Test("backoff grows exponentially up to its cap, jittered below it")
    func backoff() {
        let b = Backoff(base: 2, cap: 60, jitter: 0.5)
        #expect(b.delay(afterAttempt: 1, unit: 1) == 2)
        #expect(b.delay(afterAttempt: 3, unit: 1) == 8)
        #expect(b.delay(afterAttempt: 3, unit: 0) == 4)
        #expect(b.delay(afterAttempt: 30, unit: 1) == 60)
    }
}
