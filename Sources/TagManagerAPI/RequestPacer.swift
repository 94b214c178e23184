/// Spaces request starts at least ``minimumInterval`` apart, across every caller that shares it.
///
/// The GTM API allows 0.25 requests a second per Cloud project, so the default interval is 4 s.
/// Each grant is recorded at the moment it is given, inside the actor, so the interval holds
/// between actual starts even when a sleeper wakes late or callers race; waiters are not served
/// in strict arrival order. Retries pass through the pacer like first attempts.
public actor RequestPacer {
    /// The least time between two request starts.
    public let minimumInterval: Duration
    /// Requests let through so far (the deploy report's request count).
    public private(set) var grantedCount = 0
    private var lastGrant: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    /// A pacer letting requests start at most once per `minimumInterval` (zero: no pacing).
    public init(minimumInterval: Duration) {
        self.minimumInterval = max(.zero, minimumInterval)
    }

    /// Returns when the caller may start its request, and the instant it was allowed to.
    /// - Throws: `CancellationError` when the calling task is cancelled while waiting.
    @discardableResult
    public func waitForTurn() async throws -> ContinuousClock.Instant {
        while true {
            let now = clock.now
            if let lastGrant, now < lastGrant + minimumInterval {
                try await clock.sleep(until: lastGrant + minimumInterval, tolerance: nil)
                continue  // another caller may have taken the slot while this one slept
            }
            lastGrant = now
            grantedCount += 1
            return now
        }
    }
}
