public import CurlHTTP

/// An in-memory ``HTTPClient``: answers from a queue of canned replies and records each request.
public actor ScriptedHTTPClient: HTTPClient {
    public enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(HTTPError)
    }

    private var replies: [Reply]
    public private(set) var requests: [HTTPRequest] = []

    public init(_ replies: [Reply]) { self.replies = replies }

    /// Answers with `responses`, in order.
    public init(_ responses: [HTTPResponse]) { replies = responses.map(Reply.response) }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.append(request)
        guard !replies.isEmpty else { return HTTPResponse(status: 599, body: Array("no scripted reply left".utf8)) }
        switch replies.removeFirst() {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}

extension ScriptedHTTPClient.Reply {
    public static func status(_ status: Int, headers: [String: String] = [:], _ body: String = "") -> Self {
        .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }
}

extension HTTPRequest {
    /// The value of header `name`, whatever its case.
    public func header(_ name: String) -> String? { headers.last { $0.name.lowercased() == name.lowercased() }?.value }
}
