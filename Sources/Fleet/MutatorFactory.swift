public import AutoResearchLoop
public import ExperimentLog
import CurlHTTP
import Foundation
import HeuristicMutator
import LanguageModelMutators
public import Mutation
import Scoring

/// Builds the mutator a run's stored settings name, with its key from the environment or a
/// credentials file. `run` and every worker use it, so a run proposes the same way wherever its
/// rounds execute.
public struct MutatorFactory: Sendable {
    public var environment: [String: String]
    public var credentialsFile: String?

    public init(environment: [String: String], credentialsFile: String? = nil) {
        self.environment = environment
        self.credentialsFile = credentialsFile
    }

    /// The mutator kinds a run can name (`settings.mutatorOptions["kind"]`).
    public enum Kind: String, Sendable, CaseIterable {
        case heuristic, anthropic, openai
    }

    /// - Throws: a one-line error when a key is missing or the credentials file is unsafe.
    public func make(for settings: RunSettings) throws -> any Mutator {
        let options = settings.mutatorOptions
        let kind = options["kind"].flatMap(Kind.init(rawValue:)) ?? .heuristic
        let keys = Credentials(environment: environment, file: credentialsFile)
        let timeout = options["timeout"].flatMap(Double.init).map { Duration.milliseconds(Int($0 * 1000)) } ?? .seconds(120)
        func prices(_ fallback: PriceTable) -> PriceTable {
            PriceTable(inputUSDPerMillionTokens: options["price-in"].flatMap(Double.init) ?? fallback.inputUSDPerMillionTokens,
                       outputUSDPerMillionTokens: options["price-out"].flatMap(Double.init) ?? fallback.outputUSDPerMillionTokens)
        }
        let maxTokens = options["max-tokens"].flatMap(Int.init) ?? 2048
        switch kind {
        case .heuristic:
            return HeuristicMutator()
        case .anthropic:
            let key = try keys.apiKey(named: Credentials.anthropicKeyName)
            return AnthropicMutator(configuration: .init(
                apiKey: key, model: options["model"] ?? "claude-haiku-4-5", baseURL: options["base-url"] ?? "https://api.anthropic.com",
                maxTokens: maxTokens, timeout: timeout, retry: RetryPolicy(jitterSeed: settings.seed), prices: prices(.claudeHaiku45)))
        case .openai:
            // OpenAI itself needs a key; a local endpoint (Ollama) needs none and costs nothing.
            let baseURL = options["base-url"] ?? "https://api.openai.com/v1"
            let isOpenAI = baseURL.hasPrefix("https://api.openai.com")
            let isLocal = ["http://127.0.0.1", "http://localhost", "http://[::1]"].contains { baseURL.hasPrefix($0) }
            let key = isOpenAI ? try keys.apiKey(named: Credentials.openAIKeyName) : try? keys.apiKey(named: Credentials.openAIKeyName)
            return OpenAIMutator(configuration: .init(
                apiKey: key, model: options["model"] ?? "gpt-4o-mini", baseURL: baseURL, maxTokens: maxTokens, timeout: timeout,
                retry: RetryPolicy(jitterSeed: settings.seed), prices: prices(isLocal ? .free : .gpt4oMini)))
        }
    }

    /// The round runner of a run: its mutator, its scorer and its program, all from the settings.
    public func makeRunner(for settings: RunSettings) throws -> RoundRunner {
        RoundRunner(mutator: try make(for: settings), scorer: try Scorer(configurationFiles: settings.scoring),
                    program: try Program.load(path: settings.mutatorOptions["program"]).text)
    }
}
