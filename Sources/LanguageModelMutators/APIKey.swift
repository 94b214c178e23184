/// An API key that never shows itself.
///
/// `description`, `debugDescription`, string interpolation and `dump` all print a placeholder, so
/// a key cannot reach a log line, an error message or a report by accident. Only code in this
/// package reads the secret, to put it in the one header that carries it.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key itself. `package`, not `public`: nothing outside the project's modules reads it.
    package let secret: String

    /// Wraps a key, dropping surrounding whitespace (a trailing newline from a file or a paste).
    public init(_ secret: String) {
        self.secret = String(secret.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// Whether the key is empty (an unset variable, a `NAME=` line).
    public var isEmpty: Bool { secret.isEmpty }

    public var description: String { "<redacted API key>" }
    public var debugDescription: String { "<redacted API key>" }
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// `text` with every occurrence of the key replaced, for messages that may echo it back
    /// (some providers quote the key they rejected).
    func redacting(_ text: String) -> String {
        guard secret.count >= 4 else { return text }
        return text.replacing(secret, with: "<redacted API key>")
    }
}
