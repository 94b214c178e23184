import Crypto
public import Foundation

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`) for S3-compatible APIs, with swift-crypto.
///
/// Signs in the Authorization header: canonical request → string to sign → signing key derived
/// from the secret, the day, the region and the service → HMAC-SHA256 signature. The time comes
/// in as an argument, so tests sign with the fixed instants of AWS's published examples.
///
/// S3 differs from the generic algorithm in two ways this signer follows: the path is encoded
/// once (other services encode it twice) and is never normalised (`//` and `.` segments are
/// part of an S3 key).
public struct SigV4Signer: Sendable {
    public var credentials: S3Credentials
    /// `auto` for Cloudflare R2; an AWS region (`us-east-1`, …) for AWS and most others.
    public var region: String
    /// `s3` for object storage.
    public var service: String
    /// Whether ``sign(_:at:)`` adds and signs `x-amz-content-sha256`. S3 requires it (R2 too);
    /// the generic SigV4 test suite sends none.
    public var sendsContentHash: Bool

    /// SHA-256 of no bytes, the payload hash of every request without a body.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The payload hash that tells S3 the body is not part of the signature.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    static let algorithm = "AWS4-HMAC-SHA256"

    public init(credentials: S3Credentials, region: String = "auto", service: String = "s3", sendsContentHash: Bool = true) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.sendsContentHash = sendsContentHash
    }

    /// The headers to send: the request's own, then `x-amz-date`, `x-amz-content-sha256` (when
    /// ``sendsContentHash``), `x-amz-security-token` (with a session token) and `Authorization`.
    ///
    /// Every returned header except `Authorization` is signed.
    public func sign(_ request: SigV4Request, at date: Date) -> [(name: String, value: String)] {
        var signed = request
        signed.headers.append(("x-amz-date", AMZDate(date).timestamp))
        if sendsContentHash { signed.headers.append(("x-amz-content-sha256", request.payloadHash)) }
        if let token = credentials.sessionToken { signed.headers.append(("x-amz-security-token", token)) }
        return signed.headers + [("Authorization", authorization(for: signed, at: date))]
    }

    /// The `Authorization` value for `request` exactly as given: its headers must already hold
    /// `x-amz-date` (or `Date`) and anything else to be signed.
    public func authorization(for request: SigV4Request, at date: Date) -> String {
        let canonical = canonicalRequest(request)
        let amzDate = AMZDate(date)
        let signature = HMAC<SHA256>.authenticationCode(for: Data(stringToSign(canonicalRequest: canonical.text, at: amzDate).utf8),
                                                       using: signingKey(day: amzDate.day))
        return "\(SigV4Signer.algorithm) Credential=\(credentials.accessKeyID)/\(scope(day: amzDate.day)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(SigV4Signer.hex(signature))"
    }

    /// `<day>/<region>/<service>/aws4_request`.
    func scope(day: String) -> String { "\(day)/\(region)/\(service)/aws4_request" }

    /// The algorithm, the time, the scope and the hash of the canonical request, one per line.
    func stringToSign(canonicalRequest: String, at date: AMZDate) -> String {
        [SigV4Signer.algorithm, date.timestamp, scope(day: date.day), SigV4Signer.hexSHA256(Array(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    /// HMAC chain `AWS4<secret>` → day → region → service → `aws4_request`.
    func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Lowercase hex SHA-256 of `bytes`: the payload hash of a body.
    public static func hexSHA256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]] }
        return String(decoding: text, as: UTF8.self)
    }
}
