import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import SystemdNotify

/// A bound AF_UNIX datagram socket standing in for systemd's notification socket.
///
/// It builds its own `sockaddr_un` rather than reusing the module's, so an address the notifier
/// gets wrong (a stray NUL after an abstract name, a short length) fails to connect here.
public final class DatagramReceiver {
    public let address: NotifySocketAddress
    private let descriptor: Int32

    /// Binds a datagram socket at `address`.
    public init(address: NotifySocketAddress) throws {
        self.address = address
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ReceiverError.system("socket", errno) }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        let bytes: [UInt8]
        switch address {
        case .path(let path): bytes = Array(path.utf8) + [0]
        case .abstract(let name): bytes = [0] + Array(name.utf8)
        }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let result = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw ReceiverError.system("bind \(address)", code)
        }
    }

    deinit {
        close(descriptor)
        if case .path(let path) = address { unlink(path) }
    }

    /// The next datagram's bytes, waiting at most `timeout` for one.
    public func receive(timeout: Duration = .seconds(5)) throws -> [UInt8] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000)
        let ready = poll(&poller, 1, milliseconds)
        guard ready > 0 else {
            throw ready == 0 ? ReceiverError.nothingReceived(timeout) : ReceiverError.system("poll", errno)
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { throw ReceiverError.system("recv", errno) }
        return Array(buffer.prefix(count))
    }

    /// The next datagram as text.
    public func receiveText(timeout: Duration = .seconds(5)) throws -> String {
        String(decoding: try receive(timeout: timeout), as: UTF8.self)
    }
}

public enum ReceiverError: Error, CustomStringConvertible {
    case system(String, Int32)
    case nothingReceived(Duration)

    public var description: String {
        switch self {
        case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
        case .nothingReceived(let timeout): "no datagram within \(timeout)"
        }
    }
}

