import ArgumentParser
import ExperimentLog
import Foundation
import Fleet
import Mutation

/// The mutator's settings: model, endpoint, prices, program text. Everything but the key is
/// stored with the run (`runs.settings`), so `--resume` asks the same model the same way.
struct ModelOptions: ParsableArguments {
    @Option(help: "The model (default: claude-haiku-4-5 for anthropic, gpt-4o-mini for openai).")
    var model: String?

    @Option(name: .customLong("base-url"), help: "The API endpoint (default: https://api.anthropic.com, or https://api.openai.com/v1; Ollama: http://127.0.0.1:11434/v1).")
    var baseURL: String?

    @Option(help: "A credentials file of NAME=value lines, readable by its owner only (default: ~/.config/gtm-autoresearch/credentials). The environment (ANTHROPIC_API_KEY, OPENAI_API_KEY) comes first.")
    var credentials: String?

    @Option(name: .customLong("price-in"), help: "US dollars per million input tokens (default: 1 for Claude Haiku 4.5, 0.15 for openai).")
    var priceIn: Double?

    @Option(name: .customLong("price-out"), help: "US dollars per million output tokens (default: 5 for Claude Haiku 4.5, 0.60 for openai).")
    var priceOut: Double?

    @Option(name: .customLong("max-tokens"), help: "Most output tokens per answer.")
    var maxTokens: Int?

    @Option(help: "Seconds before one API request times out.")
    var timeout: Double?

    @Option(help: "The program text the language model reads (default: the built-in SKILL.md).")
    var program: String?

    func validate() throws {
        if let priceIn, priceIn < 0 { throw ValidationError("--price-in must not be negative.") }
        if let priceOut, priceOut < 0 { throw ValidationError("--price-out must not be negative.") }
        if let maxTokens, maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1.") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be positive.") }
    }

    /// The stored options given on the command line, by flag (`--resume` refuses them).
    var storedOptionsGiven: [(String, Bool)] {
        [("--model", model != nil), ("--base-url", baseURL != nil), ("--price-in", priceIn != nil), ("--price-out", priceOut != nil),
         ("--max-tokens", maxTokens != nil), ("--timeout", timeout != nil), ("--program", program != nil)]
    }

    /// The settings stored with a new run.
    func storedOptions(kind: MutatorKind) -> [String: String] {
        var options: [String: String] = ["kind": kind.rawValue]
        options["model"] = model
        options["base-url"] = baseURL
        options["price-in"] = priceIn.map { String($0) }
        options["price-out"] = priceOut.map { String($0) }
        options["max-tokens"] = maxTokens.map { String($0) }
        options["timeout"] = timeout.map { String($0) }
        options["program"] = program
        return options
    }

    /// The program text of a run: its stored override, else the built-in SKILL.md.
    func program(settings: RunSettings) throws -> String {
        do { return try Program.load(path: settings.mutatorOptions["program"]).text } catch {
            InputDataError.report("\(error)")
            throw InputDataError.exitCode
        }
    }

    /// The mutator a run uses, from its stored settings and the key in the environment or file.
    func makeMutator(settings: RunSettings) throws -> any Mutator {
        do {
            return try MutatorFactory(environment: ProcessInfo.processInfo.environment, credentialsFile: credentials).make(for: settings)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
