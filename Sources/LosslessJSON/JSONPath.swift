/// A location inside a JSON document, written the way people read it: `$.containerVersion.tag[3].name`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step: an object member or an array element.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the root.
    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// The document root, `$`.
    public static let root = JSONPath()

    /// This path extended by an object member.
    public func appending(key: String) -> JSONPath { JSONPath(components + [.key(key)]) }

    /// This path extended by an array element.
    public func appending(index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .index(let i): text += "[\(i)]"
            case .key(let k):
                if !k.isEmpty, k.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x5F }) {
                    text += "." + k
                } else {
                    text += "[\"" + k.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\"") + "\"]"
                }
            }
        }
        return text
    }
}
