import TestSupport
import CurlHTTP
import Foundation
import LosslessJSON
import Testing

/// The libcurl client against the local fixture: what arrives, what comes back, and each way an
/// exchange can fail.
@Suite(.timeLimit(.minutes(1)))
struct CurlHTTPClientTests {
    let client = CurlHTTPClient()

    private func post(_ fixture: FixtureSession, path: String = "/v1/messages", body: [UInt8]? = nil, timeout: Duration = .seconds(5)) -> HTTPRequest {
        let payload = body ?? Array(#"{"model":"m","max_tokens":1,"messages":[]}"#.utf8)
        return HTTPRequest(method: .post, url: fixture.baseURL + path,
                           headers: [("x-api-key", "k"), ("anthropic-version", "2023-06-01"), ("Content-Type", "application/json")],
                           body: payload, timeout: timeout)
    }

    @Test func sendsTheBodyAndReturnsStatusHeadersAndBody() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(status: 201, headers: ["X-Custom-Header": "Value: with colon"], raw: "created\r\nline two")])
            // Over 1 KiB, where libcurl would otherwise wait a second for `100 Continue`.
            let big = #"{"model":"m","max_tokens":1,"messages":[{"role":"user","content":""# + String(repeating: "é", count: 3000) + #""}]}"#
            let response = try await client.send(post(fixture, body: Array(big.utf8)))
            // No `Expect: 100-continue` went out, so no server can make the client wait for it
            // (checked on the wire: a time limit here failed on a loaded 2-core machine).
            let sent = try await fixture.requests()
            #expect(sent.count == 1)
            #expect(sent.first?["headers"]?["expect"] == nil)
            #expect(response.status == 201)
            #expect(response.headers["x-custom-header"] == "Value: with colon")
            #expect(response.header("Content-Type") == "text/plain")
            #expect(response.body == Array("created\r\nline two".utf8))

            let recorded = try await fixture.requests()
            #expect(recorded.count == 1)
            #expect(recorded.first?["headers"]?["content-type"]?.stringValue == "application/json")
            #expect(recorded.first?["headers"]?["expect"] == nil)
            #expect(recorded.first?["body"]?["messages"]?.arrayValue?.first?["content"]?.stringValue?.count == 3000)
        }
    }

    @Test func aServerThatDoesNotAnswerTimesOut() async throws {
        try await withFixtureSession { fixture in
            // The reply would come after 30 s; the bound leaves room for a loaded machine's scheduling.
            try await fixture.script([reply(body: ["late": true], delay: 30)])
            let clock = ContinuousClock()
            let start = clock.now
            let error = await #expect(throws: HTTPError.self) { try await client.send(post(fixture, timeout: .milliseconds(300))) }
            #expect(clock.now - start < .seconds(15))
            guard case .timeout(_, let seconds, _)? = error else { Issue.record("expected a timeout, got \(String(describing: error))"); return }
            #expect(seconds == 0.3)
            #expect(error?.isTransient == true)
            #expect(error?.description.contains("no response within 0.3 s") == true)
        }
    }

    @Test func aConnectionClosedWithoutReplyIsDropped() async throws {
        try await withFixtureSession { fixture in
            try await fixture.script([reply(drop: true)])
            let error = await #expect(throws: HTTPError.self) { try await client.send(post(fixture)) }
            guard case .connectionDropped(_, let code, _)? = error else { Issue.record("expected a dropped connection, got \(String(describing: error))"); return }
            #expect(code == 52)  // CURLE_GOT_NOTHING
        }
    }

    @Test func aClosedPortFailsToConnect() async throws {
        // A server of its own, stopped: its port is known to be free.
        let server = try FixtureServer()
        let url = server.rootURL + "/v1/messages"
        server.stop()
        let error = await #expect(throws: HTTPError.self) {
            try await client.send(HTTPRequest(method: .get, url: url, timeout: .seconds(2)))
        }
        guard case .connectionFailed? = error else { Issue.record("expected a failed connection, got \(String(describing: error))"); return }
        #expect(error?.description.contains("cannot connect") == true)
    }

    @Test func aHeaderWithALineBreakIsRefusedBeforeSending() async throws {
        let request = HTTPRequest(method: .get, url: "http://127.0.0.1:9/", headers: [("x-injected", "a\r\nx-evil: 1")])
        let error = await #expect(throws: HTTPError.self) { try await client.send(request) }
        guard case .invalidRequest? = error else { Issue.record("expected an invalid request, got \(String(describing: error))"); return }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        try await withFixtureSession { fixture in
            // Unanswered for 60 s, with a 120 s timeout: only the cancel can end it within the bound.
            try await fixture.script([reply(body: ["late": true], delay: 60)])
            let request = post(fixture, timeout: .seconds(120))
            let client = client
            let clock = ContinuousClock()
            let start = clock.now
            let task = Task { try await client.send(request) }
            // Cancel only once the request is in flight: the server holds it, unanswered.
            while try await fixture.requests().isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(clock.now - start < .seconds(20))
        }
    }
}
