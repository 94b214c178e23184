public import CurlHTTP

extension RetryPolicy {
    /// Six attempts, 2 s doubling to 64 s, `retry-after` up to 120 s: the GTM quota is 0.25
    /// requests a second over a 100 s sliding window, so a refused request needs the window to
    /// move on, not a quick second try.
    public static let tagManager = RetryPolicy(maxAttempts: 6, initialBackoff: .seconds(2), maxBackoff: .seconds(64),
                                               maxRetryAfter: .seconds(120))

    /// The Google error reasons that mean "too fast, try later": the per-100-seconds and per-user
    /// rate limits (`errors[].reason`, and the newer `ErrorInfo` spelling).
    static let googleRateLimitReasons: Set<String> = [
        "rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded", "RATE_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED",
    ]

    /// The decision for a GTM API error response with status `status` and Google error reason
    /// `reason`.
    ///
    /// Retries 429 and 500, 502, 503, 504, and a 403 whose reason is a rate limit
    /// (`rateLimitExceeded`, `userRateLimitExceeded`, `quotaExceeded`): the GTM docs say the
    /// quota answers 403, practitioners see 429. Never retries the daily quota
    /// (`dailyLimitExceeded`: it resets at midnight Pacific time) or any other 403 (a missing
    /// scope or permission does not fix itself), nor 4xx in general.
    public func decision(status: Int, reason: String?, headers: [String: String]) -> Decision {
        if status == 429 || [500, 502, 503, 504].contains(status) {
            return .retry(after: serverDelay(headers))
        }
        if status == 403, let reason {
            if RetryPolicy.googleRateLimitReasons.contains(reason) { return .retry(after: serverDelay(headers)) }
            if reason == "dailyLimitExceeded" {
                return .stop(reason: "the project's daily quota (10,000 requests) is used up; it resets at midnight Pacific time")
            }
        }
        return .stop(reason: "HTTP \(status)\(reason.map { " \($0)" } ?? "") is not retryable")
    }
}
