/// When and how long to wait before sending a failed request again: how many attempts, the
/// exponential backoff with jitter, and how much of a server's `retry-after` to honour.
///
/// Which responses are worth retrying depends on the service, so each client adds its own
/// `decision(status:…)` in an extension (the model APIs, S3, the GTM API); transport faults are
/// judged here, the same for all.
public struct RetryPolicy: Sendable, Equatable {
    /// Requests sent at most, the first included (1 = never retry).
    public var maxAttempts: Int
    /// The wait before the first retry; doubles for each later one.
    public var initialBackoff: Duration
    /// The longest computed wait.
    public var maxBackoff: Duration
    /// The longest wait a server's `retry-after` may impose.
    public var maxRetryAfter: Duration
    /// The share of each computed wait that is random (0 = exact, 0.25 = up to 25 % shorter),
    /// so that clients failing together do not retry together.
    public var jitter: Double
    /// Seeds the jitter together with the round's seed, so a test sees the same waits each run.
    public var jitterSeed: UInt64

    public init(maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(8),
                maxRetryAfter: Duration = .seconds(60), jitter: Double = 0.25, jitterSeed: UInt64 = 0)
    {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.jitter = min(1, max(0, jitter))
        self.jitterSeed = jitterSeed
    }

    /// Four attempts, 0.5 s doubling to 8 s, `retry-after` up to 60 s.
    public static let standard = RetryPolicy()
    /// One attempt only.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// What to do about a failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Send again, after the server's wait if it named one (else the policy's backoff).
        case retry(after: Duration?)
        /// Give up, for this reason ("HTTP 401 is not retryable", …).
        case stop(reason: String)

        /// The reason to stop, or `nil` for a retry (when the attempts ran out instead).
        public var stopReason: String? {
            if case .stop(let reason) = self { return reason }
            return nil
        }
    }

    /// The decision for a request that got no response.
    public func decision(for error: HTTPError) -> Decision {
        error.isTransient ? .retry(after: nil) : .stop(reason: "the request cannot succeed as sent")
    }

    /// The wait the server asked for: `retry-after-ms`, else `retry-after` in seconds, capped at
    /// ``maxRetryAfter``; `nil` when neither is a positive number (an HTTP date is ignored).
    public func serverDelay(_ headers: [String: String]) -> Duration? {
        if let ms = headers["retry-after-ms"].flatMap(Double.init), ms > 0, ms.isFinite {
            return min(.milliseconds(ms), maxRetryAfter)
        }
        if let seconds = headers["retry-after"].flatMap(Double.init), seconds > 0, seconds.isFinite {
            return min(.milliseconds(seconds * 1000), maxRetryAfter)
        }
        return nil
    }

    /// The computed wait before retry number `retry` (1 = the first retry):
    /// `initialBackoff · 2^(retry-1)`, capped at ``maxBackoff``, then shortened by up to
    /// ``jitter`` of itself.
    public func backoff(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let doubling = Double(sign: .plus, exponent: min(max(0, retry - 1), 62), significand: 1)
        let base = min(RetryPolicy.seconds(initialBackoff) * doubling, RetryPolicy.seconds(maxBackoff))
        let fraction = Double.random(in: 0..<1, using: &generator)
        return .milliseconds(base * (1 - jitter * fraction) * 1000)
    }

    public static func seconds(_ duration: Duration) -> Double {
        let components = duration.components
        return Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// How a request that failed for good ended, for an error's one line: `; not retried: REASON
    /// (attempt N)` when the policy stopped early, else `; gave up after N attempts`.
    public static func outcome(attempts: Int, notRetriedBecause: String?) -> String {
        if let notRetriedBecause { return "; not retried: \(notRetriedBecause)" + (attempts > 1 ? " (attempt \(attempts))" : "") }
        return "; gave up after \(attempts) attempt\(attempts == 1 ? "" : "s")"
    }
}
