public import CurlHTTP

/// A model call that produced no usable answer: what the API said, and why the mutator stopped.
///
/// Thrown only for faults that should stop the run (a bad key, a spent budget, an API that kept
/// failing after every retry); an answer that is not a patch is a ``Mutation/Proposal`` instead.
/// Its `description` is one line and never contains the API key.
public struct LanguageModelError: Error, Sendable, CustomStringConvertible {
    /// What went wrong on the last attempt.
    public enum Failure: Sendable, Equatable {
        /// The API answered with this error status.
        case status(Int)
        /// No response arrived.
        case transport(HTTPError)
        /// A success status whose body is not what the API documents.
        case malformedResponse(status: Int, reason: String)
    }

    /// `anthropic` or `openai`.
    public var provider: String
    public var failure: Failure
    /// The API's error type (`rate_limit_error`, `invalid_request_error`, …).
    public var errorType: String?
    /// The API's finer error code (`enforced_spend_limit_reached`, `insufficient_quota`, …).
    public var errorCode: String?
    /// The API's message, on one line, shortened, with the key redacted.
    public var message: String?
    /// The request id to quote to the provider's support.
    public var requestID: String?
    /// Requests sent, the first included.
    public var attempts: Int
    /// Why no further attempt was made; `nil` when the retry budget ran out.
    public var notRetriedBecause: String?

    public init(provider: String, failure: Failure, errorType: String? = nil, errorCode: String? = nil, message: String? = nil,
                requestID: String? = nil, attempts: Int, notRetriedBecause: String? = nil)
    {
        self.provider = provider
        self.failure = failure
        self.errorType = errorType
        self.errorCode = errorCode
        self.message = message
        self.requestID = requestID
        self.attempts = attempts
        self.notRetriedBecause = notRetriedBecause
    }

    /// Whether the retry budget ran out (as opposed to an error not worth retrying).
    public var isRetryBudgetExhausted: Bool {
        if case .malformedResponse = failure { return false }
        return notRetriedBecause == nil
    }

    public var description: String {
        var text = "\(provider): "
        switch failure {
        case .status(let status): text += "HTTP \(status)"
        case .transport(let error): text += error.description
        case .malformedResponse(let status, let reason): text += "HTTP \(status) with an unusable body: \(reason)"
        }
        if let errorType { text += " \(errorType)" }
        if let errorCode, errorCode != errorType { text += " [\(errorCode)]" }
        if let message, !message.isEmpty { text += ": \(message)" }
        if let requestID { text += " (request \(requestID))" }
        if case .malformedResponse = failure {
            // A success status is never retried; the attempt count says nothing new.
        } else {
            text += RetryPolicy.outcome(attempts: attempts, notRetriedBecause: notRetriedBecause)
        }
        return text
    }
}
