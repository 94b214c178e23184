import TestSupport
import CurlHTTP
import Foundation
@testable import ObjectStore
import Testing

/// What the client puts on the wire and how it reads replies, against an in-memory transport.
@Suite(.timeLimit(.minutes(1)))
struct S3ClientTests {
    static let instant = Date(timeIntervalSince1970: 1_795_000_000)
    static let fast = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(2))

    static func client(_ replies: [ScriptedHTTPClient.Reply], endpoint: String = "https://acct.r2.cloudflarestorage.com",
                       retryPolicy: RetryPolicy = fast) throws -> (S3Client, ScriptedHTTPClient)
    {
        let http = ScriptedHTTPClient(replies)
        let configuration = try S3Configuration(endpoint: endpoint, bucket: "nightly",
                                                credentials: S3Credentials(accessKeyID: "AKIDTEST", secretAccessKey: "test-secret-value"),
                                                retryPolicy: retryPolicy)
        return (S3Client(configuration: configuration, http: http, now: { instant }), http)
    }

    @Test func putIsPathStyleSignedAndCarriesBothDigests() async throws {
        let (client, http) = try Self.client([.status(200, headers: ["ETag": "\"abc\""])])
        let body = Array("{\"a\":1}".utf8)
        let eTag = try await client.putObject(key: "clients/acme café/2026-11-20/winning-config.json", bytes: body, contentType: "application/json")
        #expect(eTag == "abc")
        let request = try #require(await http.requests.first)
        #expect(request.method == .put)
        #expect(request.url == "https://acct.r2.cloudflarestorage.com/nightly/clients/acme%20caf%C3%A9/2026-11-20/winning-config.json")
        #expect(request.body == body)
        #expect(request.header("Host") == "acct.r2.cloudflarestorage.com")
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("x-amz-content-sha256") == SigV4Signer.hexSHA256(body))
        #expect(request.header("Content-MD5") == "u2y1xo30ZSlByvZSo2by2A==")  // base64 MD5 of {"a":1}
        #expect(request.header("x-amz-date") == AMZDate(Self.instant).timestamp)
        let authorization = try #require(request.header("Authorization"))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/\(AMZDate(Self.instant).day)/auto/s3/aws4_request, "
            + "SignedHeaders=content-md5;content-type;host;x-amz-content-sha256;x-amz-date, Signature="))
        #expect(!authorization.contains("test-secret-value"))
    }

    @Test func hostKeepsANonDefaultPort() async throws {
        let (client, http) = try Self.client([.status(200, headers: ["Content-Length": "0"])], endpoint: "http://127.0.0.1:5000/")
        _ = try await client.getObject(key: "a/b")
        let request = try #require(await http.requests.first)
        #expect(request.url == "http://127.0.0.1:5000/nightly/a/b")
        #expect(request.header("Host") == "127.0.0.1:5000")
    }

    @Test func getChecksTheLength() async throws {
        let (client, _) = try Self.client([.status(200, headers: ["Content-Length": "10"], "short")])
        let error = try await #require(throws: S3Error.self) { try await client.getObject(key: "x.json") }
        #expect(error.failure == .incompleteBody(expected: 10, received: 5))
        #expect(error.description == "S3 getObject s3://nightly/x.json: the body has 5 bytes, Content-Length said 10")
    }

    @Test func anErrorReplyBecomesOneLineNamingOperationBucketAndKey() async throws {
        let (client, http) = try Self.client([.s3Error(404, code: "NoSuchKey", message: "The specified key\n does not exist.")])
        let error = try await #require(throws: S3Error.self) { try await client.getObject(key: "clients/acme/x.json") }
        #expect(error.isNotFound)
        #expect(error.code == "NoSuchKey")
        #expect(error.description == "S3 getObject s3://nightly/clients/acme/x.json: HTTP 404 NoSuchKey: The specified key does not exist. "
            + "(request REQ123); not retried: HTTP 404 NoSuchKey is not retryable")
        #expect(await http.requests.count == 1)
    }

    @Test func slowDownIsRetriedThenSucceeds() async throws {
        let (client, http) = try Self.client([
            .s3Error(503, code: "SlowDown", message: "Please reduce your request rate."),
            .failure(.connectionDropped(url: "u", code: 56, detail: "reset")),
            .status(200, headers: ["Content-Length": "2"], "ok"),
        ])
        #expect(try await client.getObject(key: "k") == Array("ok".utf8))
        let requests = await http.requests
        #expect(requests.count == 3)
    }

    @Test func retriesStopAtTheBudgetAndSaySo() async throws {
        let (client, http) = try Self.client(Array(repeating: .s3Error(500, code: "InternalError", message: "We encountered an internal error."), count: 5))
        let error = try await #require(throws: S3Error.self) { try await client.putObject(key: "k", bytes: [1]) }
        #expect(await http.requests.count == 3)
        #expect(error.attempts == 3)
        #expect(error.description.hasSuffix("; gave up after 3 attempts"))
    }

    @Test func aRetryAfterIsHonouredWithinItsCap() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(5))
        #expect(policy.decision(status: 429, code: nil, headers: ["retry-after": "2"]) == .retry(after: .seconds(2)))
        #expect(policy.decision(status: 503, code: "SlowDown", headers: ["retry-after": "60"]) == .retry(after: .seconds(5)))
        #expect(policy.decision(status: 400, code: "RequestTimeout", headers: [:]) == .retry(after: nil))
        #expect(policy.decision(status: 403, code: "SignatureDoesNotMatch", headers: [:])
            == .stop(reason: "HTTP 403 SignatureDoesNotMatch is not retryable"))
    }

    @Test func headReturnsNilForAMissingObject() async throws {
        let (client, _) = try Self.client([
            .status(404),
            .status(200, headers: ["Content-Length": "42", "Content-Type": "text/html", "ETag": "\"e\"", "Last-Modified": "Tue, 20 Nov 2026 03:15:00 GMT"]),
        ])
        #expect(try await client.headObject(key: "missing") == nil)
        #expect(try await client.headObject(key: "present")
            == S3ObjectMetadata(contentLength: 42, contentType: "text/html", eTag: "e", lastModified: "Tue, 20 Nov 2026 03:15:00 GMT"))
    }

    @Test func listingFollowsContinuationTokens() async throws {
        func page(_ keys: [String], next: String?) -> ScriptedHTTPClient.Reply {
            let contents = keys.map { "<Contents><Key>\($0)</Key><LastModified>2026-11-20T03:15:00.000Z</LastModified><ETag>&quot;e&quot;</ETag><Size>3</Size></Contents>" }
            let tail = next.map { "<IsTruncated>true</IsTruncated><NextContinuationToken>\($0)</NextContinuationToken>" } ?? "<IsTruncated>false</IsTruncated>"
            return .status(200, #"<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>nightly</Name>"#
                + contents.joined() + tail + "</ListBucketResult>")
        }
        let (client, http) = try Self.client([page(["p/a", "p/b &amp; c"], next: "tok/1+="), page(["p/é"], next: nil)])
        let objects = try await client.listObjects(prefix: "p/", pageSize: 2)
        #expect(objects.map(\.key) == ["p/a", "p/b & c", "p/é"])
        #expect(objects.first == S3ObjectSummary(key: "p/a", size: 3, eTag: "e", lastModified: "2026-11-20T03:15:00.000Z"))
        let urls = await http.requests.map(\.url)
        #expect(urls == ["https://acct.r2.cloudflarestorage.com/nightly?list-type=2&max-keys=2&prefix=p%2F",
                         "https://acct.r2.cloudflarestorage.com/nightly?continuation-token=tok%2F1%2B%3D&list-type=2&max-keys=2&prefix=p%2F"])
    }

    @Test func aListingThatIsNotXMLIsAClearError() async throws {
        let (client, _) = try Self.client([.status(200, "<html>proxy login</html")])
        let error = try await #require(throws: S3Error.self) { try await client.listObjects(prefix: "p/") }
        #expect(error.description == "S3 listObjects s3://nightly/p/*: HTTP 200 with an unusable body: not a ListBucketResult document")
    }

    @Test(arguments: ["", "a/../b", "./a", "a/.", "tab\there", String(repeating: "k", count: 1025)])
    func keysThatCannotTravelAreRefusedBeforeSending(_ key: String) async throws {
        let (client, http) = try Self.client([])
        let error = try await #require(throws: S3Error.self) { try await client.putObject(key: key, bytes: []) }
        guard case .invalidRequest = error.failure else { Issue.record("\(error)"); return }
        #expect(await http.requests.isEmpty)
    }
}
