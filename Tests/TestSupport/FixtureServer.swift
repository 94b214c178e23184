import CurlHTTP
import Foundation
public import LosslessJSON

/// `Tests/Fixtures/llm_api_fixture.py` running as a subprocess on a free port.
public final class FixtureServer: Sendable {
    public let port: Int
    private let script: PythonFixture

    public var rootURL: String { "http://127.0.0.1:\(port)" }

    /// One server for the whole test run: Python's start-up costs more CPU than most tests, and
    /// sessions keep parallel tests apart.
    public static let shared = Result { try FixtureServer() }

    public init() throws {
        script = try PythonFixture(script: "llm_api_fixture.py", arguments: ["--exit-with-stdin"])
        port = try script.fields(count: 1, what: "the model API fixture").port
    }

    /// Ends the server.
    public func stop() { script.stop() }

    /// A fresh session: its own reply queue and request record.
    public func makeSession() -> FixtureSession {
        FixtureSession(baseURL: rootURL + "/s/" + UUID().uuidString.lowercased())
    }
}

/// One test's view of the fixture: point a client at ``baseURL``, queue replies, read requests.
public struct FixtureSession {
    /// The API root for this session; `/v1/messages` and `…/chat/completions` go below it.
    public let baseURL: String
    private let http = CurlHTTPClient()

    public init(baseURL: String) { self.baseURL = baseURL }

    /// Queues canned replies (see ``reply(status:headers:body:raw:delay:drop:)``), answered in order.
    public func script(_ replies: [JSONValue]) async throws {
        let response = try await http.send(HTTPRequest(method: .post, url: baseURL + "/_fixture/script",
                                                       body: JSONWriter().bytes(of: .array(replies)), timeout: .seconds(5)))
        guard response.status == 200 else { throw PythonFixture.Failure(description: "scripting the fixture failed: HTTP \(response.status)") }
    }

    /// The API requests of this session so far: `{method, path, headers, body}`.
    public func requests() async throws -> [JSONValue] {
        let response = try await http.send(HTTPRequest(method: .get, url: baseURL + "/_fixture/requests", timeout: .seconds(5)))
        return try JSONParser().parse(response.body).arrayValue ?? []
    }
}

/// Runs `body` with a session of its own on the shared fixture server.
public func withFixtureSession<T>(_ body: (FixtureSession) async throws -> T) async throws -> T {
    try await body(FixtureServer.shared.get().makeSession())
}
