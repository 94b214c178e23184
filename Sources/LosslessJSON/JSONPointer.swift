/// An RFC 6901 JSON Pointer: `/containerVersion/tag/3/name`, with `~1` for `/` and `~0` for `~`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens; empty for the whole document.
    public var tokens: [String]

    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses a pointer string; it must be empty or start with `/`, and `~` must be followed by
    /// `0` or `1`.
    public init(_ text: String) throws(JSONPatchError) {
        guard !text.isEmpty else {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { throw .invalidPointer(text, reason: "a pointer must be empty or start with '/'") }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var escaping = false
            for ch in raw {
                if escaping {
                    switch ch {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: throw .invalidPointer(text, reason: "'~' must be followed by 0 or 1")
                    }
                    escaping = false
                } else if ch == "~" {
                    escaping = true
                } else {
                    token.append(ch)
                }
            }
            if escaping { throw .invalidPointer(text, reason: "'~' must be followed by 0 or 1") }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// The pointer as text, escaped.
    public var description: String {
        tokens.map { "/" + $0.split(separator: "~", omittingEmptySubsequences: false).joined(separator: "~0")
            .split(separator: "/", omittingEmptySubsequences: false).joined(separator: "~1") }.joined()
    }

    /// The pointer to the parent of the referenced location; nil for the root.
    public var parent: JSONPointer? { tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast())) }

    /// This pointer extended by one token.
    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }

    /// Whether `other` is this pointer or lies inside it.
    public func isPrefix(of other: JSONPointer) -> Bool {
        other.tokens.count >= tokens.count && Array(other.tokens.prefix(tokens.count)) == tokens
    }

    /// The array index a token denotes: `0` or digits without a leading zero (RFC 6901 §4).
    static func index(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        if token.utf8.count > 1, token.utf8.first == 0x30 { return nil }
        return Int(token)
    }

    /// The value this pointer references in `document`, or nil when it references nothing.
    public func value(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let items):
                guard let i = JSONPointer.index(token), i < items.count else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }
}
