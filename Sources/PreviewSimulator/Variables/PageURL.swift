/// A page address split the way `location` and GTM's URL variable see it.
///
/// A lenient parser: anything that is not `scheme://host…` keeps its text as the path.
struct PageURL: Sendable, Equatable {
    /// The address as given.
    var href: String
    /// `https` (no colon).
    var scheme: String
    /// The host name, lower-cased, without port.
    var host: String
    /// The explicit port, or "" when the address has none.
    var port: String
    /// The path, `/` when the address has none.
    var path: String
    /// The query without `?`.
    var query: String
    /// The fragment without `#`.
    var fragment: String

    init(_ text: String) {
        href = text
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        } else {
            fragment = ""
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        } else {
            query = ""
        }
        scheme = ""
        host = ""
        port = ""
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
           !rest[..<colon].isEmpty, rest[rest.index(after: colon)...].hasPrefix("//")
        {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(colon, offsetBy: 3)...]
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            rest = rest[authorityEnd...]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if let portColon = authority.lastIndex(of: ":"), !authority.hasPrefix("[") || authority[..<portColon].hasSuffix("]") {
                port = String(authority[authority.index(after: portColon)...])
                authority = authority[..<portColon]
            }
            host = authority.lowercased()
        }
        path = rest.isEmpty && !scheme.isEmpty ? "/" : String(rest)
    }

    /// The address without its fragment (`{{Page URL}}`).
    var withoutFragment: String {
        guard let hash = href.firstIndex(of: "#") else { return href }
        return String(href[..<hash])
    }

    /// Whether the address has a scheme and host.
    var isAbsolute: Bool { !scheme.isEmpty && !host.isEmpty }

    /// The port as a number: the explicit one, else the scheme's default (80, 443), else nil.
    var effectivePort: Int? {
        if let n = Int(port) { return n }
        switch scheme {
        case "https": return 443
        case "http": return 80
        default: return nil
        }
    }

    /// The address `reference` leads to from this one: absolute, `//host…`, `/path`, `?query` or `#fragment`.
    func resolving(_ reference: String) -> PageURL {
        let target = PageURL(reference)
        if target.isAbsolute { return target }
        let origin = "\(scheme)://\(host)\(port.isEmpty ? "" : ":" + port)"
        if reference.hasPrefix("//") { return PageURL(scheme + ":" + reference) }
        if reference.hasPrefix("#") { return PageURL(withoutFragment + reference) }
        if reference.hasPrefix("?") { return PageURL(origin + path + reference) }
        if reference.hasPrefix("/") { return PageURL(origin + reference) }
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
        return PageURL(origin + directory + reference)
    }

    /// The first value of query parameter `key`, decoded (`+` is a space); nil when absent.
    func queryValue(_ key: String) -> String? {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard PageURL.decode(String(parts[0])) == key else { continue }
            return parts.count > 1 ? PageURL.decode(String(parts[1])) : ""
        }
        return nil
    }

    /// `decodeURIComponent` with `+` as a space; malformed escapes are kept as written.
    static func decode(_ text: String, plusAsSpace: Bool = true) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            if byte == 0x25, i + 2 < utf8.count, let high = hex(utf8[i + 1]), let low = hex(utf8[i + 2]) {
                bytes.append(high << 4 | low)
                i += 3
                continue
            }
            bytes.append(plusAsSpace && byte == 0x2B ? 0x20 : byte)
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
