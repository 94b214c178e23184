public import CurlHTTP

extension RetryPolicy {
    /// Five attempts, 0.2 s doubling to 10 s, `retry-after` up to 30 s: S3 and R2 shed load
    /// with short `SlowDown`s, so start sooner and try longer than for a model call.
    public static let objectStore = RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(200), maxBackoff: .seconds(10),
                                                maxRetryAfter: .seconds(30))

    /// The decision for an S3 error response with status `status` and S3 error code `code`:
    /// retries 429, 500, 502, 503 and 504 (S3's `SlowDown` is a 503), and the `RequestTimeout`
    /// and `InternalError` codes whatever their status.
    public func decision(status: Int, code: String?, headers: [String: String]) -> Decision {
        if [429, 500, 502, 503, 504].contains(status) || ["SlowDown", "RequestTimeout", "InternalError"].contains(code ?? "") {
            return .retry(after: serverDelay(headers))
        }
        return .stop(reason: "HTTP \(status)\(code.map { " \($0)" } ?? "") is not retryable")
    }
}
