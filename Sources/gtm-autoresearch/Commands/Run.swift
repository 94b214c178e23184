import ArgumentParser
import AutoResearchLoop
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
        anything that breaks the container or loses measurement; the patch is kept only if the \
        score rises and no dimension drops by more than --regression-threshold. Every round is \
        recorded once in the database (--db); Ctrl-C stops after the current round, and \
        `run --resume RUN_ID` continues a stopped, failed or killed run exactly where the log says.

        Stop rules: --rounds, --max-minutes, --max-cost, --target, --plateau (default: 30 rounds \
        when none is given). Leaves winning-config.json, report.html, rounds.jsonl and the staging \
        workspace in --out.

        Exit status: 0 the run ended (any stop rule, or Ctrl-C); 1 the mutator failed (resumable); \
        64 bad arguments; 65 a file that is not a GTM export or a bad configuration file.
        """
    )

    @Argument(help: "The GTM container export to improve (not needed with --resume).")
    var file: String?

    @Option(help: "Continue this run from the database.")
    var resume: Int64?

    @Option(help: "The client this run is for (default: the container's name).")
    var client: String?

    @Option(help: "heuristic (built in, offline; the default), anthropic (Claude Haiku 4.5) or openai (any chat-completions endpoint).")
    var mutator: MutatorKind?

    @Option(help: "Stop after this many rounds.")
    var rounds: Int?

    @Option(name: .customLong("max-minutes"), help: "Stop once the rounds have taken this many minutes.")
    var maxMinutes: Double?

    @Option(name: .customLong("max-cost"), help: "Stop once the mutator has cost this many US dollars.")
    var maxCost: Double?

    @Option(help: "Stop once the overall score reaches this (0–1).")
    var target: Double?

    @Option(help: "Stop after this many rounds in a row that were not kept.")
    var plateau: Int?

    @Option(help: "Seed of the mutator's choices: the same seed proposes the same patches (default: 1).")
    var seed: UInt64?

    @Option(help: "Where the deliverables go (default: ./out/<client>/<date>/).")
    var out: String?

    @Option(help: "The staging workspace folder (default: ./out/<client>/staging, or <out>/staging with --out).")
    var staging: String?

    @Option(name: .customLong("max-entities"), help: "Most entities one patch may touch (default: 3).")
    var maxEntities: Int?

    @Option(help: "Smallest rise of the overall score that counts as an improvement (default: 1e-6).")
    var epsilon: Double?

    @Option(name: .customLong("regression-threshold"), help: "Largest drop any dimension may take in a kept round (default: 0.02).")
    var regressionThreshold: Double?

    @Option(name: .customLong("skip-after"), help: "Leave a dimension after this many non-kept rounds on it in a row (default: 3).")
    var skipAfter: Int?

    @OptionGroup var model: ModelOptions
    @OptionGroup var scoring: ScorerOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if resume == nil && file == nil { throw ValidationError("Give a container export file, or --resume RUN_ID.") }
        if resume != nil && file != nil { throw ValidationError("--resume continues a stored run; do not give a file with it.") }
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1.") }
        if let maxMinutes, maxMinutes <= 0 { throw ValidationError("--max-minutes must be positive.") }
        if let maxCost, maxCost < 0 { throw ValidationError("--max-cost must not be negative.") }
        if let target, !(0...1).contains(target) { throw ValidationError("--target must be between 0 and 1.") }
        if let plateau, plateau < 1 { throw ValidationError("--plateau must be at least 1.") }
        if let maxEntities, maxEntities < 1 { throw ValidationError("--max-entities must be at least 1.") }
        if let epsilon, epsilon < 0 { throw ValidationError("--epsilon must not be negative.") }
        if let regressionThreshold, !(0...1).contains(regressionThreshold) { throw ValidationError("--regression-threshold must be between 0 and 1.") }
        if let skipAfter, skipAfter < 1 { throw ValidationError("--skip-after must be at least 1.") }
        // A resumed run keeps the settings it was started with: an option that would change them
        // is refused rather than silently ignored.
        if resume != nil {
            let given: [(String, Bool)] = [
                ("--client", client != nil), ("--mutator", mutator != nil), ("--rounds", rounds != nil), ("--max-minutes", maxMinutes != nil),
                ("--max-cost", maxCost != nil), ("--target", target != nil), ("--plateau", plateau != nil), ("--seed", seed != nil),
                ("--max-entities", maxEntities != nil), ("--epsilon", epsilon != nil), ("--regression-threshold", regressionThreshold != nil),
                ("--skip-after", skipAfter != nil), ("--weights", scoring.weights != nil), ("--plan", scoring.plan != nil),
                ("--account-state", scoring.accountState != nil),
            ] + model.storedOptionsGiven
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
            settings = try newSettings()
            runId = try start(log: log, settings: settings)
        }
        guard let stored = try log.run(runId) else { throw CommandFailure("there is no run \(runId) in \(database.path)") }
        let scorer = try ScorerOptions.makeScorer(settings.scoring)
        let driver = RunDriver(log: log, runner: RoundRunner(mutator: try model.makeMutator(settings: settings), scorer: scorer,
                                                               program: try model.program(settings: settings)))

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
        let folder = try RunOutput(log: log, run: finished, outOverride: out, stagingOverride: staging).write()
        print(RunSummary.text(finished, folder: folder))
    }

    private func newSettings() throws -> RunSettings {
        let noStopRule = rounds == nil && maxMinutes == nil && maxCost == nil && target == nil && plateau == nil
        return RunSettings(
            rounds: noStopRule ? 30 : rounds, maxMinutes: maxMinutes, maxCostUSD: maxCost, targetScore: target, plateau: plateau,
            seed: seed ?? 1, epsilon: epsilon ?? 1e-6, regressionThreshold: regressionThreshold ?? 0.02, maxEntities: maxEntities ?? 3,
            skipAfter: skipAfter ?? 3, mutatorOptions: model.storedOptions(kind: mutator ?? .heuristic), scoring: try scoring.files()
        )
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
        let scorer = try ScorerOptions.makeScorer(settings.scoring, labels: scoring.labels)
        let clientName = client ?? ClientName.from(container: container, file: file)
        let outDir = out ?? "out/\(clientName)/\(Timestamp.today())"
        let driver = RunDriver(log: log, runner: RoundRunner(mutator: try model.makeMutator(settings: settings), scorer: scorer,
                                                               program: try model.program(settings: settings)))
        let run = try driver.start(client: clientName, source: file, bytes: bytes, settings: settings, outDir: outDir)
        return run.id
    }
}

/// The mutators `--mutator` offers.
enum MutatorKind: String, ExpressibleByArgument, CaseIterable {
    case heuristic, anthropic, openai
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
