import TestSupport
import CurlHTTP
import Foundation
import LosslessJSON
import TagManagerAPI
import Testing

/// Quotas, permissions and concurrent edits, against the fixture.
@Suite(.timeLimit(.minutes(2)))
struct FaultIntegrationTests {
    @Test func a429IsRetriedAndTheDeployCompletes() async throws {
        try await withGTMFixture { fixture in
            try await fixture.control(["faults": [["status": 429, "method": "POST", "pathContains": "/tags", "count": 1, "retryAfter": "0"]]])
            let report = try await StagingDeployer(configuration: try fixture.configuration()).deploy(container: SampleContainer.bytes())
            #expect(report.created == 12)
            let tagPosts = try await fixture.apiRequests().filter { $0["method"] == "POST" && $0["path"]?.stringValue?.hasSuffix("/tags") == true }
            #expect(tagPosts.map { $0["status"]?.identifierText } == ["429", "200", "200", "200"])
            #expect(tagPosts[0]["body"] == tagPosts[1]["body"])  // the same request again
            JournalChecks.expectStagingOnly(try await fixture.journal(), workspacePath: report.workspacePath)
        }
    }

    @Test func a403RateLimitIsRetriedAndTheDeployCompletes() async throws {
        try await withGTMFixture { fixture in
            try await fixture.control(["faults": [["status": 403, "reason": "rateLimitExceeded", "method": "PUT", "count": 2]]])
            let deployer = StagingDeployer(configuration: try fixture.configuration())
            _ = try await deployer.deploy(container: SampleContainer.bytes())
            var tags = SampleContainer.tags
            tags[2] = tags[2].replacingOccurrences(of: #""value":"purchase"}"#, with: #""value":"purchase_v2"}"#)
            let report = try await deployer.deploy(container: SampleContainer.bytes(tags: tags))
            #expect(report.updated == 1)
            let puts = try await fixture.apiRequests().filter { $0["method"] == "PUT" }
            #expect(puts.map { $0["status"]?.identifierText } == ["403", "403", "200"])
        }
    }

    @Test func aPermissionErrorStopsTheDeployWithTheScopeItNeeds() async throws {
        try await withGTMFixture { fixture in
            try await fixture.control(["faults": [["status": 403, "reason": "insufficientPermissions", "method": "POST", "pathContains": "/folders"]]])
            await #expect {
                _ = try await StagingDeployer(configuration: try fixture.configuration()).deploy(container: SampleContainer.bytes())
            } throws: { error in
                let text = "\(error)"
                return text.hasPrefix("GTM API createEntity accounts/1/containers/2/workspaces/2/folders: HTTP 403 PERMISSION_DENIED (insufficientPermissions)")
                    && text.contains("tagmanager.edit.containers scope") && text.contains("not retried")
                    && !text.contains(fixture.token)
            }
            let folderPosts = try await fixture.apiRequests().filter { $0["path"]?.stringValue?.hasSuffix("/folders") == true && $0["method"] == "POST" }
            #expect(folderPosts.count == 1)
        }
    }

    @Test func aFingerprintConflictIsReReadAndApplied() async throws {
        try await withGTMFixture { fixture in
            let deployer = StagingDeployer(configuration: try fixture.configuration())
            let first = try await deployer.deploy(container: SampleContainer.bytes())
            var tags = SampleContainer.tags
            tags[2] = tags[2].replacingOccurrences(of: #""value":"purchase"}"#, with: #""value":"purchase_v2"}"#)
            // Someone saves the tag in the UI between the deploy's read and its write.
            try await fixture.control(["conflicts": 1])
            let before = try await fixture.apiRequests().count
            let report = try await deployer.deploy(container: SampleContainer.bytes(tags: tags))
            #expect(report.fingerprintConflicts == 1)
            #expect(report.updated == 1)
            #expect(report.text.contains("1 fingerprint conflict: re-read and applied again"))
            let traffic = Array(try await fixture.apiRequests().dropFirst(before)).filter { $0["path"]?.stringValue?.contains("/tags/") == true }
            #expect(traffic.map { "\($0["method"]?.stringValue ?? "") \($0["status"]?.identifierText ?? "")" } == ["PUT 409", "GET 200", "PUT 200"])
            #expect(traffic[0]["query"]?["fingerprint"] != traffic[2]["query"]?["fingerprint"])
            // The container's version won, the other edit (notes) is gone: an update replaces the entity.
            let stored = try await fixture.workspace(first.workspacePath)
            let tag = stored["entities"]?["tags"]?.arrayValue?.first { $0["name"] == "GA4 - purchase" }
            #expect(tag?["notes"] == nil)
            #expect(tag?["parameter"]?.arrayValue?.first?["value"] == "purchase_v2")
        }
    }

    @Test func anEntityThatKeepsChangingStopsTheDeployAfterTheRetries() async throws {
        try await withGTMFixture { fixture in
            let base = try fixture.configuration()
            let configuration = try TagManagerConfiguration(credentials: base.credentials, baseURL: base.baseURL,
                                                            requestInterval: base.requestInterval, retryPolicy: base.retryPolicy,
                                                            maxFingerprintRetries: 2)
            let deployer = StagingDeployer(configuration: configuration)
            _ = try await deployer.deploy(container: SampleContainer.bytes())
            var tags = SampleContainer.tags
            tags[2] = tags[2].replacingOccurrences(of: #""value":"purchase"}"#, with: #""value":"purchase_v2"}"#)
            try await fixture.control(["conflicts": 10])
            await #expect {
                _ = try await deployer.deploy(container: SampleContainer.bytes(tags: tags))
            } throws: { error in
                "\(error)".contains("changed under the deploy 3 times (fingerprint conflict)")
            }
        }
    }

    @Test func aDryRunNeverCreatesTheWorkspaceOrWrites() async throws {
        try await withGTMFixture { fixture in
            let plan = try await StagingDeployer(configuration: try fixture.configuration()).plan(container: SampleContainer.bytes())
            #expect(!plan.workspaceExists)
            #expect(plan.count(of: .create) == 12)
            #expect(plan.text.hasPrefix("GTM workspace autoresearch-nightly in accounts/1/containers/2: does not exist yet"))
            #expect(try await fixture.apiRequests().map { "\($0["method"]?.stringValue ?? "") \($0["path"]?.stringValue ?? "")" }
                == ["GET accounts/1/containers/2/workspaces"])
        }
    }

    @Test func aFileThatIsNotAnExportIsRefusedBeforeAnyRequest() async throws {
        try await withGTMFixture { fixture in
            await #expect {
                _ = try await StagingDeployer(configuration: try fixture.configuration()).deploy(container: Array(#"{"containerVersion":{}}"#.utf8))
            } throws: { error in
                "\(error)".contains("not a GTM container export")
            }
            let requests = try await fixture.apiRequests()
            #expect(requests.isEmpty)
        }
    }
}
