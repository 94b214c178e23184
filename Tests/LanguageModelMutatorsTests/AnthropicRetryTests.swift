import TestSupport
import CurlHTTP
import LanguageModelMutators
import LosslessJSON
import Mutation
import Testing

/// Retries against the fixture through libcurl: what is retried, how long it waits, and what
/// is thrown when it stops.
@Suite(.timeLimit(.minutes(1)))
struct AnthropicRetryTests {
    /// Short waits, so the suite stays fast; no jitter, so waits are exact.
    static let fast = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(50),
                                  maxRetryAfter: .seconds(2), jitter: 0)

    static func mutator(_ fixture: FixtureSession, retry: RetryPolicy = fast, timeout: Duration = .seconds(5)) -> AnthropicMutator {
        AnthropicMutator(configuration: .init(apiKey: AnthropicMutatorTests.key, baseURL: fixture.baseURL, timeout: timeout, retry: retry))
    }

    static var good: JSONValue { get throws { AnthropicBody.toolUse(try json(SampleRequest.goodAnswer)) } }

    private func elapsed(_ body: () async throws -> Void) async rethrows -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        return clock.now - start
    }

    @Test func a429IsRetriedAfterItsRetryAfterSeconds() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([
                reply(status: 429, headers: ["retry-after": "1"], body: AnthropicBody.error("rate_limit_error", "Number of requests has exceeded your rate limit")),
                reply(body: try Self.good),
            ])
            var proposal: Proposal?
            let waited = try await elapsed { proposal = try await Self.mutator(fixture).propose(try SampleRequest.make()) }
            #expect(waited >= .seconds(1))
            #expect(waited < .seconds(15))  // far below a misread wait (60 s), with room for a loaded machine
            #expect(try await fixture.requests().count == 2)
            guard case .json? = proposal?.patch else { Issue.record("expected a patch"); return }
            #expect(proposal?.usage == Usage(inputTokens: 1200, outputTokens: 80, costUSD: 0.0016))
        }
    }

    @Test func retryAfterMsWinsOverRetryAfterAndLongWaitsAreCapped() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([
                reply(status: 429, headers: ["retry-after-ms": "250", "retry-after": "30"], body: AnthropicBody.error("rate_limit_error", "slow down")),
                reply(status: 429, headers: ["retry-after": "30"], body: AnthropicBody.error("rate_limit_error", "slow down")),  // capped at 0.5 s
                reply(body: try Self.good),
            ])
            var policy = Self.fast
            policy.maxRetryAfter = .milliseconds(500)
            let waited = try await elapsed { _ = try await Self.mutator(fixture, retry: policy).propose(try SampleRequest.make()) }
            #expect(waited >= .milliseconds(750))
            #expect(waited < .seconds(15))  // uncapped, the second wait alone would be 30 s
            #expect(try await fixture.requests().count == 3)
        }
    }

    @Test(arguments: [529, 500, 503, 408, 409])
    func aTransientStatusIsRetried(status: Int) async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([
                reply(status: status, body: AnthropicBody.error(status == 529 ? "overloaded_error" : "api_error", "Try again")),
                reply(body: try Self.good),
            ])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .json = proposal.patch else { Issue.record("expected a patch, got \(proposal.patch)"); return }
            #expect(try await fixture.requests().count == 2)
            // The failed attempt reported no usage, so only the answer's counts.
            #expect(proposal.usage.inputTokens == 1200)
        }
    }

    @Test func usageReportedByAFailedAttemptIsAddedIn() async throws {
        try await withFixtureSession { fixture in
            var failed = AnthropicBody.error("api_error", "Internal error")
            if case .object(var object) = failed {
                object["usage"] = ["input_tokens": 300, "output_tokens": 20]
                failed = .object(object)
            }
            try await fixture.script([reply(status: 500, body: failed), reply(body: try Self.good)])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            #expect(proposal.usage.inputTokens == 1500)
            #expect(proposal.usage.outputTokens == 100)
            #expect(abs(proposal.usage.costUSD - (1500 * 1.0 + 100 * 5.0) / 1_000_000) < 1e-12)
        }
    }

    @Test func persistent500sExhaustTheBudgetAndSayWhatHappened() async throws {
        try await withFixtureSession { fixture in
            let failure = reply(status: 500, headers: ["request-id": "req_500"], body: AnthropicBody.error("api_error", "Internal server error"))
            try await fixture.script([failure, failure, failure, reply(body: try Self.good)])
            let error = await #expect(throws: LanguageModelError.self) { try await Self.mutator(fixture).propose(try SampleRequest.make()) }
            #expect(try await fixture.requests().count == 3)
            #expect(error?.failure == .status(500))
            #expect(error?.attempts == 3)
            #expect(error?.isRetryBudgetExhausted == true)
            #expect(error?.description == "anthropic: HTTP 500 api_error: Internal server error (request req_500); gave up after 3 attempts")
        }
    }

    @Test func aSpendLimit429IsNeverRetried() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([
                reply(status: 429, headers: ["retry-after": "1", "x-should-retry": "true"],
                      body: AnthropicBody.error("rate_limit_error", "You have reached your specified API usage limits.", errorCode: "enforced_spend_limit_reached")),
                reply(body: try Self.good),
            ])
            let error = await #expect(throws: LanguageModelError.self) { try await Self.mutator(fixture).propose(try SampleRequest.make()) }
            #expect(try await fixture.requests().count == 1)
            #expect(error?.errorCode == "enforced_spend_limit_reached")
            #expect(error?.attempts == 1)
            #expect(error?.isRetryBudgetExhausted == false)
            #expect(error?.description.contains("not retried: the account's spend limit or quota is exhausted") == true)
            #expect(error?.requestID == "req_body")
        }
    }

    @Test func a401IsNotRetriedAndAnEchoedKeyIsRedacted() async throws {
        try await withFixtureSession { fixture in
            let secret = AnthropicMutatorTests.key.secret
            try await fixture.script([
                reply(status: 401, body: AnthropicBody.error("authentication_error", "invalid x-api-key: \(secret)")),
                reply(body: try Self.good),
            ])
            let error = await #expect(throws: LanguageModelError.self) { try await Self.mutator(fixture).propose(try SampleRequest.make()) }
            #expect(try await fixture.requests().count == 1)
            #expect(error?.failure == .status(401))
            #expect(error?.errorType == "authentication_error")
            let text = try #require(error?.description)
            #expect(!text.contains(secret))
            #expect(!String(reflecting: try #require(error)).contains(secret))
            #expect(text.contains("invalid x-api-key: <redacted API key>"))
            #expect(text.contains("not retried: HTTP 401 is not retryable"))
        }
    }

    @Test func shouldRetryHeaderOverridesTheStatus() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([
                reply(status: 400, headers: ["x-should-retry": "true"], body: AnthropicBody.error("invalid_request_error", "transient")),
                reply(status: 503, headers: ["x-should-retry": "false"], body: AnthropicBody.error("api_error", "do not retry")),
                reply(body: try Self.good),
            ])
            let error = await #expect(throws: LanguageModelError.self) { try await Self.mutator(fixture).propose(try SampleRequest.make()) }
            #expect(try await fixture.requests().count == 2)
            #expect(error?.failure == .status(503))
            #expect(error?.attempts == 2)
            #expect(error?.notRetriedBecause?.contains("x-should-retry: false") == true)
        }
    }

    @Test func aHungConnectionTimesOutAndIsRetried() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: try Self.good, delay: 30), reply(body: try Self.good)])
            var proposal: Proposal?
            let waited = try await elapsed {
                proposal = try await Self.mutator(fixture, timeout: .milliseconds(400)).propose(try SampleRequest.make())
            }
            #expect(waited >= .milliseconds(400))
            #expect(waited < .seconds(15))  // the first reply comes only after 30 s
            #expect(try await fixture.requests().count == 2)
            guard case .json? = proposal?.patch else { Issue.record("expected a patch"); return }
            #expect(proposal?.usage.inputTokens == 1200)  // the timed-out attempt reported nothing
        }
    }

    @Test func connectionsThatKeepHangingSurfaceAsATimeout() async throws {
        try await withFixtureSession { fixture in
            let hang = reply(body: try Self.good, delay: 5)
            try await fixture.script([hang, hang])
            let error = await #expect(throws: LanguageModelError.self) {
                try await Self.mutator(fixture, retry: RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(10), jitter: 0),
                                       timeout: .milliseconds(300)).propose(try SampleRequest.make())
            }
            guard case .transport(.timeout)? = error?.failure else { Issue.record("expected a timeout, got \(String(describing: error))"); return }
            #expect(error?.attempts == 2)
            #expect(error?.description.contains("gave up after 2 attempts") == true)
        }
    }

    @Test func aDroppedConnectionIsRetried() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(drop: true), reply(body: try Self.good)])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .json = proposal.patch else { Issue.record("expected a patch, got \(proposal.patch)"); return }
            #expect(try await fixture.requests().count == 2)
        }
    }
}
