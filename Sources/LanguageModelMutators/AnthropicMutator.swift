public import CurlHTTP
import LosslessJSON
public import Mutation
import Scoring

/// Claude through the Messages API (SPEC §4), answering through a forced `propose_patch` tool
/// call whose input is the patch.
///
/// Refusals and truncated answers become a ``Mutation/Proposal`` with no patch (the round logs
/// them); only faults that should stop the run throw (``LanguageModelError``).
public struct AnthropicMutator: Mutator {
    /// The API version header this client speaks.
    public static let apiVersion = "2023-06-01"

    public let configuration: Configuration
    private let sender: RetryingSender

    /// - Parameter http: the transport; tests may substitute their own.
    public init(configuration: Configuration, http: any HTTPClient = CurlHTTPClient()) {
        self.configuration = configuration
        sender = RetryingSender(http: http, policy: configuration.retry, provider: "anthropic", key: configuration.apiKey)
    }

    public var name: String { "anthropic:\(configuration.model)" }

    public func propose(_ request: MutationRequest) async throws -> Proposal {
        let prompt = configuration.prompt.prompt(for: request, answer: .toolCall)
        let reply = try await sender.send(makeRequest(prompt), seed: request.seed) { configuration.usage(in: $0) }
        return try proposal(from: reply)
    }

    func makeRequest(_ prompt: PromptBuilder.Prompt) -> HTTPRequest {
        var body: [JSONObject.Member] = [
            .init(key: "model", value: .string(configuration.model)),
            .init(key: "max_tokens", value: .number(JSONNumber(configuration.maxTokens))),
            .init(key: "system", value: .string(prompt.system)),
        ]
        // Haiku 4.5 rejects temperature together with top_p; only temperature is ever sent.
        if let temperature = configuration.temperature.flatMap(JSONNumber.init) { body.append(.init(key: "temperature", value: .number(temperature))) }
        body += [
            .init(key: "messages", value: [["role": "user", "content": .string(prompt.user)]]),
            .init(key: "tools", value: [["name": .string(PatchSchema.name), "description": .string(PatchSchema.description),
                                         "input_schema": PatchSchema.toolInput]]),
            .init(key: "tool_choice", value: ["type": "tool", "name": .string(PatchSchema.name)]),
        ]
        return HTTPRequest(
            method: .post, url: configuration.baseURL.appendingURLPath("/v1/messages"),
            headers: [("x-api-key", configuration.apiKey.secret), ("anthropic-version", AnthropicMutator.apiVersion),
                      ("content-type", "application/json"), ("accept", "application/json")],
            body: JSONWriter().bytes(of: .object(JSONObject(body))), timeout: configuration.timeout)
    }

    /// Reads a Messages API response: stop reason first, then the tool call.
    func proposal(from reply: RetryingSender.Reply) throws -> Proposal {
        let message = reply.json
        guard let content = message["content"]?.arrayValue else {
            throw LanguageModelError(provider: "anthropic", failure: .malformedResponse(status: reply.status, reason: "the message has no content array"),
                                     requestID: reply.requestID, attempts: reply.attempts)
        }
        let stopReason = message["stop_reason"]?.stringValue ?? "none"
        let text = content.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }.joined(separator: " ")
        switch stopReason {
        case "refusal":
            let detail = text.isEmpty ? "the model declined (stop_reason refusal)" : APIErrorBody.oneLine(text)
            return Proposal(patch: .none(reason: "mutator_refused", detail: detail), rationale: detail, usage: reply.usage)
        case "max_tokens":
            let detail = "the answer reached max_tokens (\(configuration.maxTokens)) before the patch was complete"
            return Proposal(patch: .none(reason: "mutator_truncated", detail: detail), rationale: detail, usage: reply.usage)
        case "model_context_window_exceeded":
            let detail = "the prompt and answer exceeded the model's context window"
            return Proposal(patch: .none(reason: "mutator_truncated", detail: detail), rationale: detail, usage: reply.usage)
        default:
            break
        }
        guard let call = content.first(where: { $0["type"]?.stringValue == "tool_use" && $0["name"]?.stringValue == PatchSchema.name }),
              let input = call["input"]
        else {
            return Proposal(patch: .unparsable(text: text, reason: "the answer has no \(PatchSchema.name) tool call (stop_reason \(stopReason))"),
                            rationale: "", usage: reply.usage)
        }
        return PatchAnswer.proposal(from: input, usage: reply.usage)
    }
}
