import ArgumentParser
import AutoResearchLoop
import ExperimentLog
import Fleet
import Foundation
import GTMModel
import JobQueue
import Mutation

struct QueueRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Enqueue a run now and print its id.",
        discussion: """
        The run takes the same loop options as `gtm-autoresearch run`. It starts as `queued`; a worker \
        (`gtm-autoresearch worker --queue round`) records each round and enqueues the next in one \
        transaction, and writes the deliverables to --out when the run ends.

        Exit status: 0 enqueued; 1 a failure; 64 bad arguments; 65 a file that is not a GTM export, a bad configuration file \
        or a bad scenario file (nothing is enqueued).
        """
    )

    @Option(help: "The client this run is for.")
    var client: String

    @Option(help: "The GTM container export to improve.")
    var container: String

    @Option(help: "Where the deliverables go (default: out/<client>/<date>, from the current folder).")
    var out: String?

    @Option(help: "Lower runs first among queued jobs.")
    var priority: Int = 0

    @Option(help: "Start no earlier than this many seconds from now.")
    var delay: Double?

    @Option(name: .customLong("max-attempts"), help: "Attempts each round job gets before the run fails.")
    var maxAttempts: Int = NewJob.defaultMaxAttempts

    @OptionGroup var loop: RunSettingsOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if client.isEmpty { throw ValidationError("--client must not be empty.") }
        if let delay, delay < 0 { throw ValidationError("--delay must not be negative.") }
        if maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1.") }
    }

    func run() async throws {
        let loader = ContainerLoader()
        let bytes: [UInt8]
        do {
            bytes = try loader.read(path: container)
            _ = try loader.decode(bytes, path: container)
        } catch {
            InputDataError.report(error.description)
            throw InputDataError.exitCode
        }
        let settings = try loop.settings()
        _ = try ScorerOptions.makeScorer(settings.scoring, labels: loop.scoring.labels)
        let mutator = try loop.model.makeMutator(settings: settings)
        let (log, store) = try database.openFleet()
        let folder = out ?? "out/\(client)/\(Timestamp.today())"
        let outDir = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
        let request = RunEnqueuer.Request(
            client: client, source: container, container: bytes, settings: settings, mutatorName: mutator.name, outDir: outDir,
            priority: priority, runAt: delay.map { Date().addingTimeInterval($0) }, maxAttempts: maxAttempts)
        guard let (run, job) = try RunEnqueuer(log: log, store: store).enqueue(request) else {
            throw CommandFailure("the run was not enqueued")
        }
        print("run \(run.id) queued for \(client) as job \(job.id): \(settings.rounds.map { "\($0) rounds" } ?? "until a stop rule") with \(mutator.name), starting at \(String(format: "%.4f", run.initialScore.overall))")
    }
}
