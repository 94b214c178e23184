import Cron
import ExperimentLog
public import Foundation
import JobQueue
import Mutation
public import Logging
public import ServiceLifecycle

/// The scheduler process's service: at each schedule tick, enqueues one run per client.
///
/// A tick is the latest cron time at or before now; it is enqueued if it is less than the
/// schedule's catch-up window old (so a scheduler restarted at 02:10 still starts the 02:00 runs)
/// and never twice: `recurring_ticks` is keyed by schedule, client and tick, and the claim of the
/// tick commits with the run and its first job, so two schedulers cannot both enqueue a night.
public final class Scheduler: Service, Sendable {
    let configuration: SchedulerConfiguration
    let enqueuer: RunEnqueuer
    let mutators: MutatorFactory
    let logger: Logger
    let hooks: LifecycleHooks
    let clock: @Sendable () -> Date
    /// The longest sleep between two looks at the schedules.
    let maximumSleep: TimeInterval

    public init(configuration: SchedulerConfiguration, enqueuer: RunEnqueuer, mutators: MutatorFactory, logger: Logger,
                hooks: LifecycleHooks = .none, clock: @escaping @Sendable () -> Date = { Date() }, maximumSleep: TimeInterval = 60)
    {
        self.configuration = configuration
        self.enqueuer = enqueuer
        self.mutators = mutators
        self.logger = logger
        self.hooks = hooks
        self.clock = clock
        self.maximumSleep = maximumSleep
    }

    /// A run the scheduler put on the queue.
    public struct Enqueued: Sendable, Equatable {
        public var schedule: String
        public var client: String
        public var tick: Date
        public var runId: Int64
        public var jobId: Int64
    }

    public func run() async throws {
        hooks.ready("watching \(configuration.schedules.count) schedule(s) for \(configuration.clients.count) client(s)")
        logger.info("scheduler started", metadata: ["schedules": "\(configuration.schedules.map(\.name))"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = clock()
            _ = tick(now: now)
            hooks.watchdog()
            let wake = nextWake(after: now)
            let seconds = min(max(wake.timeIntervalSince(now), 0.2), maximumSleep)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(seconds * 1000))) }
        }
        hooks.stopping("scheduler stopping")
        logger.info("scheduler stopped")
    }

    /// Enqueues every due tick not enqueued yet; errors for one client are logged and skip it.
    @discardableResult
    public func tick(now: Date) -> [Enqueued] {
        var enqueued: [Enqueued] = []
        for schedule in configuration.schedules {
            guard let cron = try? CronSchedule(expression: schedule.cron, timeZone: schedule.timeZone ?? "UTC"),
                  let latest = cron.previous(atOrBefore: now),
                  now.timeIntervalSince(latest) <= (schedule.catchUpMinutes ?? 360) * 60
            else { continue }
            for client in configuration.clients(of: schedule) {
                let task = "\(schedule.name)/\(client.name)"
                var logger = self.logger
                logger[metadataKey: "schedule"] = "\(schedule.name)"
                logger[metadataKey: "client"] = "\(client.name)"
                do {
                    if try enqueuer.store.hasTick(task: task, at: latest) { continue }
                    guard let run = try enqueue(client, tick: (task, latest), night: Self.night(of: latest, in: cron.timeZone)) else { continue }
                    logger.info("run enqueued", metadata: ["run.id": "\(run.run.id)", "job.id": "\(run.job.id)", "tick": "\(latest)"])
                    enqueued.append(Enqueued(schedule: schedule.name, client: client.name, tick: latest, runId: run.run.id, jobId: run.job.id))
                } catch {
                    logger.error("could not enqueue tonight's run", metadata: ["error": "\(error)"])
                    hooks.status("last error: client \(client.name): \(error)")
                }
            }
        }
        return enqueued
    }

    private func enqueue(_ client: SchedulerConfiguration.Client, tick: (task: String, at: Date), night: String) throws -> (run: RunRecord, job: Job)? {
        guard let bytes = FileManager.default.contents(atPath: client.container) else {
            throw SchedulerConfigurationError(path: client.container, jsonPath: "", reason: "cannot read the container of client \(client.name)")
        }
        let settings = try client.settings()
        let mutator = try mutators.make(for: settings)
        return try enqueuer.enqueue(RunEnqueuer.Request(
            client: client.name, source: client.container, container: Array(bytes), settings: settings, mutatorName: mutator.name,
            outDir: "\(client.out ?? "out/\(client.name)")/\(night)", priority: client.priority ?? 0,
            maxAttempts: client.maxAttempts ?? NewJob.defaultMaxAttempts, tick: tick))
    }

    /// The earliest next tick of any schedule.
    func nextWake(after now: Date) -> Date {
        configuration.schedules.compactMap { schedule in
            (try? CronSchedule(expression: schedule.cron, timeZone: schedule.timeZone ?? "UTC"))?.next(after: now)
        }.min() ?? now.addingTimeInterval(maximumSleep)
    }

    /// The tick's calendar date where the schedule lives: the night a run belongs to.
    static func night(of tick: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: tick)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
