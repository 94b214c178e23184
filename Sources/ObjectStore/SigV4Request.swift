/// The parts of an HTTP request that Signature Version 4 signs, before any encoding.
///
/// ``path`` and the ``query`` names and values are plain text: the signer percent-encodes them
/// (S3 rules: everything but `A-Z a-z 0-9 - . _ ~`, `/` kept between path segments), and
/// ``S3Client`` builds the URL it sends with the same encoding, so what is signed is what travels.
public struct SigV4Request: Sendable {
    /// `GET`, `PUT`, `HEAD`, …
    public var method: String
    /// The decoded path, starting with `/` (`/bucket/clients/acme/2026-11-20/report.html`).
    public var path: String
    /// Decoded query parameters; a parameter without a value (`?lifecycle`) has an empty value.
    public var query: [(name: String, value: String)]
    /// Every header to sign, `Host` included. Names are compared without case.
    public var headers: [(name: String, value: String)]
    /// Lowercase hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    public var payloadHash: String

    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)], payloadHash: String = SigV4Signer.emptyPayloadHash)
    {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}
