/// Writes a ``JSONValue`` back to bytes.
///
/// `pretty` matches the layout of a GTM UI export (4-space indent, `"key": value`), so a
/// re-written export diffs cleanly against the original; `sortedKeys` gives a canonical form
/// for hashing and byte-identical reports.
public struct JSONWriter: Sendable {
    /// How the output is laid out.
    public enum Layout: Sendable {
        case compact
        case pretty(indent: Int)
    }

    public var layout: Layout
    /// Write object members sorted by key (bytewise) instead of in document order.
    public var sortedKeys: Bool

    public init(layout: Layout = .compact, sortedKeys: Bool = false) {
        self.layout = layout
        self.sortedKeys = sortedKeys
    }

    /// Newline-and-indent runs, appended with one copy per line instead of one append per space.
    private static let indentation: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 256)

    /// The GTM UI export layout.
    public static let gtmExport = JSONWriter(layout: .pretty(indent: 4))

    /// The encoded bytes.
    public func bytes(of value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(value, level: 0, into: &out)
        return out
    }

    /// The encoded text.
    public func string(of value: JSONValue) -> String {
        String(decoding: bytes(of: value), as: UTF8.self)
    }

    private func newline(_ level: Int, _ out: inout [UInt8]) {
        guard case .pretty(let indent) = layout else { return }
        var spaces = indent * level
        let run = JSONWriter.indentation
        out.append(contentsOf: run[0..<(1 + min(spaces, run.count - 1))])
        spaces -= run.count - 1
        while spaces > 0 {
            out.append(contentsOf: run[1..<(1 + min(spaces, run.count - 1))])
            spaces -= run.count - 1
        }
    }

    private func write(_ value: JSONValue, level: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.literal.utf8)
        case .string(let s): JSONWriter.writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            if elements.isEmpty { out.append(UInt8(ascii: "]")); return }
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1, &out)
                write(element, level: level + 1, into: &out)
            }
            newline(level, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            if object.members.isEmpty { out.append(UInt8(ascii: "}")); return }
            let members = sortedKeys ? object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : object.members
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1, &out)
                JSONWriter.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if case .pretty = layout { out.append(0x20) }
                write(member.value, level: level + 1, into: &out)
            }
            newline(level, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `string` as a JSON string literal: quotes, backslashes and control characters
    /// escaped, everything else (non-ASCII included) written as UTF-8.
    public static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        let clean = string.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            out.append(contentsOf: utf8)
            return true
        }
        if clean {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
