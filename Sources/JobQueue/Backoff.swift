public import Foundation

/// How long a failed job waits before its next attempt: exponential in the attempt number, capped,
/// with "full jitter" below the cap so jobs that failed together do not retry together.
public struct Backoff: Sendable, Equatable {
    public var base: TimeInterval
    public var cap: TimeInterval
    /// The share of the delay that is randomised (0: none, 1: anywhere in 0…delay).
    public var jitter: Double

    public init(base: TimeInterval = 5, cap: TimeInterval = 600, jitter: Double = 0.5) {
        self.base = base
        self.cap = cap
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The wait after failed attempt `attempt` (1 for the first), given a uniform `unit` in 0..<1.
    public func delay(afterAttempt attempt: Int, unit: Double) -> TimeInterval {
        let exponent = Double(max(attempt - 1, 0))
        let full = min(cap, base * pow(2, min(exponent, 40)))
        return full * (1 - jitter) + full * jitter * min(max(unit, 0), 1)
    }
}
