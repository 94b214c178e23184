import ArgumentParser
import Delivery
import ExperimentLog
import Fleet
import Foundation
import JobQueue
import Logging
import ServiceLifecycle
import SystemdNotify
import UnixSignals

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Claim and run jobs from a queue until SIGTERM.",
        discussion: """
        Each slot (--concurrency) claims up to --batch jobs at a time with a lease of --lease seconds, \
        renewed every --heartbeat seconds while it works. On SIGTERM or Ctrl-C the worker stops \
        claiming, gives the jobs in hand --grace seconds to finish, releases the rest, and exits 0. \
        Under systemd it reports readiness and feeds the watchdog (NOTIFY_SOCKET).

        Exit status: 0 stopped; 1 the database could not be opened; 64 bad arguments.
        """
    )

    @Option(help: "The queue to work (stages in this build: round, deliver).")
    var queue: String = QueueName.round.rawValue

    @Option(help: "Jobs worked at once in this process.")
    var concurrency: Int = 1

    @Option(help: "Most jobs one claim takes per slot (short jobs of one claim then also commit together).")
    var batch: Int = 1

    @Option(help: "Seconds a claim holds a job without a heartbeat.")
    var lease: Double = 30

    @Option(help: "Seconds between heartbeats (lease renewals).")
    var heartbeat: Double = 5

    @Option(help: "Seconds the jobs in hand may take to finish after SIGTERM (keep below the unit's TimeoutStopSec).")
    var grace: Double = 25

    @Option(help: "Seconds an idle slot waits before claiming again.")
    var poll: Double = 0.5

    @Option(help: "The worker's name in the workers table (default: the host name).")
    var name: String?

    @Flag(name: .customLong("exit-when-idle"), help: "Exit once the queue has nothing to claim.")
    var exitWhenIdle = false

    @Option(help: "A credentials file of NAME=value lines (default: ~/.config/gtm-autoresearch/credentials); the environment comes first.")
    var credentials: String?

    @OptionGroup var logging: LoggingOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard QueueName(queue).isValid else { throw ValidationError("\(queue) is not a queue name.") }
        guard Stages.available.contains(QueueName(queue)) else {
            throw ValidationError("no stage handles the \(queue) queue in this build (stages: \(Stages.available.map(\.rawValue).joined(separator: ", "))).")
        }
        if concurrency < 1 || concurrency > 256 { throw ValidationError("--concurrency must be between 1 and 256.") }
        if batch < 1 || batch > 1000 { throw ValidationError("--batch must be between 1 and 1000.") }
        if lease <= 0 || heartbeat <= 0 || poll <= 0 || grace < 0 { throw ValidationError("--lease, --heartbeat and --poll must be positive, --grace not negative.") }
        if heartbeat * 2 > lease { throw ValidationError("--heartbeat must be at most half of --lease, or leases expire between heartbeats.") }
    }

    func run() async throws {
        EarlySignals.exitQuietly()
        let logger = logging.bootstrap(label: "gtm-autoresearch.worker")
        let log = try database.open()
        let store: JobStore
        do { store = try JobStore(pool: log.pool) } catch { throw CommandFailure("\(database.path): \(error)") }
        let environment = ProcessInfo.processInfo.environment
        let mutators = MutatorFactory(environment: environment, credentialsFile: credentials)
        let delivery: Delivery?
        do { delivery = QueueName(queue) == .deliver ? try Delivery.configured(log: log, environment: environment) : nil } catch {
            throw CommandFailure("\(error)")
        }
        guard let handler = Stages.handler(for: QueueName(queue), log: log, store: store, mutators: mutators, delivery: delivery) else {
            throw ValidationError("no stage handles the \(queue) queue in this build.")
        }
        let notifier = SystemdNotifier(environment: ProcessInfo.processInfo.environment)
        var configuration = WorkerConfiguration(queue: QueueName(queue), name: name ?? ProcessInfo.processInfo.hostName)
        configuration.concurrency = concurrency
        configuration.batchSize = batch
        configuration.lease = lease
        configuration.heartbeat = heartbeat
        configuration.grace = grace
        configuration.pollInterval = poll
        configuration.exitWhenIdle = exitWhenIdle
        // Expired leases come back within half a lease (at most 5 s) of expiring.
        configuration.reapInterval = min(5, lease / 2)
        // The heartbeat also feeds systemd's watchdog: it must beat at least as often as asked.
        if let interval = notifier.watchdogInterval {
            configuration.heartbeat = min(heartbeat, Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
        }
        let worker = Worker(store: store, handler: handler, configuration: configuration, logger: logger, hooks: .systemd(notifier))
        // A worker that returns (--exit-when-idle) ends the process normally.
        let service = ServiceGroupConfiguration.ServiceConfiguration(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)
        var groupConfiguration = ServiceGroupConfiguration(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .milliseconds(Int((grace + 3) * 1000))
        try await ServiceGroup(configuration: groupConfiguration).run()
    }
}
