public import CurlHTTP

/// An S3 request that failed: which operation, on which bucket and key, what the service said,
/// and why no further attempt was made.
///
/// Its `description` is one line, e.g. `S3 getObject s3://nightly/clients/acme/x.json: HTTP 404
/// NoSuchKey: The specified key does not exist. (request 4442587FB7D0A2F9); not retried: HTTP 404
/// NoSuchKey is not retryable`. It never contains the secret key: S3 error bodies do not echo it.
public struct S3Error: Error, Sendable, CustomStringConvertible {
    /// The client operation that failed.
    public enum Operation: String, Sendable {
        case putObject, getObject, headObject, listObjects, createBucket
    }

    /// What went wrong on the last attempt.
    public enum Failure: Sendable, Equatable {
        /// The service answered with this error status.
        case status(Int)
        /// No response arrived.
        case transport(HTTPError)
        /// The body that arrived is shorter or longer than its `Content-Length`.
        case incompleteBody(expected: Int, received: Int)
        /// A success status whose body is not what S3 documents.
        case malformedResponse(status: Int, reason: String)
        /// The request was refused before sending (an invalid key).
        case invalidRequest(reason: String)
    }

    public var operation: Operation
    public var bucket: String
    /// The object key, for object operations.
    public var key: String?
    public var failure: Failure
    /// S3's error code (`NoSuchKey`, `SignatureDoesNotMatch`, `SlowDown`, …).
    public var code: String?
    /// S3's message, on one line and shortened.
    public var message: String?
    /// The `x-amz-request-id` to quote to the provider's support.
    public var requestID: String?
    /// Requests sent, the first included (0 when refused before sending).
    public var attempts: Int
    /// Why no further attempt was made; `nil` when the retry budget ran out.
    public var notRetriedBecause: String?

    public init(operation: Operation, bucket: String, key: String?, failure: Failure, code: String? = nil, message: String? = nil,
                requestID: String? = nil, attempts: Int, notRetriedBecause: String? = nil)
    {
        self.operation = operation
        self.bucket = bucket
        self.key = key
        self.failure = failure
        self.code = code
        self.message = message
        self.requestID = requestID
        self.attempts = attempts
        self.notRetriedBecause = notRetriedBecause
    }

    /// Whether the bucket or key does not exist (HTTP 404).
    public var isNotFound: Bool { failure == .status(404) }

    public var description: String {
        var text = "S3 \(operation.rawValue) s3://\(bucket)\(key.map { "/" + $0 } ?? ""): "
        switch failure {
        case .status(let status): text += "HTTP \(status)"
        case .transport(let error): text += error.description
        case .incompleteBody(let expected, let received): text += "the body has \(received) bytes, Content-Length said \(expected)"
        case .malformedResponse(let status, let reason): text += "HTTP \(status) with an unusable body: \(reason)"
        case .invalidRequest(let reason): text += "not sent: \(reason)"
        }
        if let code { text += " \(code)" }
        if let message, !message.isEmpty { text += ": \(message)" }
        if let requestID { text += " (request \(requestID))" }
        switch failure {
        case .invalidRequest, .malformedResponse, .incompleteBody:
            break  // not retried by nature; the attempt count says nothing new
        case .status, .transport:
            text += RetryPolicy.outcome(attempts: attempts, notRetriedBecause: notRetriedBecause)
        }
        return text
    }
}
