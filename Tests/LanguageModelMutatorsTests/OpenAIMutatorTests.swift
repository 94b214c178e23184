import Foundation
import TestSupport
import CurlHTTP
import LanguageModelMutators
import LosslessJSON
import Mutation
import Testing

/// The OpenAI-compatible mutator against the fixture.
@Suite(.timeLimit(.minutes(1)))
struct OpenAIMutatorTests {
    static let key = APIKey("fixture-openai-key-\(UUID().uuidString)")

    static func mutator(_ fixture: FixtureSession, basePath: String = "/v1", key: APIKey? = key,
                        retry: RetryPolicy = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(20), jitter: 0)) -> OpenAIMutator
    {
        OpenAIMutator(configuration: .init(apiKey: key, baseURL: fixture.baseURL + basePath, timeout: .seconds(5), retry: retry))
    }

    /// The strict schema's form of the good answer: values as JSON text, `null` placeholders.
    static let goodContent = #"""
    {"ops":[{"op":"add","path":"/tag/1/consentSettings","from":null,"value_json":"{\"consentStatus\":\"NEEDED\",\"consentType\":{\"type\":\"LIST\",\"list\":[{\"type\":\"TEMPLATE\",\"value\":\"analytics_storage\"}]}}"},
            {"op":"replace","path":"/tag/1/name","from":null,"value_json":"\"GA4 - Event - purchase\""},
            {"op":"test","path":"/tag/1/priority","from":null,"value_json":"1.50"},
            {"op":"remove","path":"/variable/6","from":null,"value_json":null}],
     "rationale":"Declare analytics_storage consent on the GA4 purchase tag.","rule":"consent.not_set"}
    """#

    @Test func aGoodAnswerBecomesAnRFC6902PatchWithUsageAndCost() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: OpenAIBody.completion(content: Self.goodContent))])
            let mutator = Self.mutator(fixture)
            #expect(mutator.name == "openai:gpt-4o-mini")
            let proposal = try await mutator.propose(try SampleRequest.make())

            guard case .json(let ops) = proposal.patch else { Issue.record("expected a JSON patch, got \(proposal.patch)"); return }
            #expect(ops == (try json(#"""
            [{"op":"add","path":"/tag/1/consentSettings","value":{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"analytics_storage"}]}}},
             {"op":"replace","path":"/tag/1/name","value":"GA4 - Event - purchase"},
             {"op":"test","path":"/tag/1/priority","value":1.50},
             {"op":"remove","path":"/variable/6"}]
            """#)))
            #expect(ops.arrayValue?[2]["value"]?.numberValue?.literal == "1.50")
            #expect(proposal.rationale == "Declare analytics_storage consent on the GA4 purchase tag.")
            #expect(proposal.rule == "consent.not_set")
            #expect(proposal.usage.inputTokens == 1000)
            #expect(proposal.usage.outputTokens == 100)
            #expect(abs(proposal.usage.costUSD - (1000 * 0.15 + 100 * 0.60) / 1_000_000) < 1e-12)
        }
    }

    @Test func theRequestFollowsTheChatCompletionsWireFormat() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: OpenAIBody.completion(content: Self.goodContent))])
            _ = try await Self.mutator(fixture).propose(try SampleRequest.make())

            let recorded = try await fixture.requests()
            try #require(recorded.count == 1)
            let request = recorded[0]
            #expect(request["path"]?.stringValue == "/v1/chat/completions")
            let headers = try #require(request["headers"])
            #expect(headers["authorization"]?.stringValue == "Bearer \(Self.key.secret)")
            #expect(headers["content-type"]?.stringValue == "application/json")
            #expect(headers["x-api-key"] == nil)

            let body = try #require(request["body"])
            #expect(body["model"]?.stringValue == "gpt-4o-mini")
            #expect(body["max_tokens"]?.numberValue?.intValue == 2048)
            #expect(body["temperature"] == nil)
            let messages = try #require(body["messages"]?.arrayValue)
            #expect(messages.map { $0["role"]?.stringValue } == ["system", "user"])
            #expect(messages[0]["content"]?.stringValue == SampleRequest.program)
            #expect(messages[1]["content"]?.stringValue?.contains("value_json") == true)
            let format = try #require(body["response_format"])
            #expect(format["type"]?.stringValue == "json_schema")
            #expect(format["json_schema"]?["name"]?.stringValue == "propose_patch")
            #expect(format["json_schema"]?["strict"] == true)
            let schema = try #require(format["json_schema"]?["schema"])
            #expect(schema["additionalProperties"] == false)
            #expect(schema["required"] == ["ops", "rationale", "rule"])
            let op = try #require(schema["properties"]?["ops"]?["items"])
            #expect(op["additionalProperties"] == false)
            #expect(op["required"] == ["op", "path", "from", "value_json"])

            var others = request.objectValue ?? JSONObject()
            others["headers"] = .object(JSONObject((headers.objectValue?.members ?? []).filter { $0.key != "authorization" }))
            #expect(!JSONWriter().string(of: .object(others)).contains(Self.key.secret))
        }
    }

    @Test func aBasePathIsKeptAndNoKeyMeansNoAuthorizationHeader() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: OpenAIBody.completion(content: Self.goodContent))])
            let proposal = try await Self.mutator(fixture, basePath: "/ollama/v1/", key: nil).propose(try SampleRequest.make())
            guard case .json = proposal.patch else { Issue.record("expected a patch, got \(proposal.patch)"); return }
            let recorded = try await fixture.requests()
            #expect(recorded.first?["path"]?.stringValue == "/ollama/v1/chat/completions")
            #expect(recorded.first?["headers"]?["authorization"] == nil)
        }
    }

    @Test(arguments: [
        (OpenAIBody.completion(content: nil, refusal: "I'm sorry, I can't assist with that."), "can't assist"),
        (OpenAIBody.completion(content: nil, finishReason: "content_filter"), "content filter"),
    ])
    func aRefusalIsAProposalWithoutPatch(body: JSONValue, detail: String) async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: body)])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .none(let reason, let why) = proposal.patch else { Issue.record("expected no patch, got \(proposal.patch)"); return }
            #expect(reason == "mutator_refused")
            #expect(why.contains(detail))
            #expect(proposal.usage.inputTokens == 1000)
        }
    }

    @Test func lengthIsATruncatedProposal() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: OpenAIBody.completion(content: #"{"ops":[{"op":"add","path":"/tag/1/consentSe"#, finishReason: "length"))])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .none(let reason, _) = proposal.patch else { Issue.record("expected no patch, got \(proposal.patch)"); return }
            #expect(reason == "mutator_truncated")
        }
    }

    @Test(arguments: [
        ("Sure! Add consent settings to tag 1.", "the answer is not JSON"),
        (#"{"ops":[{"op":"replace","path":"/tag/1/name","from":null,"value_json":"GA4 - purchase"}],"rationale":"","rule":""}"#, "operation 0: value_json is not JSON text"),
        (#"{"patch":[]}"#, "no \"ops\" array"),
    ])
    func contentThatIsNotAnOpsObjectIsUnparsable(content: String, reason: String) async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: OpenAIBody.completion(content: content))])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .unparsable(let text, let why) = proposal.patch else { Issue.record("expected unparsable, got \(proposal.patch)"); return }
            #expect(why.contains(reason))
            #expect(reason == "the answer is not JSON" ? text == content : !text.isEmpty)
        }
    }

    @Test func contentInACodeFenceIsRead() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: OpenAIBody.completion(content: "```json\n" + Self.goodContent + "\n```"))])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .json(let ops) = proposal.patch else { Issue.record("expected a patch, got \(proposal.patch)"); return }
            #expect(ops.arrayValue?.count == 4)
        }
    }

    @Test func a429IsRetriedThenSucceeds() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([
                reply(status: 429, headers: ["x-request-id": "req_429"],
                      body: OpenAIBody.error("requests", "Rate limit reached for gpt-4o-mini", code: "rate_limit_exceeded")),
                reply(body: OpenAIBody.completion(content: Self.goodContent)),
            ])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .json = proposal.patch else { Issue.record("expected a patch, got \(proposal.patch)"); return }
            #expect(try await fixture.requests().count == 2)
        }
    }

    @Test func insufficientQuotaIsNeverRetried() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([
                reply(status: 429, headers: ["x-request-id": "req_quota"],
                      body: OpenAIBody.error("insufficient_quota", "You exceeded your current quota, please check your plan and billing details.",
                                             code: "insufficient_quota")),
                reply(body: OpenAIBody.completion(content: Self.goodContent)),
            ])
            let error = await #expect(throws: LanguageModelError.self) { try await Self.mutator(fixture).propose(try SampleRequest.make()) }
            #expect(try await fixture.requests().count == 1)
            #expect(error?.description == "openai: HTTP 429 insufficient_quota: You exceeded your current quota, please check your plan and billing details. "
                + "(request req_quota); not retried: the account's spend limit or quota is exhausted")
        }
    }
}
