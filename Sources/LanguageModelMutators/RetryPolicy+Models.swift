public import CurlHTTP

extension RetryPolicy {
    /// The decision for a model API response with status `status`.
    ///
    /// Follows the Anthropic SDK's rules, which OpenAI's match: retry 408, 409, 429 and every 5xx
    /// (529 included); obey `x-should-retry`; wait what `retry-after-ms`, else `retry-after` asks.
    /// Never retry a spent budget (Anthropic's `enforced_spend_limit_reached`, OpenAI's
    /// `insufficient_quota`): waiting does not refill it, and a loop that hammers a spent account
    /// only fails later and louder.
    /// - Parameter isBudgetExhausted: the body says the account's spend limit or quota is used up.
    public func decision(status: Int, headers: [String: String], isBudgetExhausted: Bool) -> Decision {
        if isBudgetExhausted { return .stop(reason: "the account's spend limit or quota is exhausted") }
        switch headers["x-should-retry"]?.lowercased() {
        case "true": return .retry(after: serverDelay(headers))
        case "false": return .stop(reason: "the server said not to (x-should-retry: false)")
        default: break
        }
        guard [408, 409, 429].contains(status) || status >= 500 else { return .stop(reason: "HTTP \(status) is not retryable") }
        return .retry(after: serverDelay(headers))
    }
}
