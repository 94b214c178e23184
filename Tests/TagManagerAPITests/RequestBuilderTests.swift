import CurlHTTP
import Foundation
import LosslessJSON
@testable import TagManagerAPI
import Testing
import TestSupport

/// No request the client can build writes outside the nightly workspace, versions or publishes.
struct RequestBuilderTests {
    private let container = try! ContainerPath(accountId: "6001", containerId: "7001")
    private var workspace: NightlyWorkspace { NightlyWorkspace(container: container, workspaceId: "12", tagManagerUrl: nil) }

    @Test func everyWriteIsInsideTheWorkspaceOrCreatesIt() {
        let writes: [TagManagerRequest] = [
            .write(.createWorkspace(container)),
            .write(.createEntity(workspace, .tag), body: ["name": "x"]),
            .write(.updateEntity(workspace, .trigger, id: "5", fingerprint: "1700000000000"), body: ["name": "x"]),
            .write(.deleteEntity(workspace, .variable, id: "6")),
            .write(.enableBuiltInVariables(workspace, types: ["pageUrl", "clickUrl"])),
            .write(.disableBuiltInVariables(workspace, types: ["pageUrl"])),
            .write(.quickPreview(workspace)),
        ] + WorkspaceEntityKind.allCases.filter { $0 != .builtInVariable }.flatMap { kind in
            [TagManagerRequest.write(.createEntity(workspace, kind), body: ["name": "x"]),
             .write(.updateEntity(workspace, kind, id: "1", fingerprint: "2"), body: ["name": "x"]),
             .write(.deleteEntity(workspace, kind, id: "1"))]
        }
        for request in writes {
            #expect(request.refusal == nil, "\(request.method) \(request.path): \(request.refusal ?? "")")
            #expect(request.path.hasPrefix(workspace.path) || (request.operation == .createWorkspace && request.path == "\(container)/workspaces"))
            #expect(!request.path.contains("version") && !request.path.contains("publish"))
        }
        let create = TagManagerRequest.write(.createWorkspace(container))
        #expect(create.body?["name"] == "autoresearch-nightly")
        #expect(TagManagerRequest.write(.updateEntity(workspace, .tag, id: "5", fingerprint: "17")).query.map(\.value) == ["17"])
    }

    @Test(arguments: [
        (.post, "accounts/6001/containers/7001/workspaces/12:create_version"),
        (.post, "accounts/6001/containers/7001/versions/3:publish"),
        (.post, "accounts/6001/containers/7001/versions/3:set_latest"),
        (.put, "accounts/6001/containers/7001/versions/3"),
        (.delete, "accounts/6001/containers/7001/versions/3"),
        (.put, "accounts/6001/containers/7001"),
        (.delete, "accounts/6001/containers/7001"),
        (.post, "accounts/6001/containers"),
        (.put, "accounts/6001/containers/7001/workspaces/12"),
        (.delete, "accounts/6001/containers/7001/workspaces/12"),
        (.post, "accounts/6001/containers/7001/workspaces/12:sync"),
        (.post, "accounts/6001/containers/7001/workspaces/12:resolve_conflict"),
        (.post, "accounts/6001/containers/7001/workspaces/12/tags/5:revert"),
        (.post, "accounts/6001/containers/7001/environments"),
        (.put, "accounts/6001/containers/7001/environments/2"),
        (.post, "accounts/6001/containers/7001/workspaces/12/zones"),
        (.put, "accounts/6001/containers/7001/workspaces/12/tags"),
        (.post, "accounts/6001/containers/7001/workspaces/12/tags/5"),
        (.put, "accounts/6001/containers/7001/workspaces/12/tags/../../../versions/3:publish"),
        (.put, "accounts/6001/containers/7001/workspaces/12/tags/5?x=:publish"),
        (.post, "accounts/6001/user_permissions"),
    ] as [(HTTPRequestMethod, String)])
    func writesOutsideAWorkspaceAreRefused(_ method: HTTPRequestMethod, _ path: String) {
        let request = TagManagerRequest(method: method.curl, path: path, operation: .createEntity)
        #expect(request.refusal != nil, "\(method) \(path) was allowed")
    }

    @Test func aNewWorkspaceMayOnlyHaveTheNightlyName() {
        let other = TagManagerRequest(method: .post, path: "accounts/6001/containers/7001/workspaces", body: ["name": "Default Workspace"],
                                      operation: .createWorkspace)
        #expect(other.refusal?.contains("autoresearch-nightly") == true)
    }

    @Test func readsMayGoAnywhereInTheContainerButNowhereElse() {
        #expect(TagManagerRequest(method: .get, path: "accounts/6001/containers/7001/versions/3", operation: .getEntity).refusal == nil)
        #expect(TagManagerRequest(method: .get, path: "../admin", operation: .getEntity).refusal != nil)
        #expect(TagManagerRequest(method: .get, path: "accounts/6001/containers/7001/workspaces/../..", operation: .getEntity).refusal != nil)
    }

    @Test func aRefusedWriteIsNeverSent() async throws {
        let http = ScriptedHTTPClient([.json(200, "{}")])
        let client = TagManagerClient(configuration: try TagManagerConfiguration(credentials: .accessToken("fixture-token"),
                                                                                 requestInterval: .zero), http: http)
        let publish = TagManagerRequest(method: .post, path: "accounts/6001/containers/7001/versions/3:publish", operation: .createEntity)
        await #expect {
            _ = try await client.send(publish)
        } throws: { error in
            "\(error)".contains("refused") && (error as? TagManagerError)?.attempts == 0
        }
        #expect(await http.requests.isEmpty)
        #expect(await client.requestCount == 0)
    }

    /// The module's code (comments aside) never spells the API's version or publish calls.
    @Test func theSourcesNeverSpellAVersionOrPublishCall() throws {
        let directory = Corpus.repositoryRoot.appendingPathComponent("Sources/TagManagerAPI")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                for call in ["create_version", ":publish", "/versions", "\"versions\"", "set_latest"] {
                    #expect(!code.lowercased().contains(call), "\(file):\(number + 1): \(code)")
                }
            }
        }
    }
}

/// HTTP methods as test arguments (CurlHTTP's own enum is not `CustomTestStringConvertible`).
enum HTTPRequestMethod: String, Sendable, CustomStringConvertible {
    case post = "POST", put = "PUT", delete = "DELETE"
    var description: String { rawValue }
    var curl: HTTPRequest.Method {
        switch self {
        case .post: .post
        case .put: .put
        case .delete: .delete
        }
    }
}
