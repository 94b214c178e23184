#if canImport(Glibc)
import Glibc
#endif
import SystemdNotify
import Testing

struct WatchdogIntervalTests {
    static let processID: Int32 = 4242

    @Test(arguments: [
        // WatchdogSec=60: ping every 30 s.
        (["WATCHDOG_USEC": "60000000"], Duration?.some(.seconds(30))),
        (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "4242"], .seconds(30)),
        (["WATCHDOG_USEC": "3", "WATCHDOG_PID": "4242"], .nanoseconds(1500)),
        // Meant for another process (the unit's main process, when this is a child).
        (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "1"], nil),
        (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "pid"], nil),
        (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": ""], nil),
        // No watchdog, or one that is not a positive number of microseconds.
        ([:], nil),
        (["WATCHDOG_PID": "4242"], nil),
        (["WATCHDOG_USEC": "0"], nil),
        (["WATCHDOG_USEC": "-60000000"], nil),
        (["WATCHDOG_USEC": "60s"], nil),
        (["WATCHDOG_USEC": ""], nil),
        (["WATCHDOG_USEC": "99999999999999999999"], nil),
    ])
    func halvesWatchdogUSecForThisProcessOnly(environment: [String: String], expected: Duration?) {
        let notifier = SystemdNotifier(environment: environment, processID: Self.processID)
        #expect(notifier.watchdogInterval == expected)
    }

    @Test func defaultsToTheCurrentProcess() {
        let pid = String(getpid())
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": pid]).watchdogInterval == .seconds(1))
    }

    @Test func isIndependentOfTheSocket() {
        // As sd_watchdog_enabled(3): the interval is known even where pings would go nowhere.
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "10000000"], processID: Self.processID)
        #expect(!notifier.isEnabled)
        #expect(notifier.watchdogInterval == .seconds(5))
    }
}
