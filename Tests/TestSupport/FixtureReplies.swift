public import LosslessJSON

/// One canned fixture reply: a status with headers and a JSON (or raw) body, a delay first, or
/// a connection dropped without a reply.
///
/// A JSON body travels as raw text written here, because the Python fixture would re-encode a
/// parsed body and turn `1.50` into `1.5`.
public func reply(status: Int = 200, headers: [String: String] = [:], body: JSONValue? = nil, raw: String? = nil,
           delay: Double? = nil, drop: Bool = false) -> JSONValue
{
    var headers = headers
    var raw = raw
    if let body {
        raw = JSONWriter().string(of: body)
        if !headers.keys.contains(where: { $0.lowercased() == "content-type" }) { headers["content-type"] = "application/json" }
    }
    var members: [JSONObject.Member] = [
        .init(key: "status", value: .number(JSONNumber(status))),
        .init(key: "headers", value: .object(JSONObject(headers.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: .string($0.value)) }))),
    ]
    if let raw { members.append(.init(key: "raw", value: .string(raw))) }
    if let delay, let seconds = JSONNumber(delay) { members.append(.init(key: "delay", value: .number(seconds))) }
    if drop { members.append(.init(key: "drop", value: true)) }
    return .object(JSONObject(members))
}

/// Messages API bodies as api-shapes.md §1 documents them.
public enum AnthropicBody {
    public static func message(content: [JSONValue], stopReason: String, inputTokens: Int = 1200, outputTokens: Int = 80) -> JSONValue {
        [
            "id": "msg_01fixture", "type": "message", "role": "assistant", "model": "claude-haiku-4-5-20251001",
            "content": .array(content), "stop_reason": .string(stopReason), "stop_sequence": nil,
            "usage": ["input_tokens": .number(JSONNumber(inputTokens)), "output_tokens": .number(JSONNumber(outputTokens)),
                      "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "service_tier": "standard"],
        ]
    }

    public static func toolUse(_ input: JSONValue, inputTokens: Int = 1200, outputTokens: Int = 80) -> JSONValue {
        message(content: [["type": "tool_use", "id": "toolu_01fixture", "name": "propose_patch", "input": input]],
                stopReason: "tool_use", inputTokens: inputTokens, outputTokens: outputTokens)
    }

    public static func text(_ text: String, stopReason: String) -> JSONValue {
        message(content: [["type": "text", "text": .string(text)]], stopReason: stopReason)
    }

    public static func error(_ type: String, _ message: String, errorCode: String? = nil) -> JSONValue {
        var error: JSONValue = ["type": .string(type), "message": .string(message)]
        if let errorCode, case .object(var object) = error {
            object["details"] = ["error_code": .string(errorCode)]
            error = .object(object)
        }
        return ["type": "error", "error": error, "request_id": "req_body"]
    }
}

/// Chat-completions bodies as api-shapes.md §2 documents them.
public enum OpenAIBody {
    public static func completion(content: String?, refusal: String? = nil, finishReason: String = "stop",
                           promptTokens: Int = 1000, completionTokens: Int = 100) -> JSONValue
    {
        [
            "id": "chatcmpl-fixture", "object": "chat.completion", "created": 1_732_000_000, "model": "gpt-4o-mini",
            "choices": [[
                "index": 0,
                "message": ["role": "assistant", "content": content.map { .string($0) } ?? nil, "refusal": refusal.map { .string($0) } ?? nil],
                "finish_reason": .string(finishReason), "logprobs": nil,
            ]],
            "usage": ["prompt_tokens": .number(JSONNumber(promptTokens)), "completion_tokens": .number(JSONNumber(completionTokens)),
                      "total_tokens": .number(JSONNumber(promptTokens + completionTokens))],
        ]
    }

    public static func error(_ type: String, _ message: String, code: String?) -> JSONValue {
        ["error": ["message": .string(message), "type": .string(type), "param": nil, "code": code.map { .string($0) } ?? nil]]
    }
}

/// Parses JSON text written in a test.
public func json(_ text: String) throws -> JSONValue { try JSONParser().parse(text) }
