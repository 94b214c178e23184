import Foundation
import LosslessJSON
import Testing
import TestSupport

/// `run --mutator anthropic|openai` end to end: the real binary and its libcurl client against the
/// local fixture that speaks each API's wire format. The key must reach the API's header and
/// nothing else.
@Suite("run with a network mutator")
struct NetworkMutatorRunTests {
    let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json").path
    static let key = "fixture-key-\(UUID().uuidString)"

    /// Every file under `dir` and the outputs, searched for the key byte for byte.
    func leaks(in dir: URL, _ outputs: [String]) throws -> [String] {
        var found: [String] = outputs.filter { $0.contains(Self.key) }.map { _ in "process output" }
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard let data = try? Data(contentsOf: url) else { continue }
            if data.range(of: Data(Self.key.utf8)) != nil { found.append(url.lastPathComponent) }
        }
        return found
    }

    @Test func anthropicRunsRecordsCostAndNeverWritesTheKey() async throws {
        try await withFixtureSession { session in
            try await session.script([
                // Round 1: a patch (consent for the Meta pixel) through the forced tool call.
                reply(body: AnthropicBody.toolUse(try json(#"""
                    {"ops":[{"op":"add","path":"/tag/7/consentSettings","value":{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"ad_storage"},{"type":"TEMPLATE","value":"ad_user_data"},{"type":"TEMPLATE","value":"ad_personalization"}]}}}],
                     "rationale":"Meta needs ad consent","rule":"consent.vendor_types"}
                    """#), inputTokens: 2000, outputTokens: 100)),
                // Round 2: overloaded, then a refusal.
                reply(status: 529, headers: ["retry-after": "0"], body: AnthropicBody.error("overloaded_error", "Overloaded")),
                reply(body: AnthropicBody.text("I can't help with that.", stopReason: "refusal")),
                // Round 3: tool input that is no patch.
                reply(body: AnthropicBody.toolUse(try json(#"{"ops":"rename everything"}"#))),
            ])
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("net-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let result = try CLIProcess.run(
                ["run", example, "--mutator", "anthropic", "--base-url", session.baseURL, "--rounds", "3",
                 "--db", dir.appendingPathComponent("state.sqlite").path, "--out", dir.appendingPathComponent("out").path],
                environment: ["ANTHROPIC_API_KEY": Self.key])
            #expect(result.status == 0, "\(result.stderr)")
            let log = try CLIProcess.run(["log", "1", "--db", dir.appendingPathComponent("state.sqlite").path, "--format", "jsonl"])
            let rounds = try log.stdout.split(separator: "\n").map { try JSONParser().parse(String($0)) }
            #expect(rounds.map { $0["decision"]?.stringValue } == ["kept", "rejected", "rejected"])
            #expect(rounds.map { $0["reason"]?.stringValue } == ["improved", "mutator_refused", "invalid_json"])
            #expect(rounds[0]["mutator"]?.stringValue == "anthropic:claude-haiku-4-5")
            #expect(rounds[0]["input_tokens"]?.numberValue?.intValue == 2000)
            // 2,000 input and 100 output tokens at $1/$5 per million.
            #expect(abs((rounds[0]["cost_usd"]?.numberValue?.doubleValue ?? 0) - 0.0025) < 1e-9)
            #expect(result.stdout.contains("cost $0."))

            let requests = try await session.requests()
            #expect(requests.count == 4)
            #expect(requests.allSatisfy { $0["headers"]?["x-api-key"]?.stringValue == Self.key })
            #expect(requests.allSatisfy { $0["body"]?["tool_choice"]?["name"]?.stringValue == "propose_patch" })
            #expect(try leaks(in: dir, [result.stdout, result.stderr, log.stdout]).isEmpty)
        }
    }

    @Test func openAICompatibleEndpointWithoutAKey() async throws {
        try await withFixtureSession { session in
            let patch = #"{"ops":[{"op":"add","path":"/tag/7/consentSettings","from":null,"value_json":"{\"consentStatus\":\"NEEDED\",\"consentType\":{\"type\":\"LIST\",\"list\":[{\"type\":\"TEMPLATE\",\"value\":\"ad_storage\"},{\"type\":\"TEMPLATE\",\"value\":\"ad_user_data\"},{\"type\":\"TEMPLATE\",\"value\":\"ad_personalization\"}]}}"}],"rationale":"consent","rule":"consent.vendor_types"}"#
            try await session.script([
                reply(status: 500, body: OpenAIBody.error("server_error", "boom", code: nil)),
                reply(body: OpenAIBody.completion(content: patch)),
                reply(body: OpenAIBody.completion(content: nil, refusal: "no")),
            ])
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oa-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let db = dir.appendingPathComponent("state.sqlite").path
            let result = try CLIProcess.run(["run", example, "--mutator", "openai", "--base-url", session.baseURL + "/v1",
                                             "--model", "qwen2.5-coder", "--rounds", "2", "--db", db, "--out", dir.appendingPathComponent("out").path],
                                            environment: ["OPENAI_API_KEY": ""])
            #expect(result.status == 0, "\(result.stderr)")
            let rounds = try CLIProcess.run(["log", "1", "--db", db, "--format", "jsonl"]).stdout.split(separator: "\n")
            #expect(rounds.count == 2)
            #expect(rounds[0].contains(#""decision":"kept""#) && rounds[1].contains(#""reason":"mutator_refused""#))
            let requests = try await session.requests()
            #expect(requests.count == 3)
            #expect(requests.allSatisfy { $0["headers"]?["authorization"] == nil && $0["body"]?["model"]?.stringValue == "qwen2.5-coder" })
        }
    }

    @Test func aMissingKeyIsAClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nokey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let result = try CLIProcess.run(["run", example, "--mutator", "anthropic", "--db", dir.appendingPathComponent("s.sqlite").path,
                                         "--credentials", dir.appendingPathComponent("none").path],
                                        environment: ["ANTHROPIC_API_KEY": ""])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ANTHROPIC_API_KEY"))
    }
}
