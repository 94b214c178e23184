import Foundation
import TagManagerAPI
import Testing

/// GTM from the environment: off when unset, one clear line when half set.
struct ConfigurationTests {
    typealias V = TagManagerConfiguration.Variable

    @Test func nothingSetMeansNotConfigured() throws {
        #expect(try TagManagerConfiguration(environment: [:]) == nil)
        #expect(try TagManagerConfiguration(environment: ["PATH": "/usr/bin"]) == nil)
        // Tuning alone, or Google's generic key variable alone, does not turn the deploy on.
        #expect(try TagManagerConfiguration(environment: [V.requestInterval: "1", V.googleApplicationCredentials: "/nonexistent.json"]) == nil)
        #expect(try TagManagerConfiguration(environment: [V.accessToken: "   "]) == nil)
    }

    @Test func anAccessTokenWithDefaults() throws {
        let configuration = try #require(try TagManagerConfiguration(environment: [V.accessToken: " fixture-token\n"]))
        #expect("\(configuration.credentials)" == "access token <redacted>")
        #expect(configuration.baseURL == "https://tagmanager.googleapis.com/tagmanager/v2/")
        #expect(configuration.accountId == nil && configuration.containerId == nil)
        #expect(configuration.requestInterval == .seconds(4))
        #expect(configuration.requestTimeout == .seconds(60))
        #expect(configuration.retryPolicy == .tagManager)
        #expect(configuration.quotaProject == nil)
    }

    @Test func everySettingIsRead() throws {
        let configuration = try #require(try TagManagerConfiguration(environment: [
            V.tokenCommand: "gcloud auth print-access-token", V.baseURL: "http://127.0.0.1:9999/tagmanager/v2",
            V.accountId: "6001", V.containerId: "7001", V.requestInterval: "0.25", V.requestTimeout: "30", V.quotaProject: "my-project",
        ]))
        #expect("\(configuration.credentials)" == "token command `gcloud auth print-access-token`")
        #expect(configuration.baseURL == "http://127.0.0.1:9999/tagmanager/v2/")
        #expect(configuration.accountId == "6001" && configuration.containerId == "7001")
        #expect(configuration.requestInterval == .milliseconds(250))
        #expect(configuration.requestTimeout == .seconds(30))
        #expect(configuration.quotaProject == "my-project")
    }

    @Test func aServiceAccountKeyIsReadFromEitherVariable() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("key.json").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(try TestKeys.serviceAccountJSON(tokenURI: "https://oauth2.googleapis.com/token"))))
            let own = try #require(try TagManagerConfiguration(environment: [V.serviceAccountKey: path]))
            #expect("\(own.credentials)" == "service account \(TestKeys.clientEmail)")
            // GOOGLE_APPLICATION_CREDENTIALS serves once another GTM variable turns the deploy on.
            let fallback = try #require(try TagManagerConfiguration(environment: [V.googleApplicationCredentials: path, V.accountId: "1", V.containerId: "2"]))
            #expect("\(fallback.credentials)" == "service account \(TestKeys.clientEmail)")
        }
    }

    @Test(arguments: [
        ([V.accessToken: "a", V.tokenCommand: "b"], "set only one of GTM_AUTORESEARCH_GTM_ACCESS_TOKEN, GTM_AUTORESEARCH_GTM_TOKEN_COMMAND"),
        ([V.accountId: "1", V.containerId: "2"], "GTM_AUTORESEARCH_GTM_ACCOUNT_ID, GTM_AUTORESEARCH_GTM_CONTAINER_ID are set, but no GTM credentials are"),
        ([V.accessToken: "a", V.accountId: "1"], "GTM_AUTORESEARCH_GTM_ACCOUNT_ID is set but GTM_AUTORESEARCH_GTM_CONTAINER_ID is not"),
        ([V.accessToken: "a", V.accountId: "1", V.containerId: "2/../3"], "GTM_AUTORESEARCH_GTM_CONTAINER_ID=\"2/../3\" is not a GTM id"),
        ([V.accessToken: "a", V.baseURL: "ftp://example.test/"], "GTM API URL \"ftp://example.test/\" is invalid"),
        ([V.accessToken: "a", V.requestInterval: "fast"], "GTM_AUTORESEARCH_GTM_REQUEST_INTERVAL=\"fast\" is not a number of seconds"),
        ([V.accessToken: "a", V.requestTimeout: "0"], "GTM_AUTORESEARCH_GTM_REQUEST_TIMEOUT=\"0\" is not a number of seconds"),
        ([V.serviceAccountKey: "/nonexistent/key.json"], "/nonexistent/key.json: cannot read the service-account key file"),
    ])
    func halfConfiguredIsOneClearLine(_ environment: [String: String], _ message: String) {
        #expect {
            _ = try TagManagerConfiguration(environment: environment)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(message) && !text.contains("\n")
        }
    }

    @Test func theWorkspaceNameIsAConstant() {
        #expect(TagManagerClient.workspaceName == "autoresearch-nightly")
        #expect(StagingDeployer.workspaceName == "autoresearch-nightly")
    }
}
