public import CurlHTTP
import Foundation
public import ObjectStore
public import Testing

/// `Tests/Fixtures/moto_s3_fixture.py`: a real S3 implementation (moto) on 127.0.0.1, checking
/// signatures against an access key it generated for this run.
public final class MotoServer: Sendable {
    public let port: Int
    public let accessKeyID: String
    public let secretAccessKey: String
    private let script: PythonFixture

    public var endpoint: String { "http://127.0.0.1:\(port)" }

    public static let skipMessage: Comment = "moto_server is not installed (pip install 'moto[server]'): S3 integration tests skipped"

    /// Whether `moto_server` is on the `PATH`: the one reason these tests may skip.
    public static var isInstalled: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/moto_server")
        }
    }

    /// One server for the whole test run: starting moto costs a second or two of CPU, and each
    /// test works in a bucket of its own.
    public static let shared = Result { try MotoServer() }

    public init() throws {
        script = try PythonFixture(script: "moto_s3_fixture.py")
        let (port, key) = try script.fields(count: 3, what: "the moto fixture")
        self.port = port
        accessKeyID = key[0]
        secretAccessKey = key[1]
    }

    /// Ends the server.
    public func stop() { script.stop() }

    /// A client for `bucket` (not created) signing with this server's key, or with `secret`.
    public func makeClient(bucket: String, region: String = "auto", secret: String? = nil,
                    retryPolicy: RetryPolicy = .objectStore) throws -> S3Client
    {
        let credentials = S3Credentials(accessKeyID: accessKeyID, secretAccessKey: secret ?? secretAccessKey)
        let configuration = try S3Configuration(endpoint: endpoint, bucket: bucket, credentials: credentials, region: region,
                                                requestTimeout: .seconds(60), retryPolicy: retryPolicy)
        return S3Client(configuration: configuration)
    }

    /// A client for a new, empty bucket of its own.
    public func makeBucket(_ label: String) async throws -> S3Client {
        let client = try makeClient(bucket: "\(label)-\(UUID().uuidString.lowercased().prefix(8))")
        try await client.createBucket()
        return client
    }
}
