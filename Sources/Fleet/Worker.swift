import Foundation
public import JobQueue
public import Logging
public import ServiceLifecycle
import Synchronization

/// A worker process's service: claims jobs of one queue and hands them to the queue's handler
/// until a graceful shutdown (SIGTERM), then stops claiming, lets the jobs in hand finish within
/// the grace period, releases any that did not, and returns.
///
/// Slots (``WorkerConfiguration/concurrency``) each claim up to ``WorkerConfiguration/batchSize``
/// jobs at a time. A heartbeat renews every lease in hand and the worker's `workers` row, feeds
/// the systemd watchdog, runs the reaper, and checkpoints the WAL.
public final class Worker: Service, Sendable {
    public let id: String
    let store: JobStore
    let handler: any JobHandler
    let configuration: WorkerConfiguration
    let logger: Logger
    let hooks: LifecycleHooks
    /// Jobs in hand and their fences, for the heartbeat.
    private let held = Mutex<[Int64: Lease]>([:])
    private let stopping = Atomic<Bool>(false)
    private let counts = Mutex(Counts())

    /// What this process did, for its exit line and tests.
    public struct Counts: Sendable, Equatable {
        public var succeeded = 0, failed = 0, released = 0, lost = 0
    }

    public init(store: JobStore, handler: any JobHandler, configuration: WorkerConfiguration, logger: Logger,
                hooks: LifecycleHooks = .none, id: String = Worker.makeID())
    {
        self.store = store
        self.handler = handler
        self.configuration = configuration
        self.id = id
        self.hooks = hooks
        var logger = logger
        logger[metadataKey: "worker.id"] = "\(id)"
        logger[metadataKey: "queue"] = "\(configuration.queue)"
        self.logger = logger
    }

    /// `host:pid:random`: unique per process, readable in the `workers` table.
    public static func makeID() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host):\(getpid()):\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    public var isStopping: Bool { stopping.load(ordering: .acquiring) }
    public var processed: Counts { counts.withLock { $0 } }

    public func run() async throws {
        try store.register(worker: id, name: configuration.name, queue: configuration.queue, host: ProcessInfo.processInfo.hostName,
                           pid: Int(getpid()), concurrency: configuration.concurrency)
        // Jobs a killed predecessor held come back before this worker starts claiming.
        reap()
        logger.info("worker started", metadata: ["concurrency": "\(configuration.concurrency)", "batch": "\(configuration.batchSize)"])
        hooks.ready("claiming from \(configuration.queue) with \(configuration.concurrency) slot(s)")

        let heartbeat = Task { await self.heartbeatLoop() }
        let slots = Task { try await self.runSlots() }
        let graceTimer = Mutex<Task<Void, Never>?>(nil)
        defer { graceTimer.withLock { $0?.cancel() } }
        do {
            try await withTaskCancellationHandler {
                try await withGracefulShutdownHandler {
                    try await slots.value
                } onGracefulShutdown: {
                    self.beginStopping()
                    let grace = self.configuration.grace
                    graceTimer.withLock {
                        $0 = Task {
                            try? await Task.sleep(for: .milliseconds(Int(grace * 1000)))
                            if !Task.isCancelled { slots.cancel() }
                        }
                    }
                }
            } onCancel: {
                slots.cancel()
            }
        } catch is CancellationError {
            // The grace period ran out: the jobs still in hand were released by their slots.
        }
        heartbeat.cancel()
        await heartbeat.value
        try? store.markStopped(worker: id)
        let done = processed
        logger.info("worker stopped", metadata: ["succeeded": "\(done.succeeded)", "failed": "\(done.failed)",
                                                 "released": "\(done.released)", "lost": "\(done.lost)"])
    }

    /// Stops claiming; jobs in hand go on.
    public func beginStopping() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        logger.info("stopping: no new claims", metadata: ["grace": "\(configuration.grace)"])
        hooks.stopping("finishing the jobs in hand (up to \(Int(configuration.grace)) s)")
    }

    // MARK: - Slots

    private func runSlots() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            for slot in 0..<max(configuration.concurrency, 1) {
                group.addTask { await self.slotLoop(slot) }
            }
        }
    }

    private func slotLoop(_ slot: Int) async {
        while !isStopping && !Task.isCancelled {
            let jobs: [Job]
            do {
                jobs = try store.claim(from: configuration.queue, by: id, limit: max(configuration.batchSize, 1), lease: configuration.lease)
            } catch {
                logger.error("claim failed", metadata: ["error": "\(error)"])
                await pause(configuration.pollInterval * 4)
                continue
            }
            if jobs.isEmpty {
                if configuration.exitWhenIdle { return }
                await pause(configuration.pollInterval)
                continue
            }
            held.withLock { for job in jobs { $0[job.id] = job.lease } }
            var finished: [Finished] = []
            for (index, job) in jobs.enumerated() {
                if isStopping || Task.isCancelled {
                    await commit(&finished)
                    for rest in jobs[index...] { release(rest) }
                    break
                }
                let started = ContinuousClock.now
                if let done = await perform(job) { finished.append(done) }
                // Short jobs of one claim commit together; a long one commits at once, with any waiting.
                let now = ContinuousClock.now
                if index == jobs.count - 1 || now - started >= completionDelay
                    || finished.first.map({ now - $0.at >= completionDelay }) == true
                {
                    await commit(&finished)
                }
            }
        }
    }

    /// A job whose handler returned, waiting for its completion to commit (still held, so the
    /// heartbeat keeps renewing its lease).
    private struct Finished {
        var job: Job
        var completion: JobCompletion
        var context: JobContext
        var at: ContinuousClock.Instant
    }

    private var completionDelay: Duration { .milliseconds(Int(configuration.completionDelay * 1000)) }

    /// Sleeps up to `seconds`, waking early when the worker starts stopping.
    private func pause(_ seconds: TimeInterval) async {
        let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !isStopping && !Task.isCancelled && ContinuousClock.now < end {
            try? await Task.sleep(for: min(.milliseconds(100), end - ContinuousClock.now))
        }
    }

    /// Runs the handler. A failure is recorded at once; a success is returned for ``commit(_:)``.
    private func perform(_ job: Job) async -> Finished? {
        var logger = self.logger
        logger[metadataKey: "job.id"] = "\(job.id)"
        logger[metadataKey: "job.attempt"] = "\(job.attempts)"
        let context = JobContext(logger: logger, workerID: id, isShuttingDown: { [weak self] in self?.isStopping ?? true })
        do {
            let completion = try await handler.perform(job, context: context)
            return Finished(job: job, completion: completion, context: context, at: .now)
        } catch {
            handle(error, of: job, context: context)
            _ = held.withLock { $0.removeValue(forKey: job.id) }
            return nil
        }
    }

    /// Commits the completions of `finished` in one transaction and empties it. When that fails
    /// (a lost lease, effects that threw, the database), nothing was written, and each job is
    /// completed on its own instead, so each gets its own outcome.
    private func commit(_ finished: inout [Finished]) async {
        guard !finished.isEmpty else { return }
        let batch = finished
        finished.removeAll()
        if batch.count > 1 {
            do {
                try store.complete(batch.map { (job: $0.job, result: $0.completion.result, effects: $0.completion.effects) })
                held.withLock { for done in batch { $0.removeValue(forKey: done.job.id) } }
                counts.withLock { $0.succeeded += batch.count }
                for done in batch { await handler.afterCommit(done.completion, context: done.context) }
                return
            } catch {
                logger.debug("completing jobs together failed; completing them one by one", metadata: ["error": "\(error)"])
            }
        }
        for done in batch {
            defer { _ = held.withLock { $0.removeValue(forKey: done.job.id) } }
            do {
                try store.complete(done.job, result: done.completion.result, effects: done.completion.effects)
                _ = held.withLock { $0.removeValue(forKey: done.job.id) }
                counts.withLock { $0.succeeded += 1 }
                await handler.afterCommit(done.completion, context: done.context)
            } catch {
                handle(error, of: done.job, context: done.context)
            }
        }
    }

    /// A job that threw or could not be completed: a lost lease drops the result; out of grace the
    /// job is released; otherwise the failure is recorded (retried with backoff, or dead).
    private func handle(_ error: any Error, of job: Job, context: JobContext) {
        let logger = context.logger
        switch error {
        case JobQueueError.leaseLost(let id, let lease):
            counts.withLock { $0.lost += 1 }
            logger.warning("lease lost; the result is dropped", metadata: ["job.id": "\(id)", "attempt": "\(lease.attempt)"])
        case _ where Task.isCancelled:
            // Out of grace: hand the job back untouched for another worker.
            release(job)
        default:
            let failure = error as? JobFailure
            do {
                let state = try store.fail(job, error: String(describing: error), retryable: failure?.isRetryable ?? true,
                                           onDead: { job, db in try self.handler.jobEnded(job, in: db) })
                counts.withLock { $0.failed += 1 }
                logger.warning("job failed", metadata: ["error": "\(error)", "state": "\(state.rawValue)"])
            } catch {
                logger.error("could not record a failure; the lease will expire and the job come back",
                             metadata: ["error": "\(error)"])
            }
        }
    }

    private func release(_ job: Job) {
        do {
            try store.release(job)
            counts.withLock { $0.released += 1 }
            logger.info("released a job not started or not finished in the grace period", metadata: ["job.id": "\(job.id)"])
        } catch {
            logger.warning("could not release a job; its lease will expire", metadata: ["job.id": "\(job.id)", "error": "\(error)"])
        }
        _ = held.withLock { $0.removeValue(forKey: job.id) }
    }

    // MARK: - Heartbeat

    private func heartbeatLoop() async {
        let clock = ContinuousClock()
        var lastReap = clock.now, lastCheckpoint = clock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int(configuration.heartbeat * 1000)))
            if Task.isCancelled { break }
            let leases = held.withLock { $0 }
            do {
                let kept = try store.heartbeat(worker: id, state: isStopping ? .stopping : .running, leases: leases, lease: configuration.lease)
                // A job completed while the heartbeat waited for the write lock is no longer held: not lost.
                let stillHeld = held.withLock { $0 }
                for lost in Set(leases.keys).subtracting(kept) where stillHeld[lost] == leases[lost] {
                    logger.warning("lease lost while working (expired or cancelled)", metadata: ["job.id": "\(lost)"])
                }
            } catch {
                logger.error("heartbeat failed", metadata: ["error": "\(error)"])
            }
            hooks.watchdog()
            if clock.now - lastReap >= .milliseconds(Int(configuration.reapInterval * 1000)) {
                lastReap = clock.now
                reap()
            }
            if clock.now - lastCheckpoint >= .milliseconds(Int(configuration.checkpointInterval * 1000)) {
                lastCheckpoint = clock.now
                checkpoint()
            }
        }
    }

    private func reap() {
        do {
            let reaped = try store.reap(workersDeadAfter: configuration.workerDeadAfter,
                                        onDead: { job, db in try self.handler.jobEnded(job, in: db) })
            if !reaped.isEmpty {
                logger.info("reaped expired leases", metadata: [
                    "requeued": "\(reaped.requeued.map(\.id))", "dead": "\(reaped.dead.map(\.id))", "dead_workers": "\(reaped.deadWorkers)",
                ])
            }
        } catch {
            logger.error("reaper failed", metadata: ["error": "\(error)"])
        }
    }

    private func checkpoint() {
        do {
            let wal = try store.checkpoint()
            if wal.pending >= configuration.walWarningFrames {
                logger.warning("a reader is holding the WAL back; close open transactions (use sqlite3 -readonly, no BEGIN left open)",
                               metadata: ["wal.pending_frames": "\(wal.pending)"])
            }
        } catch {
            logger.error("checkpoint failed", metadata: ["error": "\(error)"])
        }
    }
}
