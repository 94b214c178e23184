#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a notification did not reach the service manager.
///
/// None of these is fatal to a service: the caller logs it and carries on. Under a unit with
/// `Type=notify`, a missing `READY=1` or missing watchdog pings show up in systemd's own log.
public enum SystemdNotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A state line that would not reach systemd as one `KEY=value` assignment: empty, without
    /// `=`, or holding a line break; or an empty list of states.
    case invalidState(line: String, reason: String)
    /// `socket(2)` failed, with its `errno`.
    case socketUnavailable(errno: Int32)
    /// `sendto(2)` failed, with its `errno`: `ENOENT` or `ECONNREFUSED` when nothing listens,
    /// `EAGAIN` when the manager's queue stayed full for ``SystemdNotifier/sendTimeout``.
    case sendFailed(socket: String, errno: Int32)
    /// The kernel took fewer bytes than the datagram holds.
    case partialSend(socket: String, sent: Int, expected: Int)

    public var description: String {
        switch self {
        case .invalidState(let line, let reason):
            "notification \(line.debugDescription) not sent: \(reason)"
        case .socketUnavailable(let code):
            "cannot create a datagram socket for systemd notifications: \(Self.message(for: code))"
        case .sendFailed(let socket, let code):
            "\(socket): notification not sent: \(Self.message(for: code))"
        case .partialSend(let socket, let sent, let expected):
            "\(socket): notification cut short: \(sent) of \(expected) bytes sent"
        }
    }

    private static func message(for code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}
