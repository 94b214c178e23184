import Foundation
import TestSupport
import CurlHTTP
import LanguageModelMutators
import LosslessJSON
import Mutation
import Testing

/// The Anthropic mutator against the fixture: what it sends and how it reads each kind of answer.
@Suite(.timeLimit(.minutes(1)))
struct AnthropicMutatorTests {
    static let key = APIKey("fixture-anthropic-key-\(UUID().uuidString)")

    static func mutator(_ fixture: FixtureSession, retry: RetryPolicy = RetryPolicy(maxAttempts: 1), temperature: Double? = nil) -> AnthropicMutator {
        AnthropicMutator(configuration: .init(apiKey: key, baseURL: fixture.baseURL, temperature: temperature, timeout: .seconds(5), retry: retry))
    }

    @Test func aGoodAnswerBecomesAPatchWithUsageAndCost() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(headers: ["request-id": "req_1"], body: AnthropicBody.toolUse(try json(SampleRequest.goodAnswer)))])
            let mutator = Self.mutator(fixture)
            #expect(mutator.name == "anthropic:claude-haiku-4-5")
            let proposal = try await mutator.propose(try SampleRequest.make())

            guard case .json(let ops) = proposal.patch else { Issue.record("expected a JSON patch, got \(proposal.patch)"); return }
            #expect(ops == (try json(SampleRequest.goodAnswer))["ops"])
            #expect(ops.arrayValue?[1]["value"]?.numberValue?.literal == "1.50")
            #expect(proposal.rationale == "Declare analytics_storage consent on the GA4 purchase tag.")
            #expect(proposal.rule == "consent.not_set")
            #expect(proposal.usage.inputTokens == 1200)
            #expect(proposal.usage.outputTokens == 80)
            #expect(abs(proposal.usage.costUSD - (1200 * 1.0 + 80 * 5.0) / 1_000_000) < 1e-12)
        }
    }

    @Test func theRequestFollowsTheMessagesWireFormat() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: AnthropicBody.toolUse(try json(SampleRequest.goodAnswer)))])
            _ = try await Self.mutator(fixture, temperature: 0.5).propose(try SampleRequest.make())

            let recorded = try await fixture.requests()
            try #require(recorded.count == 1)
            let request = recorded[0]
            #expect(request["path"]?.stringValue == "/v1/messages")
            let headers = try #require(request["headers"])
            #expect(headers["x-api-key"]?.stringValue == Self.key.secret)
            #expect(headers["anthropic-version"]?.stringValue == "2023-06-01")
            #expect(headers["content-type"]?.stringValue == "application/json")
            #expect(headers["authorization"] == nil)

            let body = try #require(request["body"])
            #expect(body["model"]?.stringValue == "claude-haiku-4-5")
            #expect(body["max_tokens"]?.numberValue?.intValue == 2048)
            #expect(body["temperature"]?.numberValue?.doubleValue == 0.5)
            #expect(body["top_p"] == nil)
            #expect(body["system"]?.stringValue == SampleRequest.program)
            #expect(body["tool_choice"] == ["type": "tool", "name": "propose_patch"])
            let tool = try #require(body["tools"]?.arrayValue?.first)
            #expect(tool["name"]?.stringValue == "propose_patch")
            #expect(tool["input_schema"]?["type"]?.stringValue == "object")
            #expect(tool["input_schema"]?["required"] == ["ops", "rationale", "rule"])
            #expect(tool["input_schema"]?["properties"]?["ops"]?["type"]?.stringValue == "array")
            let message = try #require(body["messages"]?.arrayValue?.first)
            #expect(message["role"]?.stringValue == "user")
            #expect(message["content"]?.stringValue?.contains("consent.not_set") == true)

            // The key travels in its header and nowhere else.
            var others = request.objectValue ?? JSONObject()
            others["headers"] = .object(JSONObject((headers.objectValue?.members ?? []).filter { $0.key != "x-api-key" }))
            #expect(!JSONWriter().string(of: .object(others)).contains(Self.key.secret))
        }
    }

    @Test(arguments: [
        (#"{"rationale":"no ops here","rule":"consent.not_set"}"#, "no \"ops\" array"),
        (#"{"ops":"remove everything","rationale":"x"}"#, "\"ops\" is a string"),
        (#"[{"op":"remove","path":"/tag/1"}]"#, "an array, not an object"),
    ])
    func aToolInputThatIsNotAnOpsObjectIsUnparsable(input: String, reason: String) async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: AnthropicBody.toolUse(try json(input)))])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .unparsable(let text, let why) = proposal.patch else { Issue.record("expected unparsable, got \(proposal.patch)"); return }
            #expect(why.contains(reason))
            #expect(try json(text) == (try json(input)))
            #expect(proposal.usage.inputTokens == 1200)
        }
    }

    @Test func anAnswerWithoutTheToolCallIsUnparsable() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: AnthropicBody.text("I would add consent settings.", stopReason: "end_turn"))])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .unparsable(let text, let reason) = proposal.patch else { Issue.record("expected unparsable, got \(proposal.patch)"); return }
            #expect(text == "I would add consent settings.")
            #expect(reason.contains("no propose_patch tool call"))
        }
    }

    @Test func anEmptyOpsListMeansNothingToPropose() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: AnthropicBody.toolUse(try json(#"{"ops":[],"rationale":"Nothing safe to change.","rule":""}"#)))])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .none(let reason, let detail) = proposal.patch else { Issue.record("expected no patch, got \(proposal.patch)"); return }
            #expect(reason == "nothing_to_propose")
            #expect(detail == "Nothing safe to change.")
            #expect(proposal.rule == nil)
        }
    }

    @Test func aRefusalIsAProposalWithoutPatch() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(body: AnthropicBody.text("I can't help with that.", stopReason: "refusal"))])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .none(let reason, let detail) = proposal.patch else { Issue.record("expected no patch, got \(proposal.patch)"); return }
            #expect(reason == "mutator_refused")
            #expect(detail.contains("can't help"))
            #expect(proposal.usage.outputTokens == 80)
        }
    }

    @Test func hittingMaxTokensIsATruncatedProposal() async throws {
        try await withFixtureSession { fixture in
            let cut = AnthropicBody.message(content: [["type": "tool_use", "id": "toolu_1", "name": "propose_patch", "input": ["ops": []]]],
                                            stopReason: "max_tokens")
            try await fixture.script([reply(body: cut)])
            let proposal = try await Self.mutator(fixture).propose(try SampleRequest.make())
            guard case .none(let reason, let detail) = proposal.patch else { Issue.record("expected no patch, got \(proposal.patch)"); return }
            #expect(reason == "mutator_truncated")
            #expect(detail.contains("max_tokens (2048)"))
        }
    }

    @Test func aSuccessStatusWithABodyThatIsNotJSONThrows() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(headers: ["request-id": "req_html"], raw: "<html>gateway</html>")])
            let error = await #expect(throws: LanguageModelError.self) { try await Self.mutator(fixture).propose(try SampleRequest.make()) }
            #expect(error?.failure == .malformedResponse(status: 200, reason: "the body is not JSON"))
            #expect(error?.requestID == "req_html")
            #expect(error?.description == "anthropic: HTTP 200 with an unusable body: the body is not JSON: <html>gateway</html> (request req_html)")
        }
    }
}
