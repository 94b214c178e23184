import Delivery
import ExperimentLog
import Foundation
import GTMModel
import LosslessJSON
import ObjectStore
import TagManagerAPI
import Testing
import TestSupport

/// Delivery into the GTM workspace `autoresearch-nightly`, through the production client, against
/// the GTM API fixture on 127.0.0.1 (seeded with the example container as its latest version).
@Suite("Delivery to the GTM staging workspace")
struct GTMDeliveryTests {
    static func seed(_ gtm: GTMFixture) async throws {
        let export = try JSONParser().parse(Array(try Data(contentsOf: DeliveryFixture.example)))
        let version = try #require(export["containerVersion"])
        try await gtm.control(["seed": ["accountId": "6001234567", "containerId": "201234567", "containerVersion": version]])
    }

    static func tagNames(_ workspace: JSONObject) -> Set<String> {
        Set((workspace["entities"]?["tags"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
    }

    static func tagNames(of bytes: [UInt8]) throws -> Set<String> {
        Set(try Container(document: JSONParser().parse(bytes)).tags.map(\.name))
    }

    @Test func theNightsWinnerLandsInTheWorkspaceAndDeliveringAgainChangesNothing() async throws {
        try await withGTMFixture { gtm in
            try await Self.seed(gtm)
            let fixture = try DeliveryFixture()
            defer { fixture.remove() }
            let run = try await fixture.finishedRun(rounds: 8)
            let delivery = Delivery(log: fixture.log, gtm: StagingDeployer(configuration: try gtm.configuration()))
            let report = try await delivery.deliver(run, staging: fixture.path("staging"))
            let deployed = try #require(report.gtm)
            #expect(deployed.isClean && deployed.createdWorkspace, "\(deployed.text)")
            #expect(deployed.created + deployed.updated + deployed.deleted > 0)
            let best = try #require(try fixture.log.blob(run.bestSHA))
            #expect(Self.tagNames(try await gtm.workspace(deployed.workspacePath)) == (try Self.tagNames(of: best)))
            #expect(report.notes.contains { $0.hasPrefix("gtm workspace:  \(deployed.workspacePath)") })

            let again = try #require(try await delivery.deliver(run, staging: fixture.path("staging")).gtm)
            #expect(again.plan.changes.isEmpty && !again.createdWorkspace, "\(again.text)")
            JournalChecks.expectStagingOnly(try await gtm.journal(), workspacePath: deployed.workspacePath)
        }
    }

    @Test func rollbackDeploysTheEarlierNightAndADryRunOnlyReads() async throws {
        try await withGTMFixture { gtm in
            try await Self.seed(gtm)
            let fixture = try DeliveryFixture()
            defer { fixture.remove() }
            let earlier = try await fixture.finishedRun(rounds: 2, seed: 3, night: "2026-11-20")
            let later = try await fixture.finishedRun(rounds: 10, seed: 4, night: "2026-11-21")
            let delivery = Delivery(log: fixture.log, gtm: StagingDeployer(configuration: try gtm.configuration()))
            let path = try #require(try await delivery.deliver(later, staging: fixture.path("staging")).gtm?.workspacePath)
            let earlierBytes = try #require(try fixture.log.blob(earlier.bestSHA))
            #expect(try Self.tagNames(of: earlierBytes) != (try Self.tagNames(of: try #require(try fixture.log.blob(later.bestSHA)))))

            let writesBefore = JournalChecks.writes(try await gtm.journal()).count
            let dry = try await delivery.rollback(client: "acme", to: try NightDate("2026-11-20"), staging: fixture.path("staging"), dryRun: true)
            #expect(dry.gtmPlan?.isEmpty == false && dry.gtm == nil)
            #expect(JournalChecks.writes(try await gtm.journal()).count == writesBefore)

            let rolled = try await delivery.rollback(client: "acme", to: try NightDate("2026-11-20"), staging: fixture.path("staging"))
            #expect(rolled.gtm?.isClean == true)
            #expect(Self.tagNames(try await gtm.workspace(path)) == (try Self.tagNames(of: earlierBytes)))
            JournalChecks.expectStagingOnly(try await gtm.journal(), workspacePath: path)
        }
    }

    @Test func aWorkspaceThatDoesNotCompileFailsTheDeliveryWithTheCompilersWord() async throws {
        try await withGTMFixture { gtm in
            try await Self.seed(gtm)
            try await gtm.control(["compilerError": true])
            let fixture = try DeliveryFixture()
            defer { fixture.remove() }
            let run = try await fixture.finishedRun(rounds: 3)
            let staging = fixture.path("staging")
            let delivery = Delivery(log: fixture.log, gtm: StagingDeployer(configuration: try gtm.configuration()))
            await #expect {
                try await delivery.deliver(run, staging: staging)
            } throws: { error in
                guard case DeliveryError.stagingDoesNotCompile(let text) = error else { return false }
                return text.contains("COMPILER ERROR")
            }
            // What came before the deploy is done: the files and the local workspace.
            #expect(FileManager.default.fileExists(atPath: "\(staging)/autoresearch-nightly/container.json"))
        }
    }
}
