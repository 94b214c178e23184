/// An access key pair for S3-compatible storage that never prints its secret.
///
/// `description`, `debugDescription`, string interpolation and `dump` show the access key id
/// (which AWS and Cloudflare treat as an identifier, not a secret) and a placeholder for the
/// secret and session token, so neither can reach a log line or an error message by accident.
public struct S3Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The access key id (`AKIA…` on AWS, a 32-character hex id on R2).
    public let accessKeyID: String
    /// The secret access key. `package`: only the signer reads it.
    package let secretAccessKey: String
    /// A temporary session token (STS), sent as `x-amz-security-token`. `package`, like the secret.
    package let sessionToken: String?

    /// Wraps a key pair, dropping surrounding whitespace (a trailing newline from a file or a
    /// paste); an empty session token counts as none.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID.trimmingSurroundingWhitespace()
        self.secretAccessKey = secretAccessKey.trimmingSurroundingWhitespace()
        let token = sessionToken?.trimmingSurroundingWhitespace()
        self.sessionToken = token?.isEmpty == false ? token : nil
    }

    /// Whether a session token comes with the key pair.
    public var hasSessionToken: Bool { sessionToken != nil }

    public var description: String {
        "S3Credentials(accessKeyID: \(accessKeyID), secret: <redacted>\(hasSessionToken ? ", session token: <redacted>" : ""))"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["accessKeyID": accessKeyID]) }
}

extension String {
    func trimmingSurroundingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
