import CurlHTTP
import Foundation
public import LosslessJSON
public import TagManagerAPI

/// `Tests/Fixtures/gtm_api_fixture.py`: a GTM API v2 stand-in on 127.0.0.1 and a free port, one
/// per test (each test gets its own workspaces, faults and request journal).
public final class GTMFixture: Sendable {
    public let port: Int
    /// A bearer token the fixture accepts, made up for this run.
    public let token = "fixture-token-\(UUID().uuidString.lowercased())"
    private let script: PythonFixture
    private let http = CurlHTTPClient()

    public var root: String { "http://127.0.0.1:\(port)" }
    public var baseURL: String { root + "/tagmanager/v2/" }
    public var tokenURL: String { root + "/token" }

    public init() throws {
        script = try PythonFixture(script: "gtm_api_fixture.py", arguments: ["--exit-with-stdin"])
        port = try script.fields(count: 1, what: "the GTM API fixture").port
    }

    /// Ends the server.
    public func stop() { script.stop() }

    /// Fixtures alive at once across the test run (see ``TestSlots``).
    static let slots = TestSlots(limit: 2)

    /// Sends a control document (see the fixture's docstring): tokens, seed, faults, conflicts, …
    public func control(_ spec: JSONValue) async throws {
        let response = try await http.send(HTTPRequest(method: .post, url: root + "/__control", body: JSONWriter().bytes(of: spec),
                                                       timeout: .seconds(10)))
        guard response.status == 200 else { throw PythonFixture.Failure(description: "fixture control failed: HTTP \(response.status)") }
    }

    /// Every API and token request so far.
    public func journal() async throws -> [JSONObject] {
        let response = try await http.send(HTTPRequest(method: .get, url: root + "/__journal", timeout: .seconds(10)))
        return try JSONParser().parse(response.body).arrayValue?.compactMap(\.objectValue) ?? []
    }

    /// The journal's GTM API requests only.
    public func apiRequests() async throws -> [JSONObject] {
        try await journal().filter { $0["kind"]?.stringValue == "api" }
    }

    /// A workspace's stored entities: `{"entities": {"tags": [...], …}, "builtIns": [...], "name"}`.
    public func workspace(_ workspacePath: String) async throws -> JSONObject {
        let parts = workspacePath.split(separator: "/")
        let url = root + "/__workspace?accountId=\(parts[1])&containerId=\(parts[3])&workspaceId=\(parts[5])"
        let response = try await http.send(HTTPRequest(method: .get, url: url, timeout: .seconds(10)))
        guard response.status == 200, case .object(let object) = try JSONParser().parse(response.body) else {
            throw PythonFixture.Failure(description: "no workspace \(workspacePath) in the fixture")
        }
        return object
    }

    /// A configuration pointing at this fixture with its token, fast pacing and quick retries.
    public func configuration(credentials: TagManagerCredentials? = nil, interval: Duration = .milliseconds(2),
                       maxAttempts: Int = 4) throws -> TagManagerConfiguration
    {
        try TagManagerConfiguration(credentials: credentials ?? .accessToken(token), baseURL: baseURL, requestInterval: interval,
                                    retryPolicy: RetryPolicy(maxAttempts: maxAttempts, initialBackoff: .milliseconds(5),
                                                             maxBackoff: .milliseconds(40), maxRetryAfter: .milliseconds(100)),
                                    requestTimeout: .seconds(20))
    }
}

/// Runs `body` with a fresh fixture that accepts its own token, then stops it.
public func withGTMFixture<T: Sendable>(_ body: @Sendable (GTMFixture) async throws -> T) async throws -> T {
    try await GTMFixture.slots.run {
        let fixture = try GTMFixture()
        defer { fixture.stop() }
        try await fixture.control(["tokens": [.string(fixture.token)]])
        return try await body(fixture)
    }
}
