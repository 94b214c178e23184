public import CurlHTTP
import LosslessJSON
import Mutation

extension AnthropicMutator {
    /// Which model, where, and within which limits.
    public struct Configuration: Sendable {
        public var apiKey: APIKey
        /// `claude-haiku-4-5` by default (pinned: `claude-haiku-4-5-20251001`).
        public var model: String
        /// The API root, without `/v1`; point it at a local fixture or proxy in tests.
        public var baseURL: String
        /// The answer's token limit; a patch cut off by it is logged as `mutator_truncated`.
        public var maxTokens: Int
        /// Sampling temperature; `nil` leaves the API's default.
        public var temperature: Double?
        /// The limit for one attempt (connect, send, wait, receive); retries get their own.
        public var timeout: Duration
        public var retry: RetryPolicy
        /// Dollars per token; set it when ``model`` is not Haiku 4.5.
        public var prices: PriceTable
        public var prompt: PromptBuilder

        public init(apiKey: APIKey, model: String = "claude-haiku-4-5", baseURL: String = "https://api.anthropic.com",
                    maxTokens: Int = 2048, temperature: Double? = nil, timeout: Duration = .seconds(120),
                    retry: RetryPolicy = .standard, prices: PriceTable = .claudeHaiku45, prompt: PromptBuilder = PromptBuilder())
        {
            self.apiKey = apiKey
            self.model = model
            self.baseURL = baseURL
            self.maxTokens = maxTokens
            self.temperature = temperature
            self.timeout = timeout
            self.retry = retry
            self.prices = prices
            self.prompt = prompt
        }

        /// The tokens a Messages API body reports, priced. Cache writes and reads count as input
        /// at the input price (an upper bound: this client sets no cache breakpoints).
        func usage(in body: JSONValue) -> Usage? {
            guard let usage = body["usage"]?.objectValue else { return nil }
            func count(_ key: String) -> Int { usage[key]?.numberValue?.intValue ?? 0 }
            let input = count("input_tokens") + count("cache_creation_input_tokens") + count("cache_read_input_tokens")
            return prices.usage(inputTokens: input, outputTokens: count("output_tokens"))
        }
    }
}
