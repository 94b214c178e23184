import Foundation
import GTMModel
import LosslessJSON
import ObjectStore
import TagManagerAPI
import Testing
import TestSupport

/// The end to end: a queued run ends with its winner in the local staging workspace, the
/// bucket (moto) and the GTM workspace (the API fixture), through real worker processes.
@Suite("A queued run delivered by the deliver worker", .enabled(if: MotoServer.isInstalled, MotoServer.skipMessage))
struct DeliveryProcessTests {
    let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json")

    @Test(.timeLimit(.minutes(2))) func aQueuedRunEndsInStagingTheBucketAndGTM() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deliver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let moto = try MotoServer.shared.get()
        let bucket = try await moto.makeBucket("fleet")
        try await withGTMFixture { gtm in
            let version = try #require(try JSONParser().parse(Array(try Data(contentsOf: example)))["containerVersion"])
            try await gtm.control(["seed": ["accountId": "6001234567", "containerId": "201234567", "containerVersion": version]])
            let db = dir.appendingPathComponent("state.sqlite").path
            let out = dir.appendingPathComponent("out/acme/2026-11-27").path  // named for its night: staging is the client folder's
            let queued = try CLIProcess.run(["queue", "run", "--client", "acme", "--container", example.path, "--rounds", "6", "--db", db, "--out", out])
            try #require(queued.status == 0, "\(queued.stderr)")

            let rounds = try CLIProcess.run(["worker", "--db", db, "--exit-when-idle", "--poll", "0.05"])
            #expect(rounds.status == 0, "\(rounds.stderr)")
            #expect(try SQLiteShell.scalar(db, "SELECT state FROM jobs WHERE queue = 'deliver'") == "available")

            let environment = [
                "GTM_AUTORESEARCH_S3_ENDPOINT": moto.endpoint, "GTM_AUTORESEARCH_S3_BUCKET": bucket.configuration.bucket,
                "AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey,
                "GTM_AUTORESEARCH_GTM_API_URL": gtm.baseURL, "GTM_AUTORESEARCH_GTM_ACCESS_TOKEN": gtm.token,
                "GTM_AUTORESEARCH_GTM_REQUEST_INTERVAL": "0.01",
            ]
            let deliver = try CLIProcess.run(["worker", "--queue", "deliver", "--db", db, "--exit-when-idle", "--poll", "0.05"],
                                             environment: environment)
            #expect(deliver.status == 0, "\(deliver.stderr)")
            #expect(try SQLiteShell.scalar(db, "SELECT state FROM jobs WHERE queue = 'deliver'") == "succeeded", "\(deliver.stderr)")

            let winner = Array(try Data(contentsOf: URL(fileURLWithPath: "\(out)/winning-config.json")))
            // Local staging, beside the run's folder.
            let staged = dir.appendingPathComponent("out/acme/staging/autoresearch-nightly/container.json")
            #expect(Array(try Data(contentsOf: staged)) == winner)
            // The bucket.
            let store = WinnerStore(objects: bucket)
            let night = try #require(try await store.nights(client: "acme").first)
            #expect(try await store.download(client: "acme", night: night, file: .winningConfig) == winner)
            // The GTM workspace: the winner's tags, nothing published.
            let result = try SQLiteShell.scalar(db, "SELECT result FROM jobs WHERE queue = 'deliver'")
            let path = try #require(try JSONParser().parse(result)["gtm_workspace"]?.stringValue)
            let workspace = try await gtm.workspace(path)
            let tags = Set((workspace["entities"]?["tags"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
            #expect(tags == Set(try Container(document: JSONParser().parse(winner)).tags.map(\.name)))
            JournalChecks.expectStagingOnly(try await gtm.journal(), workspacePath: path)
        }
    }
}
