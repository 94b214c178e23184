import CurlHTTP
import TagManagerAPI
import Testing

/// Which GTM replies are retried: 429, 5xx and rate-limit 403s; never permission 403s or the daily quota.
struct RetryClassificationTests {
    private let policy = RetryPolicy.tagManager

    @Test(arguments: [
        (429, nil as String?), (429, "rateLimitExceeded"), (500, nil), (502, nil), (503, "backendError"), (504, nil),
        (403, "rateLimitExceeded"), (403, "userRateLimitExceeded"), (403, "quotaExceeded"), (403, "RATE_LIMIT_EXCEEDED"),
    ])
    func retried(_ status: Int, _ reason: String?) {
        #expect(policy.decision(status: status, reason: reason, headers: [:]) == .retry(after: nil))
    }

    @Test(arguments: [
        (403, nil as String?), (403, "insufficientPermissions"), (403, "forbidden"), (403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"),
        (400, "invalid"), (401, "authError"), (404, "notFound"), (409, "aborted"), (412, "conditionNotMet"),
    ])
    func notRetried(_ status: Int, _ reason: String?) {
        let decision = policy.decision(status: status, reason: reason, headers: [:])
        #expect(decision.stopReason == "HTTP \(status)\(reason.map { " \($0)" } ?? "") is not retryable")
    }

    @Test func theDailyQuotaIsNotRetriedAndSaysWhenItResets() {
        let reason = policy.decision(status: 403, reason: "dailyLimitExceeded", headers: [:]).stopReason ?? ""
        #expect(reason.contains("daily quota") && reason.contains("midnight Pacific"))
    }

    @Test func theServersWaitIsHonouredUpToTheCap() {
        #expect(policy.decision(status: 429, reason: nil, headers: ["retry-after": "30"]) == .retry(after: .seconds(30)))
        #expect(policy.decision(status: 403, reason: "rateLimitExceeded", headers: ["retry-after": "600"]) == .retry(after: .seconds(120)))
    }

    @Test func theDefaultPolicyWaitsLongEnoughForTheHundredSecondWindow() {
        #expect(policy.maxAttempts == 6)
        var generator = SystemRandomNumberGenerator()
        let total = (1..<policy.maxAttempts).map { RetryPolicy.seconds(policy.backoff(beforeRetry: $0, using: &generator)) }.reduce(0, +)
        #expect(total >= 0.75 * 62)  // 2 + 4 + 8 + 16 + 32 s, less at most 25 % jitter
    }
}
