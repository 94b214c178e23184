public import CurlHTTP
import LosslessJSON
import Mutation

extension OpenAIMutator {
    /// Which endpoint and model, and within which limits.
    public struct Configuration: Sendable {
        /// Sent as `Authorization: Bearer …`; `nil` for endpoints that need none (a local Ollama).
        public var apiKey: APIKey?
        public var model: String
        /// The API root including its version path: `https://api.openai.com/v1`,
        /// `http://127.0.0.1:11434/v1` (Ollama); `/chat/completions` is appended.
        public var baseURL: String
        /// Sent as `max_tokens`, which OpenAI's chat models and Ollama accept.
        public var maxTokens: Int
        /// Sampling temperature; `nil` leaves the endpoint's default (reasoning models accept no other).
        public var temperature: Double?
        /// The limit for one attempt (connect, send, wait, receive); retries get their own.
        public var timeout: Duration
        public var retry: RetryPolicy
        /// Dollars per token. The default is gpt-4o-mini's list price ($0.15 / $0.60 per million);
        /// set the model's own, or ``PriceTable/free`` for a local model.
        public var prices: PriceTable
        public var prompt: PromptBuilder

        public init(apiKey: APIKey?, model: String = "gpt-4o-mini", baseURL: String = "https://api.openai.com/v1",
                    maxTokens: Int = 2048, temperature: Double? = nil, timeout: Duration = .seconds(120),
                    retry: RetryPolicy = .standard, prices: PriceTable = .gpt4oMini, prompt: PromptBuilder = PromptBuilder())
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

        /// The tokens a chat completion reports, priced.
        func usage(in body: JSONValue) -> Usage? {
            guard let usage = body["usage"]?.objectValue else { return nil }
            func count(_ key: String) -> Int { usage[key]?.numberValue?.intValue ?? 0 }
            return prices.usage(inputTokens: count("prompt_tokens"), outputTokens: count("completion_tokens"))
        }
    }
}
