import CurlHTTP

/// An in-memory ``HTTPClient``: answers from a queue of canned replies and records each request.
actor ScriptedHTTPClient: HTTPClient {
    private var replies: [HTTPResponse]
    private(set) var requests: [HTTPRequest] = []

    init(_ replies: [HTTPResponse]) { self.replies = replies }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.append(request)
        guard !replies.isEmpty else { return HTTPResponse(status: 599, body: Array("no scripted reply left".utf8)) }
        return replies.removeFirst()
    }
}

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

extension HTTPRequest {
    /// The value of header `name`, whatever its case.
    func header(_ name: String) -> String? { headers.last { $0.name.lowercased() == name.lowercased() }?.value }
}
