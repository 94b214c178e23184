import ArgumentParser
import ExperimentLog
import PreviewSimulator

/// The loop's settings a new run stores (`runs.settings`): mutator, stop rules, keep rule, seed,
/// the model's options, the scorer's files and the client's preview scenarios. `run` and
/// `queue run` share them.
struct RunSettingsOptions: ParsableArguments {
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

    @Option(name: .customLong("max-entities"), help: "Most entities one patch may touch (default: 3).")
    var maxEntities: Int?

    @Option(help: "Smallest rise of the overall score that counts as an improvement (default: 1e-6).")
    var epsilon: Double?

    @Option(name: .customLong("regression-threshold"), help: "Largest drop any dimension may take in a kept round (default: 0.02).")
    var regressionThreshold: Double?

    @Option(name: .customLong("skip-after"), help: "Leave a dimension after this many non-kept rounds on it in a row (default: 3).")
    var skipAfter: Int?

    @Option(name: .customLong("scenarios"), help: ArgumentHelp(
        "A preview scenario JSON file, or a folder of them, to add to the shipped scenarios for the coverage guard and QA; repeat for several.",
        valueName: "path"))
    var scenarios: [String] = []

    @OptionGroup var model: ModelOptions
    @OptionGroup var scoring: ScorerOptions

    func validate() throws {
        if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1.") }
        if let maxMinutes, maxMinutes <= 0 { throw ValidationError("--max-minutes must be positive.") }
        if let maxCost, maxCost < 0 { throw ValidationError("--max-cost must not be negative.") }
        if let target, !(0...1).contains(target) { throw ValidationError("--target must be between 0 and 1.") }
        if let plateau, plateau < 1 { throw ValidationError("--plateau must be at least 1.") }
        if let maxEntities, maxEntities < 1 { throw ValidationError("--max-entities must be at least 1.") }
        if let epsilon, epsilon < 0 { throw ValidationError("--epsilon must not be negative.") }
        if let regressionThreshold, !(0...1).contains(regressionThreshold) { throw ValidationError("--regression-threshold must be between 0 and 1.") }
        if let skipAfter, skipAfter < 1 { throw ValidationError("--skip-after must be at least 1.") }
    }

    /// Each stored option by flag, and whether it was given (`run --resume` refuses them).
    var given: [(String, Bool)] {
        [
            ("--mutator", mutator != nil), ("--rounds", rounds != nil), ("--max-minutes", maxMinutes != nil),
            ("--max-cost", maxCost != nil), ("--target", target != nil), ("--plateau", plateau != nil), ("--seed", seed != nil),
            ("--max-entities", maxEntities != nil), ("--epsilon", epsilon != nil), ("--regression-threshold", regressionThreshold != nil),
            ("--skip-after", skipAfter != nil), ("--weights", scoring.weights != nil), ("--plan", scoring.plan != nil),
            ("--account-state", scoring.accountState != nil), ("--scenarios", !scenarios.isEmpty),
        ] + model.storedOptionsGiven
    }

    /// The settings of a new run (``RunSettings/defaultRounds`` when no stop rule is given).
    /// A scenario file that cannot be read or is not a scenario is reported in one line (exit 65).
    func settings() throws -> RunSettings {
        RunSettings(
            rounds: rounds, maxMinutes: maxMinutes, maxCostUSD: maxCost, targetScore: target, plateau: plateau,
            seed: seed ?? 1, epsilon: epsilon ?? 1e-6, regressionThreshold: regressionThreshold ?? 0.02, maxEntities: maxEntities ?? 3,
            skipAfter: skipAfter ?? 3, mutatorOptions: model.storedOptions(kind: mutator ?? .heuristic), scoring: try scoring.files(),
            scenarios: try scenarioTexts()
        ).withDefaultStopRule()
    }

    /// The client scenario files' texts by scenario name (see `RunScenarios`).
    private func scenarioTexts() throws -> [String: String] {
        do { return try RunScenarios.texts(fromPaths: scenarios) } catch {
            InputDataError.report(error.description)
            throw InputDataError.exitCode
        }
    }
}

/// The mutators `--mutator` offers.
enum MutatorKind: String, ExpressibleByArgument, CaseIterable {
    case heuristic, anthropic, openai
}
