/// What a long-running process tells its supervisor (systemd's `sd_notify` when `NOTIFY_SOCKET`
/// is set): ready, alive, stopping, and a one-line status for `systemctl status`.
public struct LifecycleHooks: Sendable {
    public var ready: @Sendable (_ status: String) -> Void
    public var watchdog: @Sendable () -> Void
    public var stopping: @Sendable (_ status: String) -> Void
    public var status: @Sendable (_ status: String) -> Void

    public init(ready: @escaping @Sendable (String) -> Void, watchdog: @escaping @Sendable () -> Void,
                stopping: @escaping @Sendable (String) -> Void, status: @escaping @Sendable (String) -> Void)
    {
        self.ready = ready
        self.watchdog = watchdog
        self.stopping = stopping
        self.status = status
    }

    /// Tells no one (tests, a worker started by hand).
    public static let none = LifecycleHooks(ready: { _ in }, watchdog: {}, stopping: { _ in }, status: { _ in })
}
