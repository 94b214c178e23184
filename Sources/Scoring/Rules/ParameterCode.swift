import GTMModel

/// A small reader for the vendor calls in Custom HTML: `fbq('track', 'Purchase', {value: …}, {eventID: …})`,
/// `gtag('event', 'purchase', {…})`, `ttq.track('CompletePayment', {…})`. It splits a call's
/// arguments (strings, object literals, anything else) and an object literal's top-level fields,
/// enough for the parameter, dedup and alignment rules; it is not a JavaScript parser.
enum ParameterCode {
    /// One argument of a call, as written.
    enum Argument: Equatable {
        /// A quoted string literal, without its quotes.
        case string(String)
        /// An object literal's text, braces included.
        case object(String)
        /// Any other expression (a variable, a `{{GTM variable}}`, a function call), trimmed.
        case other(String)

        var stringValue: String? {
            if case .string(let s) = self { return s }
            return nil
        }
    }

    /// One call found in code.
    struct Call: Equatable {
        /// The callee as matched, e.g. `fbq` or `ttq.track`.
        var callee: String
        var arguments: [Argument]
    }

    /// An event-sending call: which event, and the objects that go with it.
    struct EventCall: Equatable {
        var destination: Destination
        /// The event name as written (`Purchase`).
        var name: String
        /// The event's data argument, if any (`{value: 10, currency: 'EUR'}`).
        var data: Argument?
        /// The options argument, if any (Meta's `{eventID: …}`).
        var options: Argument?
    }

    /// Vendor calls that send events: callee, verbs (first string argument) and the index of the
    /// event name; the data object follows the name, the options object follows the data.
    private static let eventCallees: [(callee: String, destination: Destination, verbs: Set<String>, nameIndex: Int)] = [
        ("fbq", .meta, ["track", "trackcustom"], 1),
        ("fbq", .meta, ["tracksingle", "tracksinglecustom"], 2),
        ("gtag", .ga4, ["event"], 1),
        ("ttq.track", .tiktok, [], 0),
        ("snaptr", .snapchat, ["track"], 1),
        ("pintrk", .pinterest, ["track"], 1),
        ("rdt", .reddit, ["track"], 1),
    ]

    /// Calls that name the account (pixel) they send to: callee, verb, index of the id.
    private static let accountCallees: [(callee: String, verbs: Set<String>, index: Int)] = [
        ("fbq", ["init"], 1), ("fbq", ["tracksingle", "tracksinglecustom"], 1),
        ("ttq.load", [], 0), ("snaptr", ["init"], 1), ("pintrk", ["load"], 1), ("twq", ["config", "init"], 1),
        ("gtag", ["config"], 1),
    ]

    /// Every callee `eventCalls` and `accountIds` read, so that one scan of the code serves both.
    static let htmlCallees = Set(eventCallees.map(\.callee)).union(accountCallees.map(\.callee))

    /// The event-sending calls in `code`, in order.
    static func eventCalls(in code: String) -> [EventCall] {
        eventCalls(among: calls(in: code, callees: Set(eventCallees.map(\.callee))))
    }

    /// The event-sending calls among `calls` (found by ``calls(in:callees:)``), in order.
    static func eventCalls(among calls: [Call]) -> [EventCall] {
        var result: [EventCall] = []
        for call in calls {
            for entry in eventCallees where entry.callee == call.callee {
                let verbOK = entry.verbs.isEmpty || (call.arguments.first?.stringValue.map { entry.verbs.contains($0.lowercased()) } ?? false)
                guard verbOK, call.arguments.count > entry.nameIndex, let name = call.arguments[entry.nameIndex].stringValue, !name.isEmpty else { continue }
                let rest = call.arguments.dropFirst(entry.nameIndex + 1)
                var destination = entry.destination
                // gtag('event', 'conversion', {send_to: 'AW-…'}) is a Google Ads conversion.
                if entry.callee == "gtag", case .object(let text)? = rest.first,
                   let sendTo = objectFields(text).first(where: { $0.key == "send_to" })?.value, sendTo.uppercased().contains("AW-")
                {
                    destination = .googleAds
                }
                result.append(EventCall(destination: destination, name: name, data: rest.first, options: rest.dropFirst().first))
                break
            }
        }
        return result
    }

    /// Account ids named in code (`fbq('init', '123')`, `ttq.load('ABC')`), literal ids only.
    static func accountIds(in code: String) -> [String] {
        accountIds(among: calls(in: code, callees: Set(accountCallees.map(\.callee))))
    }

    /// Account ids named by `calls` (found by ``calls(in:callees:)``).
    static func accountIds(among calls: [Call]) -> [String] {
        var ids: [String] = []
        for call in calls {
            for entry in accountCallees where entry.callee == call.callee {
                let verbOK = entry.verbs.isEmpty || (call.arguments.first?.stringValue.map { entry.verbs.contains($0.lowercased()) } ?? false)
                guard verbOK, call.arguments.count > entry.index else { continue }
                let id: String
                switch call.arguments[entry.index] {
                case .string(let s): id = s
                case .other(let s): id = s
                case .object: continue
                }
                if !id.isEmpty, !ids.contains(id) { ids.append(id) }
                break
            }
        }
        return ids
    }

    /// Every call to one of `callees` (matched case-insensitively, not as part of a longer name).
    static func calls(in code: String, callees: Set<String>) -> [Call] {
        let bytes = Array(code.utf8)
        // `lowercased()` leaves no upper-case ASCII, so `SearchableText` keeps its bytes as they are.
        let lower = SearchableText(code.lowercased())
        var result: [(position: Int, call: Call)] = []
        for callee in callees {
            let needle = callee.lowercased() + "("
            var i = 0
            while let start = lower.firstOffset(of: needle, from: i) {
                i = start + needle.utf8.count
                if start > 0, isIdentifierByte(lower.bytes[start - 1]) { continue }
                result.append((start, Call(callee: callee, arguments: arguments(bytes, from: i))))
            }
        }
        return result.sorted { $0.position < $1.position }.map(\.call)
    }

    /// The top-level `key: value` fields of an object literal's text, values trimmed as written.
    static func objectFields(_ text: String) -> [(key: String, value: String)] {
        var body = Substring(trim(text))
        guard body.hasPrefix("{"), body.hasSuffix("}") else { return [] }
        body = body.dropFirst().dropLast()
        var fields: [(key: String, value: String)] = []
        for part in splitTopLevel(Array(body.utf8), separator: 0x2C) {
            let bytes = Array(part.utf8)
            guard let colon = firstTopLevel(bytes, 0x3A) else {
                // Shorthand `{value}` names a JavaScript variable of the same name.
                let key = trim(part)
                if !key.isEmpty, key.utf8.allSatisfy(isIdentifierByte) { fields.append((key, key)) }
                continue
            }
            var key = trim(String(decoding: bytes[..<colon], as: UTF8.self))
            if key.count >= 2, let q = key.first, q == "'" || q == "\"", key.last == q { key = String(key.dropFirst().dropLast()) }
            let value = trim(String(decoding: bytes[(colon + 1)...], as: UTF8.self))
            fields.append((key, value))
        }
        return fields
    }

    // MARK: - Scanning

    /// `text` without leading and trailing whitespace.
    static func trim(_ text: String) -> String {
        // Whitespace is mostly ASCII between ASCII neighbours: then each byte is a character of
        // its own and can be dropped without asking Unicode. (A character that ends in a visible
        // ASCII byte is not whitespace.) Anything else is left to `Character.isWhitespace`.
        let utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start != end, isASCIIWhitespace(utf8[start]) {
            let next = utf8.index(after: start)
            guard next == end || utf8[next] < 0x80 else { break }
            start = next
        }
        while start != end {
            let last = utf8.index(before: end)
            guard isASCIIWhitespace(utf8[last]), last == start || utf8[utf8.index(before: last)] < 0x80 else { break }
            end = last
        }
        if start == end { return "" }
        if isVisibleASCII(utf8[start]), isVisibleASCII(utf8[utf8.index(before: end)]) {
            return start == utf8.startIndex && end == utf8.endIndex ? text : String(text[start..<end])
        }
        return trim(text[start..<end])
    }

    /// `text` without leading and trailing whitespace.
    static func trim(_ text: Substring) -> String {
        var s = text
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// Space, tab, line feed, vertical tab, form feed or carriage return.
    private static func isASCIIWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || (0x09...0x0D).contains(b)
    }

    /// An ASCII byte that is not whitespace.
    private static func isVisibleASCII(_ b: UInt8) -> Bool {
        b < 0x80 && !isASCIIWhitespace(b)
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x24
    }

    /// The end (exclusive) of the string literal starting at `start` (a quote byte).
    private static func stringEnd(_ bytes: [UInt8], _ start: Int) -> Int {
        let quote = bytes[start]
        var j = start + 1
        while j < bytes.count {
            if bytes[j] == 0x5C { j += 2; continue }
            if bytes[j] == quote { return j + 1 }
            j += 1
        }
        return bytes.count
    }

    private static func isQuote(_ b: UInt8) -> Bool { b == 0x27 || b == 0x22 || b == 0x60 }

    /// The arguments of a call whose `(` ends just before `start`, up to the matching `)`.
    private static func arguments(_ bytes: [UInt8], from start: Int) -> [Argument] {
        // Find the matching close parenthesis, then split at top-level commas.
        var depth = 0, i = start, end = bytes.count
        while i < bytes.count {
            let b = bytes[i]
            if isQuote(b) { i = stringEnd(bytes, i); continue }
            if b == 0x28 || b == 0x7B || b == 0x5B { depth += 1 } else if b == 0x29 || b == 0x7D || b == 0x5D {
                if depth == 0 { end = i; break }
                depth -= 1
            }
            i += 1
        }
        let inner = Array(bytes[start..<end])
        if trim(String(decoding: inner, as: UTF8.self)).isEmpty { return [] }
        return splitTopLevel(inner, separator: 0x2C).map { raw in
            let text = trim(raw)
            let utf8 = Array(text.utf8)
            if let first = utf8.first, isQuote(first), stringEnd(utf8, 0) == utf8.count, utf8.count >= 2 {
                return .string(String(decoding: utf8[1..<(utf8.count - 1)], as: UTF8.self))
            }
            if text.hasPrefix("{"), text.hasSuffix("}"), !text.hasPrefix("{{") || !isSingleGTMReference(text) {
                return .object(text)
            }
            return .other(text)
        }
    }

    /// Whether `text` contains `{{`, which opens a GTM variable reference.
    static func containsReference(_ text: String) -> Bool {
        // In ASCII text every byte is a character, so the bytes can be searched; beyond ASCII a
        // brace may carry a combining mark, so compare characters.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.contains("{{") }
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x7B, previous == 0x7B { return true }
            previous = byte
        }
        return false
    }

    /// `{{Name}}` and nothing else.
    static func isSingleGTMReference(_ text: String) -> Bool {
        text.hasPrefix("{{") && text.hasSuffix("}}") && !text.dropFirst(2).dropLast(2).contains("}")
    }

    /// Splits at `separator` bytes outside strings and brackets.
    private static func splitTopLevel(_ bytes: [UInt8], separator: UInt8) -> [String] {
        var parts: [String] = []
        var depth = 0, i = 0, partStart = 0
        while i < bytes.count {
            let b = bytes[i]
            if isQuote(b) { i = stringEnd(bytes, i); continue }
            if b == 0x28 || b == 0x7B || b == 0x5B { depth += 1 } else if b == 0x29 || b == 0x7D || b == 0x5D { depth = max(0, depth - 1) } else if b == separator, depth == 0 {
                parts.append(String(decoding: bytes[partStart..<i], as: UTF8.self))
                partStart = i + 1
            }
            i += 1
        }
        let last = String(decoding: bytes[partStart..<min(i, bytes.count)], as: UTF8.self)
        if !trim(last).isEmpty { parts.append(last) }
        return parts
    }

    private static func firstTopLevel(_ bytes: [UInt8], _ target: UInt8) -> Int? {
        var depth = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if isQuote(b) { i = stringEnd(bytes, i); continue }
            if b == 0x28 || b == 0x7B || b == 0x5B { depth += 1 } else if b == 0x29 || b == 0x7D || b == 0x5D { depth = max(0, depth - 1) } else if b == target, depth == 0 { return i }
            i += 1
        }
        return nil
    }
}
