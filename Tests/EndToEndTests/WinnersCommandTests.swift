import Foundation
import LosslessJSON
import ObjectStore
import Testing
import TestSupport

/// `winners` and `rollback` as a user runs them, after `run`; and `report` delivering to a bucket.
@Suite("winners and rollback")
struct WinnersCommandTests {
    let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json").path

    func withRun(_ body: (_ directory: URL, _ db: String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("winners-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("state.sqlite").path
        let ran = try CLIProcess.run(["run", example, "--client", "acme", "--rounds", "4", "--db", db,
                                      "--out", directory.appendingPathComponent("night").path])
        try #require(ran.status == 0, "\(ran.stderr)")
        try await body(directory, db)
    }

    @Test func winnersListTheNightAndRollbackPutsItBack() async throws {
        try await withRun { directory, db in
            let listed = try CLIProcess.run(["winners", "acme", "--db", db, "--format", "json"])
            #expect(listed.status == 0, "\(listed.stderr)")
            let rows = try JSONParser().parse(listed.stdout).arrayValue ?? []
            #expect(rows.count == 1)
            let night = try #require(rows.first?["night"]?.stringValue)
            #expect(rows.first?["run"]?.numberValue?.intValue == 1 && rows.first?["in_database"] == .bool(true))
            let text = try CLIProcess.run(["winners", "acme", "--db", db])
            #expect(text.stdout.contains("\(night)  1 ") && text.stdout.contains("database"), "\(text.stdout)")

            let staging = directory.appendingPathComponent("staging").path
            let dry = try CLIProcess.run(["rollback", "acme", "--to", night, "--db", db, "--staging", staging, "--dry-run"])
            #expect(dry.status == 0 && dry.stdout.contains("unchanged (dry run)"), "\(dry.output)")
            #expect(!FileManager.default.fileExists(atPath: staging))
            let rolled = try CLIProcess.run(["rollback", "acme", "--to", night, "--db", db, "--staging", staging])
            #expect(rolled.status == 0, "\(rolled.stderr)")
            let restored = try Data(contentsOf: URL(fileURLWithPath: "\(staging)/autoresearch-nightly/container.json"))
            #expect(restored == (try Data(contentsOf: directory.appendingPathComponent("night/winning-config.json"))))

            let none = try CLIProcess.run(["rollback", "acme", "--to", "2000-01-01", "--db", db, "--staging", staging])
            #expect(none.status == 1 && none.stderr.contains("nights with a winner: \(night)"), "\(none.stderr)")
            let bad = try CLIProcess.run(["rollback", "acme", "--to", "2026-02-30", "--db", db])
            #expect(bad.status == 64 && bad.stderr.contains("is not a date"), "\(bad.stderr)")
        }
    }

    @Test(.enabled(if: MotoServer.isInstalled, MotoServer.skipMessage))
    func reportDeliversToTheConfiguredBucket() async throws {
        let moto = try MotoServer.shared.get()
        let bucket = try await moto.makeBucket("cli")
        let environment = [
            "GTM_AUTORESEARCH_S3_ENDPOINT": moto.endpoint, "GTM_AUTORESEARCH_S3_BUCKET": bucket.configuration.bucket,
            "AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey,
        ]
        try await withRun { directory, db in
            let out = directory.appendingPathComponent("again").path
            let report = try CLIProcess.run(["report", "1", "--db", db, "--out", out], environment: environment)
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.contains("bucket:         4 objects under clients/acme/"), "\(report.stdout)")
            let listed = try CLIProcess.run(["winners", "acme", "--db", db], environment: environment)
            #expect(listed.stdout.contains("database, bucket"), "\(listed.stdout)")
            let store = WinnerStore(objects: bucket)
            let night = try #require(try await store.nights(client: "acme").first)
            #expect(try await store.download(client: "acme", night: night, file: .winningConfig)
                == Array(try Data(contentsOf: URL(fileURLWithPath: "\(out)/winning-config.json"))))

            let halfConfigured = try CLIProcess.run(["winners", "acme", "--db", db], environment: ["GTM_AUTORESEARCH_S3_BUCKET": "b"])
            #expect(halfConfigured.status == 1 && halfConfigured.stderr.contains("GTM_AUTORESEARCH_S3_ENDPOINT"), "\(halfConfigured.stderr)")
        }
    }
}
