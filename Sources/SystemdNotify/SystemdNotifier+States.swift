/// The notifications a long-running service sends, each one datagram.
extension SystemdNotifier {
    /// `READY=1`, with a `STATUS=` line when `status` is given: startup is complete.
    ///
    /// Under `Type=notify`, systemd holds units ordered `After=` this one until it arrives, and
    /// fails the start after `TimeoutStartSec=` without it.
    @discardableResult
    public func ready(status: String? = nil) throws -> Bool {
        try notify(["READY=1"] + Self.statusLines(status))
    }

    /// `WATCHDOG=1`: the process is alive. Send it every ``watchdogInterval``.
    @discardableResult
    public func watchdog() throws -> Bool {
        try notify(["WATCHDOG=1"])
    }

    /// `STOPPING=1`, with a `STATUS=` line when `status` is given: shutdown has begun.
    @discardableResult
    public func stopping(status: String? = nil) throws -> Bool {
        try notify(["STOPPING=1"] + Self.statusLines(status))
    }

    /// `STATUS=…`: one line shown by `systemctl status`. Line breaks become spaces.
    @discardableResult
    public func status(_ text: String) throws -> Bool {
        try notify(Self.statusLines(text))
    }

    /// A `STATUS=` line for `text` with its line breaks made spaces, or none for `nil`.
    static func statusLines(_ text: String?) -> [String] {
        guard let text else { return [] }
        return ["STATUS=" + String(text.map { $0.isNewline ? " " : $0 })]
    }
}
