import CurlHTTP
import Foundation
import ObjectStore
import Testing
import TestSupport

/// The real libcurl client against a real S3 implementation (moto) on 127.0.0.1, which checks
/// every signature: objects go up and come back byte for byte, listings page, errors read well.
///
/// Skipped only when `moto_server` is not installed (`pip install 'moto[server]'`).
@Suite(.enabled(if: MotoServer.isInstalled, MotoServer.skipMessage), .timeLimit(.minutes(3)))
struct MotoIntegrationTests {
    var moto: MotoServer { get throws { try MotoServer.shared.get() } }

    @Test func objectsRoundTripByteForByte() async throws {
        let client = try await moto.makeBucket("round-trip")
        let body = Array(#"{"containerVersion":{"tag":[]},"note":"é ✓"}"#.utf8)
        let eTag = try await client.putObject(key: "clients/acme/2026-11-20/winning-config.json", bytes: body, contentType: "application/json")
        #expect(eTag?.count == 32)  // the MD5 hex of a single-part upload
        #expect(try await client.getObject(key: "clients/acme/2026-11-20/winning-config.json") == body)
        let head = try #require(try await client.headObject(key: "clients/acme/2026-11-20/winning-config.json"))
        #expect(head.contentLength == body.count)
        #expect(head.contentType == "application/json")
        #expect(head.eTag == eTag)
        #expect(try await client.listObjects(prefix: "clients/").map(\.key) == ["clients/acme/2026-11-20/winning-config.json"])
    }

    @Test func keysWithSpacesUTF8AndPunctuationSurviveTheTrip() async throws {
        let client = try await moto.makeBucket("odd-keys")
        let keys = ["clients/acme shop/2026-11-20/räport ü €.html", "a+b=c&d?e#f.txt", "tilde~star*(paren)'quote'!.txt",
                    "$dollar@at:colon,comma;semi.txt", "percent%20literal.txt", "日本語/キー.json", "double//slash.txt"]
        for (index, key) in keys.enumerated() {
            try await client.putObject(key: key, bytes: Array("object \(index)".utf8), contentType: "text/plain")
        }
        for (index, key) in keys.enumerated() {
            #expect(try await client.getObject(key: key) == Array("object \(index)".utf8), "\(key)")
        }
        #expect(try await Set(client.listObjects(prefix: "").map(\.key)) == Set(keys))
        #expect(try await client.listObjects(prefix: "clients/acme shop/").map(\.key) == [keys[0]])
    }

    @Test func aFiveMegabyteObjectComesBackWhole() async throws {
        let client = try await moto.makeBucket("large")
        // Random bytes, eight at a time: a byte-by-byte loop takes seconds in a debug build.
        var generator = SystemRandomNumberGenerator()
        let words = (0..<(5 * 1024 * 1024 / 8 + 1)).map { _ in generator.next() as UInt64 }
        let body = Array(words.withUnsafeBytes { $0.prefix(5 * 1024 * 1024 + 7) })
        try await client.putObject(key: "big.bin", bytes: body)
        let back = try await client.getObject(key: "big.bin")
        #expect(back.count == body.count)
        #expect(back == body)
        #expect(try await client.headObject(key: "big.bin")?.contentLength == body.count)
    }

    /// Pages of 50: the continuation path without the ~10 s of CPU that 1001+ uploads to moto cost.
    @Test func listingFollowsContinuationTokensAcrossPages() async throws {
        let client = try await moto.makeBucket("many")
        let keys = (0..<240).map { "runs/\(String(format: "%04d", $0)).json" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for batch in stride(from: 0, to: keys.count, by: 60) {
                group.addTask {
                    for key in keys[batch..<min(batch + 60, keys.count)] { try await client.putObject(key: key, bytes: [1]) }
                }
            }
            try await group.waitForAll()
        }
        try await client.putObject(key: "other/x.json", bytes: [2])
        #expect(try await client.listObjects(prefix: "runs/", pageSize: 50).map(\.key) == keys)  // five pages
        #expect(try await client.listObjects(prefix: "runs/").count == 240)  // one page
        #expect(try await client.listObjects(prefix: "").count == 241)
    }

    @Test func aWrongSecretIsAClearSignatureError() async throws {
        let moto = try moto
        let bucket = "wrong-secret-\(UUID().uuidString.lowercased().prefix(8))"
        try await moto.makeClient(bucket: bucket).createBucket()
        let impostor = try moto.makeClient(bucket: bucket, secret: "not-the-secret-at-all")
        let error = try await #require(throws: S3Error.self) {
            try await impostor.putObject(key: "clients/acme/x.json", bytes: [1])
        }
        #expect(error.failure == .status(403))
        #expect(error.code == "SignatureDoesNotMatch")
        #expect(error.attempts == 1)
        #expect(error.description.hasPrefix("S3 putObject s3://\(bucket)/clients/acme/x.json: HTTP 403 SignatureDoesNotMatch: "))
        #expect(!error.description.contains("not-the-secret-at-all"))
    }

    @Test func aMissingObjectIsNotFound() async throws {
        let client = try await moto.makeBucket("missing")
        let error = try await #require(throws: S3Error.self) { try await client.getObject(key: "nothing/here.json") }
        #expect(error.isNotFound)
        #expect(error.code == "NoSuchKey")
        #expect(try await client.headObject(key: "nothing/here.json") == nil)
        try await client.createBucket()  // creating it again is fine
    }

    @Test func theWinnersStoreKeepsEachNight() async throws {
        let store = WinnerStore(objects: try await moto.makeBucket("winners"))
        for (night, score) in [("2026-11-20", "0.91"), ("2026-11-19", "0.88")] {
            try await store.upload(client: "acme", night: NightDate(night),
                                   files: [.winningConfig: Array("{\"score\":\(score)}".utf8), .report: Array("<html>\(night)</html>".utf8),
                                           .rounds: Array("{\"round\":1}\n".utf8)])
        }
        try await store.upload(client: "acme", night: NightDate("2026-11-21"), files: [.report: Array("<html>partial</html>".utf8)])
        try await store.upload(client: "acme-two", night: NightDate("2026-11-22"), files: [.winningConfig: [1]])

        #expect(try await store.nights(client: "acme").map(\.description) == ["2026-11-19", "2026-11-20"])
        #expect(try await store.download(client: "acme", night: NightDate("2026-11-19"), file: .winningConfig) == Array("{\"score\":0.88}".utf8))
        #expect(try await store.download(client: "acme", night: NightDate("2026-11-20"), file: .report) == Array("<html>2026-11-20</html>".utf8))
        #expect(try await store.objects.headObject(key: "clients/acme/2026-11-20/report.html")?.contentType == "text/html; charset=utf-8")
        #expect(try await store.nights(client: "nobody").isEmpty)
    }
}
