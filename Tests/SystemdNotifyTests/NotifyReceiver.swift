import Foundation
import SystemdNotify
import TestSupport

/// The two kinds of address `NOTIFY_SOCKET` can hold.
enum SocketKind: String, CaseIterable, Sendable {
    case path, abstract
}

/// Runs `body` with a receiver bound at a fresh address of `kind` (a socket file in a new temporary
/// directory, or a unique abstract name), and a notifier whose environment points at it.
func withReceiver(
    _ kind: SocketKind,
    _ body: (DatagramReceiver, SystemdNotifier) throws -> Void
) throws {
    let token = UUID().uuidString.prefix(8).lowercased()
    let address: NotifySocketAddress
    var directory: String?
    switch kind {
    case .path:
        // Short on purpose: sun_path holds 108 bytes, and TMPDIR can be long.
        let dir = "/tmp/sdn-\(token)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        directory = dir
        address = .path(dir + "/notify")
    case .abstract:
        address = .abstract("gtm-autoresearch-test/\(token)")
    }
    defer { if let directory { try? FileManager.default.removeItem(atPath: directory) } }
    let receiver = try DatagramReceiver(address: address)
    try body(receiver, SystemdNotifier(environment: ["NOTIFY_SOCKET": address.description]))
}
