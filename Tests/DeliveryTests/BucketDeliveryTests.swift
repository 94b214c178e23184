import Delivery
import ExperimentLog
import Foundation
import ObjectStore
import RunDeliverables
import Testing
import TestSupport

/// Delivery against a real S3 implementation (moto) on 127.0.0.1.
@Suite("Delivery to a bucket: upload, winners, rollback from the bucket", .enabled(if: MotoServer.isInstalled, MotoServer.skipMessage))
struct BucketDeliveryTests {
    func bucket(_ label: String) async throws -> WinnerStore {
        WinnerStore(objects: try await MotoServer.shared.get().makeBucket(label))
    }

    @Test func theNightsWinnerIsUploadedByteForByteWithItsManifest() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let store = try await bucket("deliver")
        let run = try await fixture.finishedRun(rounds: 5, night: "2026-11-22")
        let report = try await Delivery(log: fixture.log, bucket: store).deliver(run, staging: fixture.path("staging"))
        #expect(report.bucketKeys?.sorted() == [
            "clients/acme/2026-11-22/report.html", "clients/acme/2026-11-22/rounds.jsonl",
            "clients/acme/2026-11-22/winner.json", "clients/acme/2026-11-22/winning-config.json",
        ])
        let night = try NightDate("2026-11-22")
        #expect(try await store.nights(client: "acme") == [night])
        #expect(try await store.download(client: "acme", night: night, file: .winningConfig) == (try #require(try fixture.log.blob(run.bestSHA))))
        #expect(try await store.download(client: "acme", night: night, file: .report) == (try fixture.file(report.files.report)))
        let manifest = try WinnerManifest(json: try await store.download(client: "acme", night: night, file: .manifest), source: "winner.json")
        #expect(manifest.runId == run.id && manifest.sha256 == run.bestSHA && manifest.score == run.bestScore.overall)
    }

    @Test func winnersMergeTheDatabaseAndTheBucketAndRollbackFetchesANightOnlyTheBucketHas() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let store = try await bucket("rollback")
        // Night 1 delivered from another database (then forgotten here); night 2 only in this one.
        let other = try DeliveryFixture()
        defer { other.remove() }
        let old = try await other.finishedRun(rounds: 4, night: "2026-11-10")
        _ = try await Delivery(log: other.log, bucket: store).deliver(old, staging: other.path("staging"))
        let recent = try await fixture.finishedRun(rounds: 2, night: "2026-11-11")
        _ = try await Delivery(log: fixture.log).deliver(recent, staging: fixture.path("staging"))

        let delivery = Delivery(log: fixture.log, bucket: store)
        let listings = try await delivery.winners(client: "acme")
        #expect(listings.map(\.night) == ["2026-11-10", "2026-11-11"])
        #expect(listings.map(\.inDatabase) == [false, true])
        #expect(listings.map(\.inBucket) == [true, false])
        #expect(listings[0].runId == old.id && listings[0].score == old.bestScore.overall && listings[0].sha256 == old.bestSHA)

        let staging = fixture.path("staging")
        let report = try await delivery.rollback(client: "acme", to: try NightDate("2026-11-10"), staging: staging)
        #expect(report.source == "bucket" && report.runId == old.id)
        #expect(try fixture.file("\(staging)/autoresearch-nightly/container.json") == (try #require(try other.log.blob(old.bestSHA))))
    }

    @Test func aDownloadThatDoesNotMatchItsManifestIsRefusedAndChangesNothing() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let store = try await bucket("corrupt")
        let night = try NightDate("2026-11-12")
        let manifest = WinnerManifest(client: "acme", night: "2026-11-12", runId: 9, score: 0.9, initialScore: 0.5,
                                      sha256: String(repeating: "0", count: 64), bytes: 2)
        try await store.upload(client: "acme", night: night, files: [.manifest: manifest.json, .winningConfig: Array("{}".utf8)])
        let staging = fixture.path("staging")
        await #expect(throws: DeliveryError.self) {
            try await Delivery(log: fixture.log, bucket: store).rollback(client: "acme", to: night, staging: staging)
        }
        #expect(!FileManager.default.fileExists(atPath: staging))
    }
}
