/// Where a job is in its life. Stored as text, so the `sqlite3` shell reads it as is.
///
/// ```
/// available ──claim──▶ running ──complete──▶ succeeded
///     ▲                  │  │
///     │   release,       │  └──fail──▶ failed (waits out its backoff) ──▶ available
///     └── lease expired ─┘             └─ attempts used up ─▶ dead
/// cancel: available / failed / running ──▶ cancelled;  retry: dead / cancelled / failed ──▶ available
/// ```
public enum JobState: String, Sendable, Codable, CaseIterable {
    case available, running, succeeded, failed, dead, cancelled

    /// No worker will touch the job again unless an operator retries it.
    public var isFinal: Bool {
        self == .succeeded || self == .dead || self == .cancelled
    }
}
