import TestSupport
import Foundation
import LosslessJSON
import TagManagerAPI
import Testing

/// Tokens from a command and from a service account, against the fixture.
@Suite(.timeLimit(.minutes(2)))
struct AuthIntegrationTests {
    @Test func aTokenCommandIsRunAgainWhenItsTokenIsRejected() async throws {
        try await withGTMFixture { fixture in
            try await withTemporaryDirectory { directory in
                let file = directory.appendingPathComponent("token")
                let first = "fixture-cmd-\(UUID().uuidString.lowercased())", second = "fixture-cmd-\(UUID().uuidString.lowercased())"
                try Data((first + "\n").utf8).write(to: file)
                try await fixture.control(["tokens": [.string(first), .string(second)], "revokeTokens": [.string(fixture.token)]])
                let command = "printf 'fetching a token\\n' >&2; cat '\(file.path)'"
                let deployer = StagingDeployer(configuration: try fixture.configuration(credentials: .tokenCommand(command)))
                let report = try await deployer.deploy(container: SampleContainer.bytes())

                // The token expires: the fixture stops accepting it, the command now prints a new one.
                try await fixture.control(["revokeTokens": [.string(first)]])
                try Data((second + "\n").utf8).write(to: file)
                let plan = try await deployer.plan(container: SampleContainer.bytes())
                #expect(plan.isEmpty)

                let requests = try await fixture.apiRequests()
                let auth = requests.map { "\($0["authorization"]?.stringValue ?? "") \($0["status"]?.identifierText ?? "")" }
                let rejected = try #require(auth.firstIndex(of: "Bearer \(first) 401"))
                #expect(auth[rejected + 1] == "Bearer \(second) 200")
                #expect(requests[rejected]["path"] == requests[rejected + 1]["path"])
                #expect(auth.filter { $0.hasSuffix(" 401") }.count == 1)
                JournalChecks.expectStagingOnly(try await fixture.journal(), workspacePath: report.workspacePath)
            }
        }
    }

    @Test func aFailingTokenCommandIsOneLineWithItsStandardError() async throws {
        let configuration = try TagManagerConfiguration(credentials: .tokenCommand("echo 'ERROR: (gcloud) You do not currently have an active account selected.' >&2; exit 1"),
                                                        baseURL: "http://127.0.0.1:9/tagmanager/v2/", requestInterval: .zero)
        await #expect {
            _ = try await StagingDeployer(configuration: configuration).plan(container: SampleContainer.bytes())
        } throws: { error in
            "\(error)".hasSuffix("the token command failed: exited with status 1: ERROR: (gcloud) You do not currently have an active account selected.")
        }
    }

    @Test func aTokenCommandThatHangsIsStopped() async throws {
        let configuration = try TagManagerConfiguration(credentials: .tokenCommand("sleep 30"), baseURL: "http://127.0.0.1:9/tagmanager/v2/",
                                                        requestInterval: .zero, tokenCommandTimeout: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect {
            _ = try await StagingDeployer(configuration: configuration).plan(container: SampleContainer.bytes())
        } throws: { error in
            "\(error)".contains("still running after 0.3 s; stopped")
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func aServiceAccountTradesASignedJWTForAToken() async throws {
        try await withGTMFixture { fixture in
            try await withTemporaryDirectory { directory in
                let keyFile = directory.appendingPathComponent("key.json")
                try Data(try TestKeys.serviceAccountJSON(tokenURI: fixture.tokenURL)).write(to: keyFile)
                try await fixture.control(["serviceAccount": ["clientEmail": .string(TestKeys.clientEmail), "publicKeyPem": .string(try TestKeys.publicKeyPEM)],
                                           "revokeTokens": [.string(fixture.token)]])
                let environment = [TagManagerConfiguration.Variable.serviceAccountKey: keyFile.path,
                                   TagManagerConfiguration.Variable.baseURL: fixture.baseURL,
                                   TagManagerConfiguration.Variable.requestInterval: "0.002"]
                let configuration = try #require(try TagManagerConfiguration(environment: environment))
                let report = try await StagingDeployer(configuration: configuration).deploy(container: SampleContainer.bytes())
                #expect(report.created == 12)

                let journal = try await fixture.journal()
                let exchanges = journal.filter { $0["kind"] == "token" }
                #expect(exchanges.count == 1)  // one token for the whole deploy
                let exchange = try #require(exchanges.first)
                #expect(exchange["status"] == 200)
                let signature = exchange["jwt"]?["signature"]?.stringValue ?? ""
                #expect(signature == "verified", "\(signature): python3 cannot import `cryptography` (Scripts/install-deps installs it)")
                #expect(exchange["jwt"]?["claims"]?["iss"]?.stringValue == TestKeys.clientEmail)
                #expect(exchange["jwt"]?["claims"]?["aud"]?.stringValue == fixture.tokenURL)
                let issued = journal.first { $0["kind"] == "api" }?["authorization"]?.stringValue ?? ""
                #expect(issued.hasPrefix("Bearer fixture-sa-"))
                #expect(journal.filter { $0["kind"] == "api" }.allSatisfy { $0["authorization"]?.stringValue == issued })
                JournalChecks.expectStagingOnly(journal, workspacePath: report.workspacePath)
            }
        }
    }

    @Test func aJWTSignedWithAnotherKeyIsRefusedByTheTokenEndpoint() async throws {
        try await withGTMFixture { fixture in
            try await withTemporaryDirectory { directory in
                let keyFile = directory.appendingPathComponent("key.json")
                try Data(try TestKeys.serviceAccountJSON(tokenURI: fixture.tokenURL)).write(to: keyFile)
                let other = try _RSAKeyForTests.otherPublicKeyPEM()
                try await fixture.control(["serviceAccount": ["clientEmail": .string(TestKeys.clientEmail), "publicKeyPem": .string(other)]])
                let base = try fixture.configuration()
                let configuration = try TagManagerConfiguration(credentials: .serviceAccount(try ServiceAccountKey(contentsOfFile: keyFile.path)),
                                                                baseURL: base.baseURL, requestInterval: base.requestInterval, retryPolicy: base.retryPolicy)
                await #expect {
                    _ = try await StagingDeployer(configuration: configuration).plan(container: SampleContainer.bytes())
                } throws: { error in
                    let text = "\(error)"
                    return text.contains("GTM API fetchAccessToken \(fixture.tokenURL): HTTP 400 (invalid_grant): Invalid JWT Signature.")
                        && text.contains("check that the key for \(TestKeys.clientEmail) still exists")
                }
            }
        }
    }
}
