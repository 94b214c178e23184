public import CurlHTTP
import Foundation
public import ObjectStore
public import Testing

/// `Tests/Fixtures/moto_s3_fixture.py`: a real S3 implementation (moto) on 127.0.0.1, checking
/// signatures against an access key it generated for this run.
///
/// Closing the fixture's standard input ends it, and a test process that exits or dies closes
/// it too, so no server outlives its tests.
///
/// `@unchecked Sendable`: every stored property is a `let`; `process` and `input` are used only
/// in `init` and `stop()`.
public final class MotoServer: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let port: Int
    public let accessKeyID: String
    public let secretAccessKey: String
    private let process: Process
    private let input: Pipe

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

    static var scriptPath: String {
        // Tests/TestSupport/MotoServer.swift → Tests/Fixtures/moto_s3_fixture.py
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/moto_s3_fixture.py").path
    }

    public init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", MotoServer.scriptPath]
        let output = Pipe()
        input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "\(MotoServer.scriptPath) exited before printing its port") }
            line += chunk
        }
        let fields = String(decoding: line.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self).split(separator: " ").map(String.init)
        guard fields.count == 3, let port = Int(fields[0]) else {
            throw Failure(description: "the moto fixture did not start: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
        accessKeyID = fields[1]
        secretAccessKey = fields[2]
    }

    /// Ends the server: closing its input makes it exit, SIGTERM backs that up.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

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
