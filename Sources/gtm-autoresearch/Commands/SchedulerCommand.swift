import ArgumentParser
import ExperimentLog
import Fleet
import Foundation
import JobQueue
import Logging
import ServiceLifecycle
import SystemdNotify
import UnixSignals

struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Enqueue each client's runs at its schedule's ticks.",
        discussion: """
        Reads --config (JSON; format in the README, "The fleet"), then enqueues one run per client at \
        each tick of its schedules, once: a tick is recorded with its run, so two schedulers never \
        enqueue the same night twice. --once looks at the schedules one time and exits (cron, tests).

        Exit status: 0 stopped; 1 the database could not be opened; 64 bad arguments; 65 a bad configuration file.
        """
    )

    @Option(help: "The scheduler's configuration file (JSON).")
    var config: String

    @Flag(help: "Enqueue what is due now, print it, and exit.")
    var once = false

    @Option(help: ArgumentHelp("With --once: the instant to act at instead of now (ISO-8601 UTC).", valueName: "time"))
    var now: String?

    @Option(help: "A credentials file of NAME=value lines; the environment comes first.")
    var credentials: String?

    @OptionGroup var logging: LoggingOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if now != nil && !once { throw ValidationError("--now goes with --once.") }
        if let now, Timestamp.date(from: now) == nil { throw ValidationError("--now must be an ISO-8601 UTC time such as 2026-11-27T02:00:00Z.") }
    }

    func run() async throws {
        let configuration: SchedulerConfiguration
        do { configuration = try SchedulerConfiguration.load(path: config) } catch {
            InputDataError.report("\(error)")
            throw InputDataError.exitCode
        }
        if !once { EarlySignals.exitQuietly() }
        let logger = logging.bootstrap(label: "gtm-autoresearch.scheduler")
        let log = try database.open()
        let store: JobStore
        do { store = try JobStore(pool: log.pool) } catch { throw CommandFailure("\(database.path): \(error)") }
        let mutators = MutatorFactory(environment: ProcessInfo.processInfo.environment, credentialsFile: credentials)
        let notifier = SystemdNotifier(environment: ProcessInfo.processInfo.environment)
        let scheduler = Scheduler(configuration: configuration, enqueuer: RunEnqueuer(log: log, store: store), mutators: mutators,
                                  logger: logger, hooks: .systemd(notifier))
        if once {
            let at = now.flatMap(Timestamp.date(from:)) ?? Date()
            let enqueued = scheduler.tick(now: at)
            for e in enqueued {
                print("run \(e.runId) enqueued for \(e.client) (schedule \(e.schedule), tick \(Timestamp.string(from: e.tick)), job \(e.jobId))")
            }
            if enqueued.isEmpty { print("nothing due at \(Timestamp.string(from: at))") }
            return
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [scheduler], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
