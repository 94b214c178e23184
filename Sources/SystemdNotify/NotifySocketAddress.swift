#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `NOTIFY_SOCKET` says the service manager listens: a socket file or an abstract name.
///
/// These are the two forms systemd writes into a service's environment. Anything else (a relative
/// path, `vsock:…`, a name too long for `sockaddr_un`) is not an address this module can reach, and
/// ``init(_:)`` returns `nil` for it rather than failing later.
public enum NotifySocketAddress: Sendable, Hashable, CustomStringConvertible {
    /// An absolute path to a socket file, such as `/run/systemd/notify`.
    case path(String)
    /// A name in Linux's abstract socket namespace, written `@name` in `NOTIFY_SOCKET`; the
    /// associated value is the name without the `@`.
    case abstract(String)

    /// The most bytes `sun_path` holds: 108 on Linux, 104 on Darwin.
    static var pathCapacity: Int { MemoryLayout.size(ofValue: sockaddr_un().sun_path) }

    /// Parses a `NOTIFY_SOCKET` value; `nil` when it is empty or of a form other than `/path` or `@name`.
    public init?(_ value: String) {
        let bytes = value.utf8
        if value.hasPrefix("/") {
            // A path needs its terminating NUL inside sun_path.
            guard bytes.count < Self.pathCapacity else { return nil }
            self = .path(value)
        } else if value.hasPrefix("@") {
            #if os(Linux)
            // The leading NUL replaces the "@"; the name itself is not NUL-terminated.
            guard bytes.count > 1, bytes.count <= Self.pathCapacity else { return nil }
            self = .abstract(String(value.dropFirst()))
            #else
            return nil
            #endif
        } else {
            return nil
        }
    }

    /// The address as `NOTIFY_SOCKET` writes it.
    public var description: String {
        switch self {
        case .path(let path): path
        case .abstract(let name): "@" + name
        }
    }

    /// Calls `body` with this address as a `sockaddr` and its exact length.
    ///
    /// An abstract name's length counts only its bytes, with no trailing NUL, which is how systemd
    /// binds it: the same name with a NUL appended would be a different socket.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws -> Result) rethrows -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? MemoryLayout<sa_family_t>.size
        let length: Int
        switch self {
        case .path(let path):
            let bytes = Array(path.utf8)
            withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
                sunPath.copyBytes(from: bytes)   // the rest stays zero: the terminating NUL
            }
            length = pathOffset + bytes.count + 1
        case .abstract(let name):
            let bytes = Array(name.utf8)
            withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
                sunPath[0] = 0
                UnsafeMutableRawBufferPointer(rebasing: sunPath[1...]).copyBytes(from: bytes)
            }
            length = pathOffset + 1 + bytes.count
        }
        return try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, socklen_t(length)) }
        }
    }
}
