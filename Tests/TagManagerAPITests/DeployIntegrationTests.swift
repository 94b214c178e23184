import CurlHTTP
import Foundation
import GTMModel
import LosslessJSON
import TagManagerAPI
import Testing
import TestSupport

/// The real libcurl client against the GTM fixture on 127.0.0.1: whole containers in, plans,
/// redeploys, and the journal showing staging-only traffic.
@Suite(.timeLimit(.minutes(5)))
struct DeployIntegrationTests {
    static let corpusFiles = ["web/001-meta-pixel-ga4-consent-web.json", "web/004-ecom-ga4-ads-tiktok-awin-hotjar-web.json",
                              "web/014-ua-enhanced-ecommerce-demo-web.json", "web/027-ua-sample-many-triggers-web.json",
                              "server/046-sgtm-stape-gads-ga4-meta.json", "server/051-sgtm-meta-new-vs-returning-partial.json"]

    @Test(.enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)), arguments: corpusFiles)
    func aCorpusContainerDeploysIntoAnEmptyWorkspaceAndRedeploysAsANoOp(_ name: String) async throws {
        let bytes = try [UInt8](Data(contentsOf: try #require(Corpus.url(name))))
        let export = try ContainerLoader().decode(bytes, path: name)
        try await withGTMFixture { fixture in
            try await fixture.control(["pageSize": 7])  // several pages per list
            var deployer = StagingDeployer(configuration: try fixture.configuration())
            if (try? await deployer.plan(container: bytes)) == nil {
                // A partial export without ids: refused with a clear line, deployable with the override.
                await #expect {
                    _ = try await deployer.plan(container: bytes)
                } throws: { error in
                    "\(error)".contains("the export names no usable accountId/containerId") && "\(error)".contains("GTM_AUTORESEARCH_GTM_ACCOUNT_ID")
                }
                let base = try fixture.configuration()
                deployer = StagingDeployer(configuration: try TagManagerConfiguration(
                    credentials: base.credentials, baseURL: base.baseURL, accountId: "6001", containerId: "7001",
                    requestInterval: base.requestInterval, retryPolicy: base.retryPolicy))
            }

            let dryRun = try await deployer.plan(container: bytes)
            #expect(!dryRun.workspaceExists)
            #expect(JournalChecks.writes(try await fixture.journal()).isEmpty, "a dry run wrote")

            let requestsBefore = try await fixture.apiRequests().count
            let report = try await deployer.deploy(container: bytes)
            let entityCount = export.folders.count + export.templates.count + export.variables.count + export.builtInVariables.count
                + export.triggers.count + export.tags.count + (export.isServer ? export.clients.count + export.transformations.count : 0)
            #expect(report.createdWorkspace)
            #expect(report.created == entityCount)
            #expect(report.updated == 0 && report.deleted == 0)
            #expect(report.plan.count(of: .create) == dryRun.count(of: .create))
            // Compiles: every remapped reference resolves in the fixture's workspace.
            #expect(!report.preview.compilerError, "\(report.text)")
            #expect(report.preview.isClean)
            let journal = try await fixture.journal()
            #expect(report.requestCount == journal.filter { $0["kind"] == "api" }.count - requestsBefore)
            JournalChecks.expectStagingOnly(journal, workspacePath: report.workspacePath)
            #expect(!journal.contains { $0["path"]?.stringValue?.contains("workspaces/1/") == true && $0["method"] != "GET" })

            // The workspace now holds the container's entities by name.
            let stored = try await fixture.workspace(report.workspacePath)
            for (key, expected) in [("tags", export.tags.map(\.name)), ("triggers", export.triggers.map(\.name)),
                                    ("variables", export.variables.map(\.name)), ("folders", export.folders.map(\.name))] {
                let names = stored["entities"]?[key]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                #expect(Set(names) == Set(expected), "\(key)")
            }
            #expect(stored["builtIns"]?.arrayValue?.count == export.builtInVariables.count)

            // Deploying the same container again plans nothing and writes nothing but quick_preview.
            let before = try await fixture.journal().count
            let again = try await deployer.deploy(container: bytes)
            #expect(again.plan.isEmpty, "\(again.plan.text)")
            #expect(!again.createdWorkspace)
            let writes = JournalChecks.writes(Array(try await fixture.journal().dropFirst(before)))
            #expect(writes.map { $0["path"]?.stringValue ?? "" } == [report.workspacePath + ":quick_preview"])
        }
    }

    @Test func aModifiedContainerChangesExactlyWhatDiffersInAWorkspaceForkedFromTheContainer() async throws {
        try await withGTMFixture { fixture in
            let original = SampleContainer.exportText()
            try await fixture.control(["seed": ["accountId": "1", "containerId": "2",
                                                "containerVersion": try JSONParser().parse(original)["containerVersion"] ?? .null]])
            var tags = SampleContainer.tags
            tags[2] = tags[2].replacingOccurrences(of: #""value":"purchase"}"#, with: #""value":"purchase_v2"}"#)
            tags[1] = tags[1].replacingOccurrences(of: "Meta - Base", with: "Meta - Base Pixel")
            tags[0] = tags[0].replacingOccurrences(of: "Meta - Base", with: "Meta - Base Pixel")
            let variables = [SampleContainer.variables[0],
                             #"{"variableId":"33","name":"DLV - currency","type":"v","parameter":[{"type":"TEMPLATE","key":"name","value":"ecommerce.currency"}]}"#]
            let modified = SampleContainer.bytes(tags: tags, variables: variables)
            let deployer = StagingDeployer(configuration: try fixture.configuration())

            let report = try await deployer.deploy(container: modified)
            #expect(report.createdWorkspace)
            #expect(report.plan.changes.map { "\($0.action.rawValue) \($0.kind.rawValue) \($0.name)" } == [
                "create variable DLV - currency",
                "update tag Meta - Base Pixel", "update tag Meta - Purchase", "update tag GA4 - purchase",
                "delete variable Const - GA4 ID",
            ], "\(report.text)")
            #expect(report.plan.unchangedCount == 8)
            #expect((report.created, report.updated, report.deleted) == (1, 3, 1))
            #expect(!report.preview.compilerError, "\(report.text)")
            let journal = try await fixture.journal()
            JournalChecks.expectStagingOnly(journal, workspacePath: report.workspacePath)
            #expect(JournalChecks.writeSummary(journal, workspacePath: report.workspacePath) == [
                "POST accounts/1/containers/2/workspaces 200",
                "POST /variables 200", "PUT /tags/51 200", "PUT /tags/50 200", "PUT /tags/52 200", "DELETE /variables/31 200",
                "POST :quick_preview 200",
            ])
            // Updates carry the fingerprint read, API casing, and the ids of the forked workspace.
            let put = try #require(JournalChecks.writes(journal).first { $0["path"]?.stringValue?.hasSuffix("/tags/52") == true })
            #expect(put["query"]?["fingerprint"]?.arrayValue?.count == 1)
            #expect(put["body"]?["tagFiringOption"] == "oncePerEvent")
            #expect(put["body"]?["firingTriggerId"] == ["40", "42"])
            #expect(put["body"]?["tagId"] == nil && put["body"]?["fingerprint"] == nil && put["body"]?["path"] == nil)

            let again = try await deployer.plan(container: modified)
            #expect(again.isEmpty, "\(again.text)")
        }
    }

    @Test func aRedeployIntoAWorkspaceTheDeployFilledConverges() async throws {
        try await withGTMFixture { fixture in
            let deployer = StagingDeployer(configuration: try fixture.configuration())
            let first = try await deployer.deploy(container: SampleContainer.bytes())
            #expect(first.created == 12)
            // The API gave every entity a new id (5000 and up); names carry the match.
            var tags = SampleContainer.tags
            tags[2] = tags[2].replacingOccurrences(of: #""firingTriggerId":["40","42"],"blockingTriggerId":["41"],"#, with: #""firingTriggerId":["40"],"#)
            let modified = SampleContainer.bytes(tags: tags, triggers: Array(SampleContainer.triggers.dropFirst()))
            let second = try await deployer.deploy(container: modified)
            #expect(second.plan.changes.map { "\($0.action.rawValue) \($0.kind.rawValue) \($0.name)" } == [
                "update tag GA4 - purchase", "delete trigger TG - funnel",
            ], "\(second.plan.text)")
            #expect(second.plan.changes.first?.reason == "changed: firingTriggerId, blockingTriggerId")
            #expect(!second.preview.compilerError, "\(second.text)")
            #expect(try await deployer.plan(container: modified).isEmpty)
            JournalChecks.expectStagingOnly(try await fixture.journal(), workspacePath: second.workspacePath)
        }
    }

    @Test func theNightlyWorkspaceIsFoundByItsExactNameAndOtherWorkspacesAreLeftAlone() async throws {
        try await withGTMFixture { fixture in
            try await fixture.control(["addWorkspace": ["accountId": "1", "containerId": "2", "name": "Autoresearch-Nightly"]])
            try await fixture.control(["addWorkspace": ["accountId": "1", "containerId": "2", "name": "autoresearch-nightly"]])
            try await fixture.control(["addWorkspace": ["accountId": "1", "containerId": "2", "name": "autoresearch-nightly-old"]])
            let report = try await StagingDeployer(configuration: try fixture.configuration()).deploy(container: SampleContainer.bytes())
            #expect(!report.createdWorkspace)
            #expect(report.workspacePath == "accounts/1/containers/2/workspaces/3")
            JournalChecks.expectStagingOnly(try await fixture.journal(), workspacePath: report.workspacePath)
        }
    }

    @Test func theAccountAndContainerOverrideWins() async throws {
        try await withGTMFixture { fixture in
            let base = try fixture.configuration()
            let configuration = try TagManagerConfiguration(credentials: base.credentials, baseURL: base.baseURL, accountId: "6001",
                                                            containerId: "7001", requestInterval: base.requestInterval,
                                                            retryPolicy: base.retryPolicy)
            let report = try await StagingDeployer(configuration: configuration).deploy(container: SampleContainer.bytes())
            #expect(report.workspacePath.hasPrefix("accounts/6001/containers/7001/workspaces/"))
            // The template type follows the template into the other container.
            let stored = try await fixture.workspace(report.workspacePath)
            let types = stored["entities"]?["tags"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
            #expect(types.filter { $0.hasPrefix("cvt_") }.allSatisfy { $0.hasPrefix("cvt_7001_50") }, "\(types)")
            #expect(!report.preview.compilerError, "\(report.text)")
        }
    }

    @Test func aCompilerErrorIsReportedNotThrown() async throws {
        try await withGTMFixture { fixture in
            try await fixture.control(["compilerError": true, "mergeConflict": true])
            let report = try await StagingDeployer(configuration: try fixture.configuration()).deploy(container: SampleContainer.bytes())
            #expect(report.preview.compilerError)
            #expect(report.preview.mergeConflict)
            #expect(!report.isClean)
            #expect(report.preview.messages.contains { $0.contains("could not compile") })
            #expect(report.preview.messages.contains { $0.hasPrefix("merge conflict: tag \"") })
            #expect(report.text.contains("quick_preview: COMPILER ERROR"))
            #expect(report.json["preview"]?["compilerError"] == true)
            // The status read is the one extra request.
            #expect(try await fixture.journal().contains { $0["path"]?.stringValue?.hasSuffix("/status") == true })
        }
    }

    @Test func requestsArePacedOnTheWire() async throws {
        try await withGTMFixture { fixture in
            let interval = 0.04
            let deployer = StagingDeployer(configuration: try fixture.configuration(interval: .milliseconds(40)))
            let report = try await deployer.deploy(container: SampleContainer.bytes(tags: [], builtIns: [], templates: []))
            let times = try await fixture.apiRequests().compactMap { $0["time"]?.numberValue?.doubleValue }
            #expect(times.count == report.requestCount)
            #expect(times.count >= 10)
            // Requests go one after another, so an arrival can lag its start only by the time the
            // previous request was in flight; the spacing holds to within that on loopback.
            for (earlier, later) in zip(times, times.dropFirst()) { #expect(later - earlier >= interval * 0.5) }
            #expect((times.last ?? 0) - (times.first ?? 0) >= interval * Double(times.count - 1) * 0.9)
        }
    }
}
