import Foundation
@testable import ObjectStore
import Testing

/// The four worked examples of the S3 API reference, "Signature Calculations for the
/// Authorization Header: Transferring Payload in a Single Chunk"
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html): bucket
/// examplebucket, the reference's example key pair, us-east-1, 2013-05-24T00:00:00Z. These go
/// through the S3 path: `x-amz-content-sha256` added and signed, keys encoded once.
@Suite struct S3SignatureExampleTests {
    static let signer = SigV4Signer(credentials: AWSDocumentationKeys.s3Reference, region: "us-east-1")
    static let instant = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    static let host = ("Host", "examplebucket.s3.amazonaws.com")

    static func signature(_ request: SigV4Request) -> String? {
        let authorization = signer.sign(request, at: instant).last { $0.name == "Authorization" }?.value
        return authorization?.split(separator: "Signature=").last.map(String.init)
    }

    @Test func getObjectWithRange() {
        let request = SigV4Request(method: "GET", path: "/test.txt", headers: [Self.host, ("Range", "bytes=0-9")])
        #expect(Self.signature(request) == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")

        // The intermediate values the example prints.
        var signed = request
        signed.headers += [("x-amz-date", "20130524T000000Z"), ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash)]
        let canonical = Self.signer.canonicalRequest(signed).text
        #expect(canonical == "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\n"
            + "host;range;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.signer.stringToSign(canonicalRequest: canonical, at: AMZDate(Self.instant))
            == "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972")
    }

    @Test func putObjectWithADollarInTheKey() {
        let body = Array("Welcome to Amazon S3.".utf8)
        #expect(SigV4Signer.hexSHA256(body) == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let request = SigV4Request(method: "PUT", path: "/test$file.text",
                                   headers: [Self.host, ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
                                   payloadHash: SigV4Signer.hexSHA256(body))
        #expect(Self.signature(request) == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
        #expect(SigV4Signer.canonicalURI("/test$file.text") == "/test%24file.text")
    }

    @Test func getBucketLifecycle() {
        let request = SigV4Request(method: "GET", path: "/", query: [("lifecycle", "")], headers: [Self.host])
        #expect(Self.signature(request) == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test func listObjects() {
        let request = SigV4Request(method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")], headers: [Self.host])
        #expect(Self.signature(request) == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }
}
