public import CurlHTTP

/// When and how long to wait before sending a failed S3 request again.
///
/// The same shape and rules as `LanguageModelMutators.RetryPolicy`, kept here because reusing it
/// would make object storage depend on the model mutators. Retries 429, 500, 502, 503 and 504
/// (S3's `SlowDown` is a 503), S3's `RequestTimeout` and `InternalError` codes whatever their
/// status, and transient transport faults; waits what `retry-after` asks (capped), else backs
/// off exponentially with jitter.
public struct S3RetryPolicy: Sendable, Equatable {
    /// Requests sent at most, the first included (1 = never retry).
    public var maxAttempts: Int
    /// The wait before the first retry; doubles for each later one.
    public var initialBackoff: Duration
    /// The longest computed wait.
    public var maxBackoff: Duration
    /// The longest wait a server's `retry-after` may impose.
    public var maxRetryAfter: Duration
    /// The share of each computed wait that is random (0 = exact, 0.25 = up to 25 % shorter),
    /// so that clients slowed down together do not come back together.
    public var jitter: Double

    public init(maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(200), maxBackoff: Duration = .seconds(10),
                maxRetryAfter: Duration = .seconds(30), jitter: Double = 0.25)
    {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.jitter = min(1, max(0, jitter))
    }

    /// Five attempts, 0.2 s doubling to 10 s, `retry-after` up to 30 s.
    public static let standard = S3RetryPolicy()
    /// One attempt only.
    public static let never = S3RetryPolicy(maxAttempts: 1)

    /// What to do about a failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Send again, after the server's wait if it named one (else the policy's backoff).
        case retry(after: Duration?)
        /// Give up, for this reason.
        case stop(reason: String)
    }

    /// The decision for an error response with status `status` and S3 error code `code`.
    public func decision(status: Int, code: String?, headers: [String: String]) -> Decision {
        if [429, 500, 502, 503, 504].contains(status) || ["SlowDown", "RequestTimeout", "InternalError"].contains(code ?? "") {
            return .retry(after: serverDelay(headers))
        }
        return .stop(reason: "HTTP \(status)\(code.map { " \($0)" } ?? "") is not retryable")
    }

    /// The decision for a request that got no response.
    public func decision(for error: HTTPError) -> Decision {
        error.isTransient ? .retry(after: nil) : .stop(reason: "the request cannot succeed as sent")
    }

    /// `retry-after` in seconds, capped at ``maxRetryAfter``; `nil` when it is not a positive
    /// number (an HTTP date is ignored).
    public func serverDelay(_ headers: [String: String]) -> Duration? {
        guard let seconds = headers["retry-after"].flatMap(Double.init), seconds > 0, seconds.isFinite else { return nil }
        return min(.milliseconds(seconds * 1000), maxRetryAfter)
    }

    /// The computed wait before retry number `retry` (1 = the first retry):
    /// `initialBackoff · 2^(retry-1)`, capped at ``maxBackoff``, then shortened by up to
    /// ``jitter`` of itself.
    public func backoff(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let doubling = Double(sign: .plus, exponent: min(max(0, retry - 1), 62), significand: 1)
        let base = min(S3RetryPolicy.seconds(initialBackoff) * doubling, S3RetryPolicy.seconds(maxBackoff))
        let fraction = Double.random(in: 0..<1, using: &generator)
        return .milliseconds(base * (1 - jitter * fraction) * 1000)
    }

    static func seconds(_ duration: Duration) -> Double {
        let components = duration.components
        return Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
