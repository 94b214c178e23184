import Delivery
import ExperimentLog
import Foundation
import ObjectStore
import RunDeliverables
import Testing
import TestSupport

@Suite("Delivery: a run's files, the local staging workspace, rollback from the database")
struct DeliveryTests {
    @Test func aRunIsDeliveredToItsFolderAndTheStagingWorkspace() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let run = try await fixture.finishedRun(rounds: 6)
        let staging = fixture.path("staging")
        let report = try await Delivery(log: fixture.log).deliver(run, staging: staging)
        let best = try #require(try fixture.log.blob(run.bestSHA))
        #expect(try fixture.file(report.files.winningConfig) == best)
        #expect(try fixture.file("\(staging)/autoresearch-nightly/container.json") == best)
        #expect(report.winner?.run.id == run.id)
        #expect(report.bucketKeys == nil)
        #expect(report.notes.isEmpty)
    }

    @Test func aWeakerRunTheSameNightLeavesTheNightsWinnerInStaging() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let strong = try await fixture.finishedRun(rounds: 10)
        let weak = try await fixture.finishedRun(rounds: 1)
        #expect(strong.bestScore.overall > weak.bestScore.overall)
        let staging = fixture.path("staging")
        let delivery = Delivery(log: fixture.log)
        _ = try await delivery.deliver(strong, staging: staging)
        let report = try await delivery.deliver(weak, staging: staging)
        // The weak run's own files are written; the workspace holds the night's winner.
        #expect(try fixture.file(report.files.winningConfig) == (try #require(try fixture.log.blob(weak.bestSHA))))
        #expect(try fixture.file("\(staging)/autoresearch-nightly/container.json") == (try #require(try fixture.log.blob(strong.bestSHA))))
        #expect(report.winner?.run.id == strong.id)
        #expect(report.notes.first?.contains("run \(strong.id) scored higher") == true)
        let history = try StagingWorkspace(root: staging).history()
        #expect(history.map(\.runId) == [strong.id, weak.id])
    }

    @Test func rollbackPutsAnEarlierNightBackAndADryRunChangesNothing() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        let earlier = try await fixture.finishedRun(rounds: 3, seed: 4, night: "2026-11-20")
        let later = try await fixture.finishedRun(rounds: 8, seed: 5, night: "2026-11-21")
        let staging = fixture.path("staging")
        let delivery = Delivery(log: fixture.log)
        _ = try await delivery.deliver(later, staging: staging)
        let current = "\(staging)/autoresearch-nightly/container.json"
        let laterBytes = try #require(try fixture.log.blob(later.bestSHA))
        #expect(try fixture.file(current) == laterBytes)

        let dry = try await delivery.rollback(client: "acme", to: try NightDate("2026-11-20"), staging: staging, dryRun: true)
        #expect(dry.runId == earlier.id && dry.source == "database" && dry.staging == nil)
        #expect(try fixture.file(current) == laterBytes)

        let report = try await delivery.rollback(client: "acme", to: try NightDate("2026-11-20"), staging: staging)
        #expect(report.runId == earlier.id && report.staging == staging)
        #expect(try fixture.file(current) == (try #require(try fixture.log.blob(earlier.bestSHA))))
        let changes = String(decoding: try fixture.file("\(staging)/autoresearch-nightly/CHANGES.md"), as: UTF8.self)
        #expect(changes.hasPrefix("> Rolled back to the winner of 2026-11-20 (run \(earlier.id), from the database)"))
    }

    @Test func rollbackToANightWithoutAWinnerNamesTheNightsThatHaveOne() async throws {
        let fixture = try DeliveryFixture()
        defer { fixture.remove() }
        _ = try await fixture.finishedRun(rounds: 1, night: "2026-11-20")
        let staging = fixture.path("staging")
        await #expect(throws: DeliveryError.noWinner(client: "acme", night: "2026-11-19", known: ["2026-11-20"])) {
            try await Delivery(log: fixture.log).rollback(client: "acme", to: try NightDate("2026-11-19"), staging: staging)
        }
        #expect(!FileManager.default.fileExists(atPath: staging))
    }
}
