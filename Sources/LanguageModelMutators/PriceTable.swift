public import Mutation

/// What a model charges, in US dollars per million tokens, to turn token counts into cost.
///
/// Prices change and differ per model: the defaults below are list prices at the time of writing
/// and are meant to be overridden in the mutator's configuration for any other model or deal.
public struct PriceTable: Sendable, Equatable {
    public var inputUSDPerMillionTokens: Double
    public var outputUSDPerMillionTokens: Double

    public init(inputUSDPerMillionTokens: Double, outputUSDPerMillionTokens: Double) {
        self.inputUSDPerMillionTokens = inputUSDPerMillionTokens
        self.outputUSDPerMillionTokens = outputUSDPerMillionTokens
    }

    /// Claude Haiku 4.5: $1 in, $5 out.
    public static let claudeHaiku45 = PriceTable(inputUSDPerMillionTokens: 1, outputUSDPerMillionTokens: 5)
    /// gpt-4o-mini: $0.15 in, $0.60 out; the default for OpenAI-compatible endpoints. A local
    /// Ollama costs nothing: configure ``free`` there.
    public static let gpt4oMini = PriceTable(inputUSDPerMillionTokens: 0.15, outputUSDPerMillionTokens: 0.60)
    /// No charge (a local model).
    public static let free = PriceTable(inputUSDPerMillionTokens: 0, outputUSDPerMillionTokens: 0)

    /// Tokens and their cost.
    public func usage(inputTokens: Int, outputTokens: Int) -> Usage {
        Usage(inputTokens: inputTokens, outputTokens: outputTokens,
              costUSD: (Double(inputTokens) * inputUSDPerMillionTokens + Double(outputTokens) * outputUSDPerMillionTokens) / 1_000_000)
    }
}
