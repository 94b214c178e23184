extension RetryPolicy {
    /// How one attempt of ``retrying(using:_:)`` ended.
    public enum Attempt<Success> {
        case success(Success)
        /// Failed: sent again as `decision` says while attempts remain, else `error` is thrown,
        /// given the reason the policy stopped (nil when the attempts ran out).
        case failure(Decision, error: (_ notRetriedBecause: String?) -> any Error)
        /// Send again at once without counting an attempt (a token that was fetched again).
        case again
    }

    /// The retry loop every client shares: runs `attempt` (given its number, from 1) until it
    /// succeeds, waiting between failures what the decision asks or the policy's backoff, and
    /// throws the last failure's error once the policy stops or the attempts run out.
    /// - Throws: the failure's error, or `CancellationError` when cancelled while waiting.
    public func retrying<Success>(using generator: inout some RandomNumberGenerator,
                                  _ attempt: (_ number: Int) async throws -> Attempt<Success>) async throws -> Success
    {
        var number = 0
        while true {
            number += 1
            switch try await attempt(number) {
            case .success(let value):
                return value
            case .again:
                number -= 1
            case .failure(let decision, let error):
                guard case .retry(let wait) = decision, number < maxAttempts else { throw error(decision.stopReason) }
                try await Task.sleep(for: wait ?? backoff(beforeRetry: number, using: &generator))
            }
        }
    }
}
