import CurlHTTP
import LanguageModelMutators
import Testing
import TestSupport

/// The retry rules on their own, without a server.
struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test(arguments: [408, 409, 429, 500, 502, 503, 504, 529])
    func transientStatusesAreRetried(status: Int) {
        #expect(policy.decision(status: status, headers: [:], isBudgetExhausted: false) == .retry(after: nil))
    }

    @Test(arguments: [400, 401, 402, 403, 404, 413, 422])
    func otherClientErrorsAreNot(status: Int) {
        #expect(policy.decision(status: status, headers: [:], isBudgetExhausted: false) == .stop(reason: "HTTP \(status) is not retryable"))
    }

    @Test func aSpentBudgetIsNeverRetriedWhateverTheHeadersSay() {
        let decision = policy.decision(status: 429, headers: ["x-should-retry": "true", "retry-after": "1"], isBudgetExhausted: true)
        guard case .stop = decision else { Issue.record("expected stop, got \(decision)"); return }
    }

    @Test func theServersWaitIsHonouredAndCapped() {
        #expect(policy.serverDelay(["retry-after-ms": "1500", "retry-after": "9"]) == .milliseconds(1500))
        #expect(policy.serverDelay(["retry-after": "2"]) == .seconds(2))
        #expect(policy.serverDelay(["retry-after": "0.5"]) == .milliseconds(500))
        #expect(policy.serverDelay(["retry-after": "3600"]) == .seconds(60))
        #expect(policy.serverDelay(["retry-after-ms": "0", "retry-after": "3"]) == .seconds(3))
        #expect(policy.serverDelay(["retry-after": "Wed, 21 Oct 2026 07:28:00 GMT"]) == nil)
        #expect(policy.serverDelay([:]) == nil)
    }

    @Test func backoffDoublesUpToItsCapAndJitterOnlyShortensIt() {
        let exact = RetryPolicy(initialBackoff: .milliseconds(500), maxBackoff: .seconds(8), jitter: 0)
        var generator = SplitMix64(seed: 1)
        #expect((1...6).map { exact.backoff(beforeRetry: $0, using: &generator) } ==
            [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8)])

        let jittered = RetryPolicy(initialBackoff: .milliseconds(500), maxBackoff: .seconds(8), jitter: 0.25)
        var first = SplitMix64(seed: 42), second = SplitMix64(seed: 42)
        let waits = (1...5).map { jittered.backoff(beforeRetry: $0, using: &first) }
        #expect(waits == (1...5).map { jittered.backoff(beforeRetry: $0, using: &second) })
        for (retry, wait) in zip(1..., waits) {
            let full = min(Duration.milliseconds(500) * (1 << (retry - 1)), .seconds(8))
            #expect(wait <= full && wait >= full * 0.75, "retry \(retry): \(wait) outside [0.75, 1] × \(full)")
        }
    }

    @Test func transportFaultsAreRetriedOnlyWhenTransient() {
        #expect(policy.decision(for: .timeout(url: "u", seconds: 1, detail: "")) == .retry(after: nil))
        #expect(policy.decision(for: .connectionDropped(url: "u", code: 52, detail: "")) == .retry(after: nil))
        #expect(policy.decision(for: .connectionFailed(url: "u", code: 7, detail: "")) == .retry(after: nil))
        guard case .stop = policy.decision(for: .transport(url: "u", code: 60, detail: "SSL certificate problem")) else {
            Issue.record("a certificate failure must not be retried")
            return
        }
    }
}
