import TestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SystemdNotify
import Testing

/// Each notification a service sends, with the exact datagram systemd must receive.
enum Message: String, CaseIterable, Sendable {
    case ready, readyWithStatus, watchdog, stopping, stoppingWithStatus, status, statusWithLineBreaks, raw

    @discardableResult
    func send(with notifier: SystemdNotifier) throws -> Bool {
        switch self {
        case .ready: try notifier.ready()
        case .readyWithStatus: try notifier.ready(status: "claiming from round (2 slots)")
        case .watchdog: try notifier.watchdog()
        case .stopping: try notifier.stopping()
        case .stoppingWithStatus: try notifier.stopping(status: "releasing 1 job")
        case .status: try notifier.status("round 12 of run 3: scoring")
        case .statusWithLineBreaks: try notifier.status("line one\nline two\r\nthree")
        case .raw: try notifier.notify(["READY=1", "STATUS=ünïcode ✓", "EXTEND_TIMEOUT_USEC=5000000"])
        }
    }

    var expected: String {
        switch self {
        case .ready: "READY=1"
        case .readyWithStatus: "READY=1\nSTATUS=claiming from round (2 slots)"
        case .watchdog: "WATCHDOG=1"
        case .stopping: "STOPPING=1"
        case .stoppingWithStatus: "STOPPING=1\nSTATUS=releasing 1 job"
        case .status: "STATUS=round 12 of run 3: scoring"
        // "\r\n" is one Character in Swift, so it becomes one space.
        case .statusWithLineBreaks: "STATUS=line one line two three"
        case .raw: "READY=1\nSTATUS=ünïcode ✓\nEXTEND_TIMEOUT_USEC=5000000"
        }
    }
}

@Suite(.timeLimit(.minutes(1)))
struct SystemdNotifierTests {
    // MARK: - Sending

    @Test(arguments: Message.allCases, SocketKind.allCases)
    func sendsTheExactDatagram(message: Message, kind: SocketKind) throws {
        try withReceiver(kind) { receiver, notifier throws in
            #expect(notifier.isEnabled)
            #expect(try message.send(with: notifier))
            #expect(try receiver.receive() == Array(message.expected.utf8))
        }
    }

    @Test(arguments: SocketKind.allCases)
    func sendsOneDatagramPerCallInOrder(kind: SocketKind) throws {
        try withReceiver(kind) { receiver, notifier throws in
            try notifier.ready(status: "up")
            try notifier.watchdog()
            try notifier.stopping()
            #expect(try receiver.receiveText() == "READY=1\nSTATUS=up")
            #expect(try receiver.receiveText() == "WATCHDOG=1")
            #expect(try receiver.receiveText() == "STOPPING=1")
        }
    }

    @Test func sendsFromConcurrentTasks() async throws {
        // Fewer than the kernel's default queue of 10 datagrams, so no sender waits on the reader.
        let count = 8
        try await withReceiverAsync(.path) { receiver, notifier throws in
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<count { group.addTask { try notifier.watchdog() } }
                for try await sent in group { #expect(sent) }
            }
            for _ in 0..<count { #expect(try receiver.receiveText() == "WATCHDOG=1") }
        }
    }

    // MARK: - Invalid states

    @Test(arguments: [
        (["READY=1\nSTATUS=x"], "READY=1\nSTATUS=x"),
        (["READY"], "READY"),
        (["=1"], "=1"),
        (["READY=1", ""], ""),
        ([String](), ""),
    ])
    func refusesAStateThatIsNotOneAssignment(state: [String], offending: String) throws {
        try withReceiver(.path) { receiver, notifier throws in
            #expect {
                try notifier.notify(state)
            } throws: { error in
                guard case .invalidState(let line, _) = error as? SystemdNotifyError else { return false }
                return line == offending
            }
            // Nothing was sent: the next datagram is the one after the refusal.
            try notifier.watchdog()
            #expect(try receiver.receiveText() == "WATCHDOG=1")
        }
    }

    // MARK: - Failures are errors, not crashes

    @Test func aMissingSocketFileThrowsWithThePathAndReason() throws {
        let path = "/tmp/sdn-missing-\(UUID().uuidString.prefix(8))/notify"
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        #expect(notifier.isEnabled)
        let error = #expect(throws: SystemdNotifyError.self) { try notifier.ready() }
        #expect(error == .sendFailed(socket: path, errno: ENOENT))
        #expect(error?.description.hasPrefix("\(path): notification not sent: No such file or directory") == true)
    }

    @Test func anUnboundAbstractNameThrowsConnectionRefused() throws {
        let name = "@gtm-autoresearch-test/nobody-\(UUID().uuidString.prefix(8))"
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": name])
        let error = #expect(throws: SystemdNotifyError.self) { try notifier.watchdog() }
        #expect(error == .sendFailed(socket: name, errno: ECONNREFUSED))
    }

    // MARK: - Disabled outside systemd

    @Test(arguments: [
        [:],
        ["NOTIFY_SOCKET": ""],
        ["NOTIFY_SOCKET": "relative/notify"],
        ["NOTIFY_SOCKET": "vsock:2:1234"],
        ["NOTIFY_SOCKET": "@"],
    ])
    func withoutAUsableSocketEveryCallIsANoOp(environment: [String: String]) throws {
        let notifier = SystemdNotifier(environment: environment)
        #expect(!notifier.isEnabled)
        #expect(notifier.socketAddress == nil)
        for message in Message.allCases { #expect(try message.send(with: notifier) == false) }
    }

    @Test func aBadStateIsRefusedEvenWhenDisabled() {
        // So a mistake shows up in tests and terminals, not only under systemd.
        #expect(throws: SystemdNotifyError.self) { try SystemdNotifier(environment: [:]).notify(["READY"]) }
    }
}

/// `withReceiver` for an async body.
func withReceiverAsync(
    _ kind: SocketKind,
    _ body: (DatagramReceiver, SystemdNotifier) async throws -> Void
) async throws {
    let token = UUID().uuidString.prefix(8).lowercased()
    let directory = "/tmp/sdn-\(token)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let address: NotifySocketAddress = kind == .path
        ? .path(directory + "/notify") : .abstract("gtm-autoresearch-test/\(token)")
    let receiver = try DatagramReceiver(address: address)
    try await body(receiver, SystemdNotifier(environment: ["NOTIFY_SOCKET": address.description]))
}
