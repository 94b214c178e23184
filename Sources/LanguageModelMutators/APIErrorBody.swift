import CurlHTTP
import LosslessJSON

/// The parts of an error response worth reporting, from either wire format.
///
/// Anthropic: `{"type":"error","error":{"type","message","details":{"error_code"}},"request_id"}`;
/// OpenAI: `{"error":{"message","type","param","code"}}`; Ollama: `{"error":"…"}`; a proxy's
/// HTML page: its first words.
struct APIErrorBody {
    var type: String?
    var code: String?
    var message: String?
    var requestID: String?

    /// Longest message kept: enough to say what happened, short enough for one log line.
    static let messageLimit = 300

    init(response: HTTPResponse, json: JSONValue?, key: APIKey) {
        var rawMessage: String?
        if let error = json?["error"] {
            if error.objectValue != nil {
                type = error["type"]?.stringValue
                rawMessage = error["message"]?.stringValue
                code = error["details"]?["error_code"]?.stringValue ?? error["code"]?.stringValue
            } else {
                rawMessage = error.stringValue
            }
        } else if json == nil {
            rawMessage = String(decoding: response.body.prefix(APIErrorBody.messageLimit * 2), as: UTF8.self)
        }
        message = rawMessage.map { APIErrorBody.oneLine(key.redacting($0)) }
        requestID = response.header("request-id") ?? response.header("x-request-id") ?? json?["request_id"]?.stringValue
    }

    /// A spent budget, which no wait refills: Anthropic's spend limit, OpenAI's quota.
    var isBudgetExhausted: Bool {
        code == "enforced_spend_limit_reached" || code == "insufficient_quota" || type == "insufficient_quota"
    }

    static func oneLine(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        return words.count > messageLimit ? String(words.prefix(messageLimit)) + "…" : words
    }
}
