import ArgumentParser
import AutoResearchLoop
import Delivery
import ExperimentLog
import Foundation
import GTMModel
import RunDeliverables
import Scoring

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Improve a container overnight: rounds of propose → guard → score → keep or revert.",
        discussion: """
        Each round the mutator proposes one minimal patch to the weakest dimension; the guard rejects \
        anything that breaks the container or loses measurement (for a web container: a (destination, \
        event) pair some preview scenario fires, the shipped ones plus --scenarios); the patch is kept \
        only if the score rises and no dimension drops by more than --regression-threshold, and each \
        kept patch's QA verdicts are recorded with its round. Every round is \
        recorded once in the database (--db); Ctrl-C stops after the current round, and \
        `run --resume RUN_ID` continues a stopped, failed or killed run exactly where the log says.

        Stop rules: --rounds, --max-minutes, --max-cost, --target, --plateau (default: 30 rounds \
        when none is given). Leaves winning-config.json, report.html, rounds.jsonl and the staging \
        workspace in --out.

        Exit status: 0 the run ended (any stop rule, or Ctrl-C); 1 the mutator failed (resumable); \
        64 bad arguments; 65 a file that is not a GTM export, a bad configuration file or a bad scenario file.
        """
    )

    @Argument(help: "The GTM container export to improve (not needed with --resume).")
    var file: String?

    @Option(help: "Continue this run from the database.")
    var resume: Int64?

    @Option(help: "The client this run is for (default: the container's name).")
    var client: String?

    @Option(help: "Where the deliverables go (default: ./out/<client>/<date>/).")
    var out: String?

    @Option(help: "The staging workspace folder (default: ./out/<client>/staging, or <out>/staging with --out).")
    var staging: String?

    @OptionGroup var loop: RunSettingsOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if resume == nil && file == nil { throw ValidationError("Give a container export file, or --resume RUN_ID.") }
        if resume != nil && file != nil { throw ValidationError("--resume continues a stored run; do not give a file with it.") }
        // A resumed run keeps the settings it was started with: an option that would change them
        // is refused rather than silently ignored.
        if resume != nil {
            let given = [("--client", client != nil)] + loop.given
            let ignored = given.filter(\.1).map(\.0)
            if !ignored.isEmpty {
                throw ValidationError("\(ignored.joined(separator: ", ")): a resumed run keeps the settings it started with; start a new run to change them.")
            }
        }
    }

    func run() async throws {
        let log = try database.open()
        let runId: Int64
        let settings: RunSettings
        if let resume {
            guard let stored = try log.run(resume) else { throw CommandFailure("there is no run \(resume) in \(database.path)") }
            runId = resume
            settings = stored.settings
        } else {
            settings = try loop.settings()
            runId = try start(log: log, settings: settings)
        }
        guard let stored = try log.run(runId) else { throw CommandFailure("there is no run \(runId) in \(database.path)") }
        let scorer = try ScorerOptions.makeScorer(settings.scoring)
        let driver = RunDriver(log: log, runner: RoundRunner(mutator: try loop.model.makeMutator(settings: settings), scorer: scorer,
                                                               program: try loop.model.program(settings: settings)))

        let interrupt = InterruptFlag.install()
        let display = ProgressDisplay(total: settings.rounds)
        display.started(stored)
        let finished: RunRecord
        do {
            finished = try await driver.execute(runId: runId, shouldStop: { interrupt.isSet }, progress: { display.round($0) })
        } catch {
            display.finish()
            throw CommandFailure("run \(runId) failed: \(error) — continue it with: gtm-autoresearch run --resume \(runId)")
        }
        display.finish()
        let delivery = try DeliveryOptions.delivery(log: log)
        let report: DeliveryReport
        do { report = try await delivery.deliver(finished, out: out, staging: staging) } catch let error as RunOutputError {
            throw CommandFailure("\(error)")
        } catch {
            throw CommandFailure("run \(runId) is recorded and its files written, but \(error); deliver it again with `gtm-autoresearch report \(runId)`")
        }
        print(RunSummary.text(finished, folder: report.files))
        for note in report.notes { print(note) }
    }

    private func start(log: ExperimentLog, settings: RunSettings) throws -> Int64 {
        guard let file else { throw ValidationError("Give a container export file.") }
        let loader = ContainerLoader()
        let bytes: [UInt8]
        let container: Container
        do {
            bytes = try loader.read(path: file)
            container = try loader.decode(bytes, path: file)
        } catch {
            InputDataError.report(error.description)
            throw InputDataError.exitCode
        }
        let scorer = try ScorerOptions.makeScorer(settings.scoring, labels: loop.scoring.labels)
        let clientName = client ?? ClientName.from(container: container, file: file)
        let outDir = out ?? "out/\(clientName)/\(Timestamp.today())"
        let driver = RunDriver(log: log, runner: RoundRunner(mutator: try loop.model.makeMutator(settings: settings), scorer: scorer,
                                                               program: try loop.model.program(settings: settings)))
        let run = try driver.start(client: clientName, source: file, bytes: bytes, settings: settings, outDir: outDir)
        return run.id
    }
}

/// A client name from the container: its name, else the file's base name, made path-safe.
enum ClientName {
    static func from(container: Container, file: String) -> String {
        let base = container.containerName.isEmpty ? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent : container.containerName
        let safe = base.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let name = String(safe).split(separator: "-").joined(separator: "-")
        return name.isEmpty ? "client" : name
    }
}
