public import CurlHTTP
import Foundation

/// Where objects live and how to reach them: an S3-compatible endpoint, a region, a bucket and a
/// key pair.
///
/// Requests are always path-style (`<endpoint>/<bucket>/<key>`): Cloudflare R2 and moto need it,
/// MinIO and AWS accept it, and the host never depends on the bucket name.
public struct S3Configuration: Sendable {
    /// The service root, e.g. `https://<account-id>.r2.cloudflarestorage.com`,
    /// `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:5000`.
    public let endpoint: String
    /// The SigV4 region: `auto` for R2, the bucket's region for AWS.
    public var region: String
    public let bucket: String
    public var credentials: S3Credentials
    /// The longest one request may take (a large upload included).
    public var requestTimeout: Duration
    public var retryPolicy: RetryPolicy

    /// The `Host` header value: host, and port when it is not the scheme's default.
    let host: String
    /// The scheme and authority, without a trailing slash (`https://host:port`).
    let origin: String
    /// Decoded path segments the endpoint itself carries (usually none).
    let basePath: [String]

    /// - Throws: ``S3ConfigurationError`` for an endpoint that is not an `http(s)` URL without a
    ///   query, a bucket name S3 would refuse, or a region that is not `a-z 0-9 -`.
    public init(endpoint: String, bucket: String, credentials: S3Credentials, region: String = "auto",
                requestTimeout: Duration = .seconds(300), retryPolicy: RetryPolicy = .objectStore) throws
    {
        guard let components = URLComponents(string: endpoint), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let hostName = components.host, !hostName.isEmpty,
              components.query == nil, components.fragment == nil, components.user == nil
        else {
            throw S3ConfigurationError.invalidEndpoint(endpoint, reason: "expected http(s)://host[:port] with no query, fragment or user")
        }
        let bracketed = hostName.contains(":") && !hostName.hasPrefix("[") ? "[\(hostName)]" : hostName
        let isDefaultPort = components.port == nil || (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443)
        host = (isDefaultPort ? bracketed : "\(bracketed):\(components.port ?? 0)").lowercased()
        origin = "\(scheme)://\(host)"
        basePath = components.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }

        if let reason = S3Configuration.problem(withBucket: bucket) { throw S3ConfigurationError.invalidBucket(bucket, reason: reason) }
        let trimmedRegion = region.trimmingSurroundingWhitespace()
        // The region goes into the credential scope and the CreateBucket body verbatim.
        guard trimmedRegion.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }) else {
            throw S3ConfigurationError.invalidRegion(region)
        }
        self.endpoint = endpoint
        self.bucket = bucket
        self.credentials = credentials
        self.region = trimmedRegion.isEmpty ? "auto" : trimmedRegion
        self.requestTimeout = requestTimeout
        self.retryPolicy = retryPolicy
    }

    /// Names of the environment variables ``init(environment:)`` reads.
    public enum Variable {
        public static let accessKeyID = "AWS_ACCESS_KEY_ID"
        public static let secretAccessKey = "AWS_SECRET_ACCESS_KEY"
        public static let sessionToken = "AWS_SESSION_TOKEN"
        public static let endpoint = "GTM_AUTORESEARCH_S3_ENDPOINT"
        public static let bucket = "GTM_AUTORESEARCH_S3_BUCKET"
        public static let region = "GTM_AUTORESEARCH_S3_REGION"
    }

    /// The configuration the environment describes; `nil` when neither ``Variable/endpoint`` nor
    /// ``Variable/bucket`` is set (object storage not configured).
    ///
    /// Reads `GTM_AUTORESEARCH_S3_ENDPOINT`, `GTM_AUTORESEARCH_S3_BUCKET`,
    /// `GTM_AUTORESEARCH_S3_REGION` (default `auto`), `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` (optional). The caller passes the
    /// environment in (only `@main` reads the process's own).
    /// - Throws: ``S3ConfigurationError`` when the endpoint or the bucket is set but another
    ///   required variable is missing (so a typo is not silently a night without a backup), or a
    ///   value is invalid.
    public init?(environment: [String: String]) throws {
        func value(_ name: String) -> String? { environment[name]?.trimmingSurroundingWhitespace().nonEmpty }
        guard let endpoint = value(Variable.endpoint) else {
            if value(Variable.bucket) != nil { throw S3ConfigurationError.missingVariable(Variable.endpoint) }
            return nil
        }
        guard let bucket = value(Variable.bucket) else { throw S3ConfigurationError.missingVariable(Variable.bucket) }
        guard let keyID = value(Variable.accessKeyID) else { throw S3ConfigurationError.missingVariable(Variable.accessKeyID) }
        guard let secret = value(Variable.secretAccessKey) else { throw S3ConfigurationError.missingVariable(Variable.secretAccessKey) }
        try self.init(endpoint: endpoint, bucket: bucket,
                      credentials: S3Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: value(Variable.sessionToken)),
                      region: value(Variable.region) ?? "auto")
    }

    /// Why S3 would refuse `bucket` as a name (3–63 of `a-z 0-9 . -`, starting and ending with a
    /// letter or digit), or `nil`. Checked here so a name can never change the request's path.
    static func problem(withBucket bucket: String) -> String? {
        let bytes = Array(bucket.utf8)
        guard (3...63).contains(bytes.count) else { return "must be 3 to 63 characters long" }
        let isAlphanumeric = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard bytes.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }) else {
            return "may hold only lowercase letters, digits, dots and hyphens"
        }
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else {
            return "must start and end with a letter or digit"
        }
        return bucket.contains("..") ? "must not contain two dots in a row" : nil
    }
}
