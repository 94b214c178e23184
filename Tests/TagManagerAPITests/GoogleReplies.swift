import CurlHTTP
import TestSupport

extension HTTPResponse {
    /// A JSON reply.
    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers.merging(["content-type": "application/json"]) { a, _ in a }, body: Array(body.utf8))
    }

    /// Google's error envelope.
    static func googleError(_ code: Int, status: String, reason: String, message: String, headers: [String: String] = [:]) -> HTTPResponse {
        .json(code, #"{"error":{"code":\#(code),"message":"\#(message)","status":"\#(status)","errors":[{"domain":"usageLimits","reason":"\#(reason)","message":"\#(message)"}]}}"#,
              headers: headers)
    }
}
