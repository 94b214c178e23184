public import CurlHTTP
import LosslessJSON
public import Mutation
import Scoring

/// Any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama's `/v1`, the client brain
/// router), answering through strict structured output (`response_format: json_schema`).
///
/// Refusals, content-filter stops and truncated answers become a ``Mutation/Proposal`` with no
/// patch; only faults that should stop the run throw (``LanguageModelError``).
public struct OpenAIMutator: Mutator {
    public let configuration: Configuration
    private let sender: RetryingSender

    /// - Parameter http: the transport; tests may substitute their own.
    public init(configuration: Configuration, http: any HTTPClient = CurlHTTPClient()) {
        self.configuration = configuration
        sender = RetryingSender(http: http, policy: configuration.retry, provider: "openai", key: configuration.apiKey ?? APIKey(""))
    }

    public var name: String { "openai:\(configuration.model)" }

    public func propose(_ request: MutationRequest) async throws -> Proposal {
        let prompt = configuration.prompt.prompt(for: request, answer: .jsonObject)
        let reply = try await sender.send(makeRequest(prompt), seed: request.seed) { configuration.usage(in: $0) }
        return try proposal(from: reply)
    }

    func makeRequest(_ prompt: PromptBuilder.Prompt) -> HTTPRequest {
        var body: [JSONObject.Member] = [
            .init(key: "model", value: .string(configuration.model)),
            .init(key: "messages", value: [["role": "system", "content": .string(prompt.system)],
                                           ["role": "user", "content": .string(prompt.user)]]),
            .init(key: "max_tokens", value: .number(JSONNumber(configuration.maxTokens))),
        ]
        if let temperature = configuration.temperature.flatMap(JSONNumber.init) { body.append(.init(key: "temperature", value: .number(temperature))) }
        body.append(.init(key: "response_format", value: [
            "type": "json_schema",
            "json_schema": ["name": .string(PatchSchema.name), "strict": true, "schema": PatchSchema.strict],
        ]))
        var headers: [(name: String, value: String)] = [("content-type", "application/json"), ("accept", "application/json")]
        if let key = configuration.apiKey, !key.isEmpty { headers.insert(("authorization", "Bearer \(key.secret)"), at: 0) }
        return HTTPRequest(method: .post, url: configuration.baseURL.appendingURLPath("/chat/completions"), headers: headers,
                           body: JSONWriter().bytes(of: .object(JSONObject(body))), timeout: configuration.timeout)
    }

    /// Reads a chat completion: refusal and finish reason first, then the content.
    func proposal(from reply: RetryingSender.Reply) throws -> Proposal {
        guard let choice = reply.json["choices"]?.arrayValue?.first, let message = choice["message"]?.objectValue else {
            throw LanguageModelError(provider: "openai", failure: .malformedResponse(status: reply.status, reason: "the completion has no choices[0].message"),
                                     requestID: reply.requestID, attempts: reply.attempts)
        }
        let finishReason = choice["finish_reason"]?.stringValue ?? "none"
        if let refusal = message["refusal"]?.stringValue {
            let detail = APIErrorBody.oneLine(refusal)
            return Proposal(patch: .none(reason: "mutator_refused", detail: detail), rationale: detail, usage: reply.usage)
        }
        switch finishReason {
        case "content_filter":
            let detail = "the provider's content filter stopped the answer"
            return Proposal(patch: .none(reason: "mutator_refused", detail: detail), rationale: detail, usage: reply.usage)
        case "length":
            let detail = "the answer reached max_tokens (\(configuration.maxTokens)) before the patch was complete"
            return Proposal(patch: .none(reason: "mutator_truncated", detail: detail), rationale: detail, usage: reply.usage)
        default:
            break
        }
        guard let content = message["content"]?.stringValue, !content.isEmpty else {
            return Proposal(patch: .unparsable(text: "", reason: "the answer has no content (finish_reason \(finishReason))"), rationale: "", usage: reply.usage)
        }
        return PatchAnswer.proposal(fromText: content, usage: reply.usage)
    }
}
