import CurlHTTP

/// An in-memory ``HTTPClient``: answers from a queue of canned replies and records each request.
actor ScriptedHTTPClient: HTTPClient {
    enum Reply {
        case response(HTTPResponse)
        case failure(HTTPError)
    }

    private var replies: [Reply]
    private(set) var requests: [HTTPRequest] = []

    init(_ replies: [Reply]) { self.replies = replies }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.append(request)
        guard !replies.isEmpty else { return HTTPResponse(status: 599, body: Array("no scripted reply left".utf8)) }
        switch replies.removeFirst() {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}

extension ScriptedHTTPClient.Reply {
    static func status(_ status: Int, headers: [String: String] = [:], _ body: String = "") -> Self {
        .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    /// An S3 error document.
    static func s3Error(_ status: Int, code: String, message: String, headers: [String: String] = [:]) -> Self {
        .status(status, headers: headers, """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>\(code)</Code><Message>\(message)</Message><RequestId>REQ123</RequestId></Error>
            """)
    }
}

extension HTTPRequest {
    /// The value of header `name`, whatever its case.
    func header(_ name: String) -> String? { headers.last { $0.name.lowercased() == name.lowercased() }?.value }
}
