#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells the service manager about this process's life cycle, as `sd_notify(3)` does.
///
/// A unit with `Type=notify` passes `NOTIFY_SOCKET` (and, with `WatchdogSec=`, `WATCHDOG_USEC` and
/// `WATCHDOG_PID`) in the environment. Build one notifier in `@main` from that environment and hand
/// it to the services:
///
/// ```swift
/// let notifier = SystemdNotifier(environment: ProcessInfo.processInfo.environment)
/// try notifier.ready(status: "claiming from round")
/// ```
///
/// Outside systemd (`NOTIFY_SOCKET` unset) every call does nothing and returns `false`, so the
/// same code runs from a terminal.
///
/// Each call sends one datagram; it is safe from any thread or task. Like `sd_notify(3)` it waits
/// when the manager's queue is full, but for at most ``sendTimeout``.
///
/// - Important: child processes inherit `NOTIFY_SOCKET`. Units set `NotifyAccess=main`, so systemd
///   ignores anything a child sends.
public struct SystemdNotifier: Sendable {
    /// Where notifications go; `nil` when `NOTIFY_SOCKET` is unset or of a form this module does
    /// not speak (see ``NotifySocketAddress``).
    public let socketAddress: NotifySocketAddress?

    /// How often to send ``watchdog()``: half of `WATCHDOG_USEC`, as `sd_watchdog_enabled(3)`
    /// recommends; `nil` when the unit has no watchdog or it is meant for another process
    /// (`WATCHDOG_PID` is not this process's id).
    public let watchdogInterval: Duration?

    /// The longest a call waits for room in the manager's queue before throwing `EAGAIN`.
    public static let sendTimeout: Duration = .seconds(1)

    /// Whether notifications are sent: `NOTIFY_SOCKET` holds a path or an abstract name.
    public var isEnabled: Bool { socketAddress != nil }

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`, for this process.
    public init(environment: [String: String]) {
        self.init(environment: environment, processID: getpid())
    }

    /// Reads the environment as seen by the process `processID` (tests inject one).
    public init(environment: [String: String], processID: Int32) {
        socketAddress = environment["NOTIFY_SOCKET"].flatMap(NotifySocketAddress.init)
        watchdogInterval = Self.watchdogInterval(environment: environment, processID: processID)
    }

    /// Sends `state` (lines such as `READY=1`, `STATUS=…`) as one datagram.
    ///
    /// - Returns: `true` when the datagram was sent, `false` when notifications are disabled.
    /// - Throws: ``SystemdNotifyError`` when a line is not one `KEY=value` assignment (nothing is
    ///   sent) or the socket refuses the datagram. Log it; it is never a reason to stop.
    @discardableResult
    public func notify(_ state: [String]) throws -> Bool {
        try Self.validate(state)
        guard let socketAddress else { return false }
        let message = Array(state.joined(separator: "\n").utf8)
        let descriptor = socket(Int32(AF_UNIX), Self.datagramType, 0)
        guard descriptor >= 0 else { throw SystemdNotifyError.socketUnavailable(errno: errno) }
        defer { close(descriptor) }
        // Bounds the wait for queue space (unix datagram sends honour SO_SNDTIMEO); setting it on a
        // fresh socket does not fail.
        var timeout = timeval(tv_sec: Int(Self.sendTimeout.components.seconds), tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let (sent, sendError) = message.withUnsafeBytes { bytes in
            socketAddress.withSocketAddress { address, length in
                let sent = sendto(descriptor, bytes.baseAddress, bytes.count, Self.sendFlags, address, length)
                return (sent, sent < 0 ? errno : 0)
            }
        }
        guard sent >= 0 else { throw SystemdNotifyError.sendFailed(socket: socketAddress.description, errno: sendError) }
        guard sent == message.count else {
            throw SystemdNotifyError.partialSend(socket: socketAddress.description, sent: sent, expected: message.count)
        }
        return true
    }

    // MARK: - Configuration

    /// Half of `WATCHDOG_USEC` when it is a positive number of microseconds and `WATCHDOG_PID` is
    /// absent or names `processID`.
    static func watchdogInterval(environment: [String: String], processID: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else {
            return nil
        }
        if let pidText = environment["WATCHDOG_PID"] {
            guard let pid = Int32(pidText), pid == processID else { return nil }
        }
        return .microseconds(microseconds) / 2
    }

    /// Checks that each line reaches systemd as one assignment.
    static func validate(_ state: [String]) throws {
        guard !state.isEmpty else { throw SystemdNotifyError.invalidState(line: "", reason: "no state to send") }
        for line in state {
            if line.contains(where: \.isNewline) {
                throw SystemdNotifyError.invalidState(line: line, reason: "a line break would split it in two")
            }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                throw SystemdNotifyError.invalidState(line: line, reason: "not a KEY=value assignment")
            }
        }
    }

    #if os(Linux)
    private static let datagramType = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let datagramType = SOCK_DGRAM
    private static let sendFlags: Int32 = 0
    #endif
}
