import CurlHTTP
import Foundation
public import LosslessJSON

/// `Tests/Fixtures/llm_api_fixture.py` running as a subprocess on a free port.
///
/// `--exit-with-stdin` ties the server's life to the pipe this object holds: ``stop()`` closes
/// it, and a test process that exits or dies closes it too, so no server outlives its tests.
///
/// `@unchecked Sendable`: every stored property is a `let`; `process` and `input` are used only
/// in `init` and `stop()`, and the client is itself `Sendable`.
public final class FixtureServer: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let port: Int
    private let process: Process
    private let input: Pipe

    public var rootURL: String { "http://127.0.0.1:\(port)" }

    static var scriptPath: String {
        Corpus.repositoryRoot.appendingPathComponent("Tests/Fixtures/llm_api_fixture.py").path
    }

    /// One server for the whole test run: Python's start-up costs more CPU than most tests, and
    /// sessions keep parallel tests apart.
    public static let shared = Result { try FixtureServer() }

    public init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", FixtureServer.scriptPath, "--exit-with-stdin"]
        let output = Pipe()
        input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "\(FixtureServer.scriptPath) exited before printing its port") }
            line += chunk
        }
        guard let port = Int(String(decoding: line.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)) else {
            throw Failure(description: "the fixture printed no port: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
    }

    /// Ends the server: closing its input makes it exit, SIGTERM backs that up.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

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
        guard response.status == 200 else { throw FixtureServer.Failure(description: "scripting the fixture failed: HTTP \(response.status)") }
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
