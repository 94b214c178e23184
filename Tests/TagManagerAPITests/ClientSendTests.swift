import TestSupport
import CurlHTTP
import Foundation
import LosslessJSON
@testable import TagManagerAPI
import Testing

/// The send loop over an in-memory transport: retries, refusals, tokens and one-line errors.
struct ClientSendTests {
    private let container = try! ContainerPath(accountId: "6001", containerId: "7001")

    private func client(_ http: ScriptedHTTPClient, credentials: TagManagerCredentials = .accessToken("fixture-token-abcdef123456"),
                        attempts: Int = 4) throws -> TagManagerClient
    {
        TagManagerClient(configuration: try TagManagerConfiguration(
            credentials: credentials, baseURL: "http://gtm.test/tagmanager/v2/", requestInterval: .zero,
            retryPolicy: RetryPolicy(maxAttempts: attempts, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(2)),
            quotaProject: "billing-project"), http: http)
    }

    private let workspaces = #"{"workspace":[{"workspaceId":"1","name":"Default Workspace"},{"workspaceId":"12","name":"autoresearch-nightly","tagManagerUrl":"https://tagmanager.google.com/#/x"}]}"#

    @Test func aRateLimited403IsRetriedAndTheRequestIsWellFormed() async throws {
        let http = ScriptedHTTPClient([
            .googleError(403, status: "PERMISSION_DENIED", reason: "rateLimitExceeded", message: "Rate Limit Exceeded"),
            .googleError(429, status: "RESOURCE_EXHAUSTED", reason: "rateLimitExceeded", message: "Quota exceeded", headers: ["retry-after": "0.01"]),
            .json(200, workspaces),
        ])
        let client = try client(http)
        let workspace = try #require(try await client.findNightlyWorkspace(in: container))
        #expect(workspace.path == "accounts/6001/containers/7001/workspaces/12")
        #expect(workspace.tagManagerUrl == "https://tagmanager.google.com/#/x")
        let requests = await http.requests
        #expect(requests.count == 3)
        #expect(await client.requestCount == 3)
        for request in requests {
            #expect(request.url == "http://gtm.test/tagmanager/v2/accounts/6001/containers/7001/workspaces")
            #expect(request.header("Authorization") == "Bearer fixture-token-abcdef123456")
            #expect(request.header("X-Goog-User-Project") == "billing-project")
        }
    }

    @Test func aPermission403IsNotRetriedAndNamesTheScope() async throws {
        let http = ScriptedHTTPClient([
            .googleError(403, status: "PERMISSION_DENIED", reason: "insufficientPermissions",
                         message: "Request had insufficient authentication scopes (token fixture-token-abcdef123456)."),
        ])
        let workspace = NightlyWorkspace(container: container, workspaceId: "12", tagManagerUrl: nil)
        await #expect {
            _ = try await client(http).quickPreview(workspace)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("GTM API quickPreview accounts/6001/containers/7001/workspaces/12:quick_preview: HTTP 403 PERMISSION_DENIED (insufficientPermissions)")
                && text.contains("needs the https://www.googleapis.com/auth/tagmanager.edit.containerversions scope")
                && text.contains("not retried: HTTP 403 insufficientPermissions is not retryable")
                && !text.contains("abcdef123456") && !text.contains("\n")
        }
        #expect(await http.requests.count == 1)
    }

    @Test func aForbiddenWriteNamesTheServiceAccountToAddAsAUser() async throws {
        let key = try ServiceAccountKey(json: TestKeys.serviceAccountJSON(tokenURI: "http://gtm.test/token"), source: "key.json")
        let http = ScriptedHTTPClient([
            .json(200, #"{"access_token":"fixture-sa-token-0001","expires_in":3599,"token_type":"Bearer"}"#),
            .googleError(403, status: "PERMISSION_DENIED", reason: "forbidden", message: "The caller does not have permission"),
        ])
        let workspace = NightlyWorkspace(container: container, workspaceId: "12", tagManagerUrl: nil)
        await #expect {
            try await client(http, credentials: .serviceAccount(key)).deleteEntity(.tag, id: "5", in: workspace)
        } throws: { error in
            "\(error)".contains("the service account \(TestKeys.clientEmail) needs Edit permission on the container")
        }
        let requests = await http.requests
        #expect(requests.first?.url == "http://gtm.test/token")
        #expect(requests.last?.header("Authorization") == "Bearer fixture-sa-token-0001")
    }

    @Test func aFixedTokenRejectedWith401SaysToUseATokenCommand() async throws {
        let http = ScriptedHTTPClient([.googleError(401, status: "UNAUTHENTICATED", reason: "authError", message: "Invalid Credentials")])
        await #expect {
            _ = try await client(http).listWorkspaces(in: container)
        } throws: { error in
            "\(error)".contains("HTTP 401") && "\(error)".contains("set GTM_AUTORESEARCH_GTM_TOKEN_COMMAND instead")
        }
        #expect(await http.requests.count == 1)
    }

    @Test func exhaustedRetriesSayHowManyAttempts() async throws {
        let http = ScriptedHTTPClient(Array(repeating: .googleError(503, status: "UNAVAILABLE", reason: "backendError", message: "Backend Error"), count: 3))
        await #expect {
            _ = try await client(http, attempts: 3).listWorkspaces(in: container)
        } throws: { error in
            "\(error)".hasSuffix("; gave up after 3 attempts")
        }
    }

    @Test func listsFollowPageTokens() async throws {
        let http = ScriptedHTTPClient([
            .json(200, #"{"tag":[{"tagId":"1","name":"a"}],"nextPageToken":"p2"}"#),
            .json(200, #"{"tag":[{"tagId":"2","name":"b"}],"nextPageToken":"p3"}"#),
            .json(200, #"{"tag":[{"tagId":"3","name":"c"}]}"#),
        ])
        let workspace = NightlyWorkspace(container: container, workspaceId: "12", tagManagerUrl: nil)
        let tags = try await client(http).listEntities(.tag, in: workspace)
        #expect(tags.map { $0["name"] } == ["a", "b", "c"])
        #expect(await http.requests.map(\.url) == [
            "http://gtm.test/tagmanager/v2/accounts/6001/containers/7001/workspaces/12/tags",
            "http://gtm.test/tagmanager/v2/accounts/6001/containers/7001/workspaces/12/tags?pageToken=p2",
            "http://gtm.test/tagmanager/v2/accounts/6001/containers/7001/workspaces/12/tags?pageToken=p3",
        ])
    }

    @Test func twoNightlyWorkspacesAreRefused() async throws {
        let http = ScriptedHTTPClient([.json(200, #"{"workspace":[{"workspaceId":"3","name":"autoresearch-nightly"},{"workspaceId":"8","name":"autoresearch-nightly"}]}"#)])
        await #expect {
            _ = try await client(http).findNightlyWorkspace(in: container)
        } throws: { error in
            "\(error)".contains("2 workspaces are named autoresearch-nightly (ids 3, 8)")
        }
    }

    @Test func onlyTheExactNameIsTheNightlyWorkspace() async throws {
        let http = ScriptedHTTPClient([.json(200, #"{"workspace":[{"workspaceId":"3","name":"Autoresearch-Nightly"},{"workspaceId":"4","name":"autoresearch-nightly "}]}"#)])
        #expect(try await client(http).findNightlyWorkspace(in: container) == nil)
    }

    @Test func queryValuesArePercentEncoded() {
        #expect(TagManagerClient.queryString([("pageToken", "a b+c/=&")]) == "?pageToken=a%20b%2Bc%2F%3D%26")
        #expect(TagManagerClient.queryString([("type", "pageUrl"), ("type", "clickUrl")]) == "?type=pageUrl&type=clickUrl")
    }
}
