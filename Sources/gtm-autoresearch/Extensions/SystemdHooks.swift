import Fleet
import Foundation
import SystemdNotify

extension LifecycleHooks {
    /// sd_notify when `NOTIFY_SOCKET` is set; a failed notification is not worth stopping for.
    static func systemd(_ notifier: SystemdNotifier) -> LifecycleHooks {
        LifecycleHooks(
            ready: { _ = try? notifier.ready(status: $0) },
            watchdog: { _ = try? notifier.watchdog() },
            stopping: { _ = try? notifier.stopping(status: $0) },
            status: { _ = try? notifier.status($0) })
    }
}
