import Foundation
@testable import ObjectStore
import Testing

/// Configuration from values and from the environment, and credentials that never show.
@Suite struct S3ConfigurationTests {
    static let environment = [
        "GTM_AUTORESEARCH_S3_ENDPOINT": "https://acct.r2.cloudflarestorage.com",
        "GTM_AUTORESEARCH_S3_BUCKET": "nightly-results",
        "AWS_ACCESS_KEY_ID": "AKIDTEST",
        "AWS_SECRET_ACCESS_KEY": "not-a-real-secret-0123\n",
    ]

    @Test func readsTheEnvironmentWithRegionAutoByDefault() throws {
        let configuration = try #require(try S3Configuration(environment: Self.environment))
        #expect(configuration.region == "auto")
        #expect(configuration.bucket == "nightly-results")
        #expect(configuration.credentials.accessKeyID == "AKIDTEST")
        #expect(configuration.credentials.secretAccessKey == "not-a-real-secret-0123")
        #expect(!configuration.credentials.hasSessionToken)
        #expect(configuration.host == "acct.r2.cloudflarestorage.com")

        var withRegion = Self.environment
        withRegion["GTM_AUTORESEARCH_S3_REGION"] = "eu-west-1"
        withRegion["AWS_SESSION_TOKEN"] = "session"
        let aws = try #require(try S3Configuration(environment: withRegion))
        #expect(aws.region == "eu-west-1")
        #expect(aws.credentials.hasSessionToken)
    }

    @Test func noEndpointMeansNotConfigured() throws {
        #expect(try S3Configuration(environment: ["AWS_ACCESS_KEY_ID": "x"]) == nil)
    }

    @Test func aMissingVariableIsNamed() {
        var environment = Self.environment
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        #expect(throws: S3ConfigurationError.missingVariable("AWS_SECRET_ACCESS_KEY")) { try S3Configuration(environment: environment) }
    }

    @Test(arguments: ["ftp://host", "not a url", "https://host/?x=1", "https://"])
    func badEndpointsAreRefused(_ endpoint: String) {
        #expect(throws: S3ConfigurationError.self) {
            try S3Configuration(endpoint: endpoint, bucket: "bucket", credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "b"))
        }
    }

    @Test(arguments: ["ab", "Upper", "a/b", "-abc", "abc-", "a..b", String(repeating: "a", count: 64)])
    func badBucketNamesAreRefused(_ bucket: String) {
        #expect(throws: S3ConfigurationError.self) {
            try S3Configuration(endpoint: "https://h", bucket: bucket, credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "b"))
        }
    }

    @Test func badRegionsAreRefused() {
        #expect(throws: S3ConfigurationError.invalidRegion("us east")) {
            try S3Configuration(endpoint: "https://h", bucket: "bucket", credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "b"),
                                region: "us east")
        }
    }

    @Test func credentialsNeverShowTheSecret() {
        let credentials = S3Credentials(accessKeyID: "AKIDTEST", secretAccessKey: "not-a-real-secret-0123", sessionToken: "token-9876")
        var dumped = ""
        dump(credentials, to: &dumped)
        let configuration = try? S3Configuration(endpoint: "https://h", bucket: "bucket", credentials: credentials)
        var dumpedConfiguration = ""
        dump(configuration as Any, to: &dumpedConfiguration)
        for text in ["\(credentials)", String(describing: credentials), String(reflecting: credentials), dumped, dumpedConfiguration] {
            #expect(!text.contains("not-a-real-secret"), "\(text)")
            #expect(!text.contains("token-9876"), "\(text)")
        }
        #expect("\(credentials)" == "S3Credentials(accessKeyID: AKIDTEST, secret: <redacted>, session token: <redacted>)")
    }
}
