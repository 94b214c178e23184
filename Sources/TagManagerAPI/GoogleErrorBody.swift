import CurlHTTP
import LosslessJSON

/// What a Google error reply says, from either of its two shapes:
/// the API envelope `{"error":{"code","message","status","errors":[{"domain","reason","message"}],
/// "details":[{"@type":"…ErrorInfo","reason"}]}}` and the OAuth token endpoint's
/// `{"error":"invalid_grant","error_description":"…"}`.
struct GoogleErrorBody: Sendable {
    /// `PERMISSION_DENIED`, `RESOURCE_EXHAUSTED`, … (API envelope only).
    var status: String?
    /// The first `errors[].reason`, else an `ErrorInfo` reason, else the OAuth `error` code.
    var reason: String?
    /// The message, on one line, at most 300 characters.
    var message: String?

    init(response: HTTPResponse) {
        guard let document = try? JSONParser().parse(response.body), case .object(let top) = document else {
            let text = String(decoding: response.body.prefix(300), as: UTF8.self)
            message = text.isEmpty ? nil : GoogleErrorBody.oneLine(text)
            return
        }
        switch top["error"] {
        case .object(let error)?:
            status = error["status"]?.stringValue
            message = error["message"]?.stringValue.map(GoogleErrorBody.oneLine)
            let listed = error["errors"]?.arrayValue?.compactMap { $0["reason"]?.stringValue }.first
            let detailed = error["details"]?.arrayValue?.compactMap { $0["reason"]?.stringValue }.first
            reason = listed ?? detailed
        case .string(let code)?:
            reason = code
            message = top["error_description"]?.stringValue.map(GoogleErrorBody.oneLine)
        default:
            break
        }
    }

    static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 300 ? String(flat.prefix(299)) + "…" : flat
    }
}
