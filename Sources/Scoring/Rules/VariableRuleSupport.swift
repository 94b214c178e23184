import Foundation
import GTMModel
import LosslessJSON

// Helpers of the variables rules (and of the trigger duplicate rule, which compares conditions
// with the same normalised parameter comparison).

extension VariableRules {
    /// Parameter structures compared as normalised settings, whatever the order GTM (or a hand
    /// edit) wrote them in: the order of parameters, of map members and of list items (unless the
    /// list's order matters) is ignored; type names, keys and values must be equal.
    ///
    /// Settings are bucketed by a ``Digest`` first (equal settings always have equal digests) and
    /// compared exactly only within a bucket, so finding copies among thousands of variables
    /// costs one pass over their parameters. The walks take a parameter array and an index and read
    /// fields in place: passing each `Parameter` by value would copy (retain and release) all of its
    /// strings and arrays, which costs more than the comparison itself.
    enum Canonical {
        /// A variable's type, parameters and format options (not its name, id, folder or notes),
        /// as a dictionary key: equal when the settings are the same.
        struct VariableSettings: Hashable {
            let type: String
            let parameters: [Parameter]
            /// A RegEx Table returns the first matching row: its row order is part of its meaning.
            let listOrderMatters: Bool
            /// The format-value options; nil when there are none (absent, null or `{}`).
            let format: JSONValue?
            private let digest: UInt64

            init(type: String, parameters: [Parameter], raw: JSONObject) {
                self.type = type
                self.parameters = parameters
                listOrderMatters = type == "remm"
                format = Canonical.formatValue(raw)
                digest = Digest.combine(Canonical.digest(parameters, listOrderMatters: listOrderMatters), format.map(Digest.json) ?? 0)
            }

            func hash(into hasher: inout Hasher) { hasher.combine(digest) }

            static func == (a: VariableSettings, b: VariableSettings) -> Bool {
                a.digest == b.digest && a.type == b.type
                    && Canonical.sameParameters(a.parameters, b.parameters, listOrderMatters: a.listOrderMatters)
                    // Formats are rare: their text is written only to compare two otherwise equal variables.
                    && a.format.map(Canonical.json) == b.format.map(Canonical.json)
            }
        }

        /// The format-value options of a variable's JSON, nil when absent, null or empty.
        static func formatValue(_ raw: JSONObject) -> JSONValue? {
            switch raw["formatValue"] {
            case nil, .null?: return nil
            case .object(let object)? where object.members.isEmpty: return nil
            case let value?: return value
            }
        }

        /// Text that marks an unfilled value in a shared container template.
        static let placeholderMarkers = ["VALUE_HERE", "_HERE", "YOUR_", "YOUR ", "XXXX", "PLACEHOLDER", "CHANGE_ME", "CHANGEME", "TODO"]
        private static let lowercasePlaceholderMarkers = placeholderMarkers.map { $0.lowercased() }

        /// A Constant (`type` "c") whose value is still a template placeholder.
        static func isPlaceholderConstant(type: String, parameters: [Parameter]) -> Bool {
            guard type == "c" else { return false }
            let value = VariableRules.value("value", in: parameters) ?? ""
            guard value.utf8.allSatisfy({ $0 < 0x80 }) else {
                let uppercased = value.uppercased()
                return placeholderMarkers.contains { uppercased.contains($0) }
            }
            // ASCII (the usual value): a case-insensitive byte search finds what uppercasing would.
            let text = SearchableText(value)
            return lowercasePlaceholderMarkers.contains { text.contains($0) }
        }

        /// Whether two parameter lists hold the same settings in any order.
        static func sameParameters(_ a: [Parameter], _ b: [Parameter], listOrderMatters: Bool = false) -> Bool {
            Digest.sameInAnyOrder(a.count, b.count,
                                  same: { same(a, $0, b, $1, listOrderMatters: listOrderMatters) },
                                  digests: { digest(a, $0, listOrderMatters: listOrderMatters) },
                                  { digest(b, $0, listOrderMatters: listOrderMatters) })
        }

        /// Whether parameters `a[i]` and `b[j]` have the same type name, key, value, list items and
        /// map members.
        static func same(_ a: [Parameter], _ i: Int, _ b: [Parameter], _ j: Int, listOrderMatters: Bool) -> Bool {
            guard a[i].type == b[j].type || typeName(a[i].type) == typeName(b[j].type),
                  sameText(a[i].key, b[j].key), sameText(a[i].value, b[j].value),
                  sameParameters(a[i].map, b[j].map, listOrderMatters: listOrderMatters)
            else { return false }
            guard listOrderMatters else { return sameParameters(a[i].list, b[j].list) }
            let (x, y) = (a[i].list, b[j].list)
            return x.count == y.count && x.indices.allSatisfy { same(x, $0, y, $0, listOrderMatters: true) }
        }

        /// Keys and values compare as text of the same UTF-8 length.
        private static func sameText(_ a: String?, _ b: String?) -> Bool {
            a?.utf8.count == b?.utf8.count && a == b
        }

        /// The order-independent digest of a parameter list.
        static func digest(_ items: [Parameter], listOrderMatters: Bool = false) -> UInt64 {
            Digest.unordered(items.count) { digest(items, $0, listOrderMatters: listOrderMatters) }
        }

        /// The digest of parameter `items[i]`. Its type is left out: different types can write the
        /// same name (`.other("Template")` and `.template`), and ``same(_:_:_:_:listOrderMatters:)``
        /// compares them.
        static func digest(_ items: [Parameter], _ i: Int, listOrderMatters: Bool) -> UInt64 {
            var digest = Digest.combine(Digest.text(items[i].key), Digest.text(items[i].value))
            let list = items[i].list, map = items[i].map
            if !list.isEmpty {
                let listDigest = listOrderMatters ? Digest.ordered(list.count) { self.digest(list, $0, listOrderMatters: true) }
                    : Canonical.digest(list)
                digest = Digest.combine(digest, listDigest)
            }
            if !map.isEmpty { digest = Digest.combine(digest, Canonical.digest(map, listOrderMatters: listOrderMatters)) }
            return digest
        }

        static func typeName(_ type: ParameterType) -> String {
            switch type {
            case .template: "TEMPLATE"
            case .boolean: "BOOLEAN"
            case .integer: "INTEGER"
            case .list: "LIST"
            case .map: "MAP"
            case .tagReference: "TAG_REFERENCE"
            case .triggerReference: "TRIGGER_REFERENCE"
            case .other(let name): name.uppercased()
            }
        }

        /// Length-prefixed, so no value can imitate the separators.
        static func quoted(_ s: String?) -> String {
            guard let s else { return "-" }
            return "\(s.utf8.count):\(s)"
        }

        /// JSON with object members sorted by key.
        static func json(_ value: JSONValue) -> String {
            switch value {
            case .null: return "null"
            case .bool(let b): return b ? "true" : "false"
            case .number(let n): return n.literal
            case .string(let s): return "\"" + quoted(s) + "\""
            case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
            case .object(let object):
                let members = object.members.map { quoted($0.key) + ":" + json($0.value) }.sorted()
                return "{" + members.joined(separator: ",") + "}"
            }
        }
    }

    /// 64-bit digests that bucket settings before an exact comparison: equal settings always get
    /// equal digests, different settings almost never do. Lists are given by their count and a
    /// digest per index.
    enum Digest {
        /// Mixes `value` into `digest` (order matters).
        static func combine(_ digest: UInt64, _ value: UInt64) -> UInt64 {
            var h = (digest ^ (value &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            return h
        }

        /// The digest of a text (or its absence), for texts that are equal when they have the same
        /// UTF-8 length and compare equal. ASCII text is then equal byte for byte and is digested by
        /// its bytes; other text can be equal in different normalisations and is digested by
        /// `hashValue`.
        static func text(_ text: String?) -> UInt64 {
            guard var text else { return 0x6A09_E667_F3BC_C908 }
            let bytes: UInt64? = text.withUTF8 { utf8 in
                let raw = UnsafeRawBufferPointer(utf8)
                var digest = UInt64(raw.count), seen: UInt64 = 0, i = 0
                while i + 8 <= raw.count {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    seen |= word
                    digest = combine(digest, word)
                    i += 8
                }
                var tail: UInt64 = 0
                while i < raw.count {
                    tail = tail << 8 | UInt64(raw[i])
                    i += 1
                }
                seen |= tail
                return seen & 0x8080_8080_8080_8080 == 0 ? combine(digest, tail) : nil
            }
            return bytes ?? combine(UInt64(text.utf8.count), UInt64(truncatingIfNeeded: text.hashValue))
        }

        /// The digest of a JSON value, consistent with ``Canonical/json(_:)``: object members in any order.
        static func json(_ value: JSONValue) -> UInt64 {
            switch value {
            case .null: 1
            case .bool(let b): b ? 2 : 3
            case .number(let n): combine(4, text(n.literal))
            case .string(let s): combine(5, text(s))
            case .array(let items): combine(6, ordered(items.count) { json(items[$0]) })
            case .object(let object):
                combine(7, unordered(object.members.count) { combine(text(object.members[$0].key), json(object.members[$0].value)) })
            }
        }

        /// The digest of `count` items in order.
        static func ordered(_ count: Int, _ digest: (Int) -> UInt64) -> UInt64 {
            (0..<count).reduce(UInt64(count)) { combine($0, digest($1)) }
        }

        /// The digest of `count` items in any order.
        static func unordered(_ count: Int, _ digest: (Int) -> UInt64) -> UInt64 {
            combine(UInt64(count), (0..<count).reduce(0) { $0 &+ digest($1) })
        }

        /// Whether two lists hold equal items in any order: `same(i, j)` compares item `i` of the
        /// first with item `j` of the second, and the digests give equal items equal values.
        static func sameInAnyOrder(_ count: Int, _ otherCount: Int, same: (Int, Int) -> Bool,
                                   digests digest: (Int) -> UInt64, _ otherDigest: (Int) -> UInt64) -> Bool
        {
            guard count == otherCount else { return false }
            // Copies usually list their items in the same order.
            if (0..<count).allSatisfy({ same($0, $0) }) { return true }
            // Otherwise pair each item with an unpaired equal item of the other list, found by digest.
            var unpaired: [UInt64: [Int]] = [:]
            for j in 0..<otherCount { unpaired[otherDigest(j), default: []].append(j) }
            for i in 0..<count {
                let key = digest(i)
                guard let k = unpaired[key]?.firstIndex(where: { same(i, $0) }) else { return false }
                unpaired[key]?.remove(at: k)
            }
            return true
        }
    }

    /// Whether `text` contains `{{`, as `text.contains("{{")`; ASCII text is searched byte by byte.
    static func containsReference(_ text: String) -> Bool {
        var text = text
        let ascii: Bool? = text.withUTF8 { bytes in
            var found = false, previous: UInt8 = 0
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                if byte == UInt8(ascii: "{") && previous == byte { found = true }
                previous = byte
            }
            return found
        }
        return ascii ?? text.contains("{{")
    }

    /// `text` without whitespace characters, as `text.filter { !$0.isWhitespace }`; the usual
    /// value, ASCII without whitespace, is returned as it is.
    static func withoutWhitespace(_ text: String) -> String {
        let isPlain = text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x20 && !(0x09...0x0D).contains($0) }
        return isPlain ? text : text.filter { !$0.isWhitespace }
    }

    /// Display names of GTM's built-in variables (web and server): a missing reference to one of
    /// these is a built-in that is not enabled, not a typo.
    enum BuiltInNames {
        static let all: Set<String> = [
            // Pages and utilities
            "Page URL", "Page Hostname", "Page Path", "Referrer", "Event", "Environment Name", "Container ID",
            "Container Version", "Debug Mode", "Random Number", "HTML ID",
            // Clicks and forms
            "Click Element", "Click Classes", "Click ID", "Click Target", "Click URL", "Click Text",
            "Form Element", "Form Classes", "Form ID", "Form Target", "Form URL", "Form Text",
            // Errors and history
            "Error Message", "Error URL", "Error Line", "New History URL", "Old History URL",
            "New History Fragment", "Old History Fragment", "New History State", "Old History State", "History Source",
            // Videos, scrolling, visibility
            "Video Provider", "Video Status", "Video URL", "Video Title", "Video Duration", "Video Percent",
            "Video Visible", "Video Current Time", "Scroll Depth Threshold", "Scroll Depth Units", "Scroll Direction",
            "Percent Visible", "On-Screen Duration",
            // Server containers
            "Client Name", "Event Name", "Request Path", "Request Method", "Query String", "Visitor Region",
            "Request Host", "Request Port", "Client ID", "IP Address", "User Agent",
            // AMP
            "Browser Language", "Page Client ID", "Document Referrer",
        ]
    }

    /// Measurement ids pasted into tags as literals.
    enum MeasurementIDs {
        /// Tag types whose `conversionId` is a bare Google Ads account number.
        static let adsTypes: Set<String> = ["awct", "sp", "awud", "awcc", "sgtmadsct", "sgtmadsremarket"]
        /// Parameter keys that hold a destination id; a `{{reference}}` there is the good practice.
        static let idKeys: Set<String> = ["tagId", "measurementId", "measurementIdOverride", "conversionId", "advertiserId",
                                          "pixelId", "pixelIds"]

        /// The literal ids in a tag's parameters, normalised (`AW-123`, `DC-456`, `G-ABC`, Meta
        /// pixel digits) and mapped to a description for messages.
        static func literals(type: String, parameters: [Parameter]) -> [String: String] {
            let isAds = adsTypes.contains(type), isFloodlight = type == "flc" || type == "fls", isHTML = type == "html"
            var found: [String: String] = [:]
            // By array and index, reading fields in place (see ``Canonical``).
            func visit(_ items: [Parameter]) {
                for i in items.indices {
                    switch items[i].type {
                    case .tagReference, .triggerReference: continue
                    default: break
                    }
                    if let value = items[i].value {
                        let key = items[i].key
                        if isAds, key == "conversionId" {
                            let trimmed = VariableRules.withoutWhitespace(value)
                            if isDigits(trimmed, 6...12) { found["AW-" + trimmed] = "Google Ads conversion id \(trimmed) (AW-\(trimmed))" }
                        } else if isFloodlight, key == "advertiserId" {
                            let trimmed = VariableRules.withoutWhitespace(value)
                            if isDigits(trimmed, 4...12) { found["DC-" + trimmed] = "Floodlight advertiser id \(trimmed) (DC-\(trimmed))" }
                        } else if key == "pixelId" || key == "pixelIds" {
                            for id in pixelIDs(in: value) { found[id] = "Meta pixel id \(id)" }
                        }
                        for id in prefixedIDs(in: value) where found[id] == nil { found[id] = "measurement id \(id)" }
                        if isHTML, key == "html" {
                            for id in metaPixelInits(in: value) where found[id] == nil { found[id] = "Meta pixel id \(id)" }
                        }
                    }
                    if !items[i].list.isEmpty { visit(items[i].list) }
                    if !items[i].map.isEmpty { visit(items[i].map) }
                }
            }
            visit(parameters)
            return found
        }

        /// The Meta pixel ids (10–20 digits) in a comma- or whitespace-separated list.
        static func pixelIDs(in value: String) -> [String] {
            var value = value
            // ASCII (the usual value): the same split on bytes (a "\r\n" separates one more, empty,
            // item, which is not an id either way).
            let ascii: [String]? = value.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
                var ids: [String] = [], start = 0
                for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: ",") || bytes[end] == 0x20 || (0x09...0x0D).contains(bytes[end]) {
                    let part = bytes[start..<end]
                    if (10...20).contains(part.count), part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { ids.append(String(decoding: part, as: UTF8.self)) }
                    start = end + 1
                }
                return ids
            }
            return ascii ?? value.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init).filter { isDigits($0, 10...20) }
        }

        /// Whether the tag takes a destination id from a variable (it is then judged, and passes).
        static func referencesIDVariable(_ parameters: [Parameter]) -> Bool {
            parameters.indices.contains { i in
                guard let value = parameters[i].value, VariableRules.containsReference(value), let key = parameters[i].key else { return false }
                return idKeys.contains(key)
            }
        }

        static func isDigits(_ s: some StringProtocol, _ length: ClosedRange<Int>) -> Bool {
            length.contains(s.utf8.count) && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }

        /// `G-XXXXXXXX`, `AW-123456789`, `DC-1234567` tokens (uppercase, not inside a longer word).
        static func prefixedIDs(in text: String) -> [String] {
            // The shortest id, `G-` and six characters or `AW-`/`DC-` and five digits, has eight bytes.
            guard text.utf8.count >= 8 else { return [] }
            var text = text
            return text.withUTF8 { bytes in
                func isWord(_ b: UInt8) -> Bool {
                    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
                }
                func isDigitOrUppercase(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) }
                var result: [String] = []
                // Every id has a `-` right after its prefix: look only around the dashes.
                var dash = 0
                while let d = offset(of: 0x2D, in: bytes, from: dash) {
                    dash = d + 1
                    let start: Int
                    if d >= 1, bytes[d - 1] == UInt8(ascii: "G") {
                        start = d - 1
                    } else if d >= 2, (bytes[d - 2], bytes[d - 1]) == (UInt8(ascii: "A"), UInt8(ascii: "W"))
                        || (bytes[d - 2], bytes[d - 1]) == (UInt8(ascii: "D"), UInt8(ascii: "C"))
                    {
                        start = d - 2
                    } else {
                        continue
                    }
                    guard start == 0 || !isWord(bytes[start - 1]) else { continue }
                    var end = d + 1
                    while end < bytes.count, isDigitOrUppercase(bytes[end]) { end += 1 }
                    let body = bytes[(d + 1)..<end]
                    let endsWord = end == bytes.count || !(isWord(bytes[end]) && bytes[end] != 0x2D)
                    let valid = start == d - 1
                        ? body.count >= 6 && body.count <= 12 // G-
                        : body.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && body.count >= 5 && body.count <= 12 // AW-, DC-
                    if valid && endsWord { result.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
                }
                return result
            }
        }

        /// The offset of the first `byte` at or after `start`.
        private static func offset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
            guard start < bytes.count, let base = bytes.baseAddress,
                  let hit = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }

        /// Pixel ids in `fbq('init', '1234567890')` calls.
        static func metaPixelInits(in code: String) -> [String] {
            // Only code that calls `fbq(` can match: most Custom HTML never reaches the regex.
            guard SearchableText(code).contains("fbq("),
                  let regex = try? NSRegularExpression(pattern: #"fbq\(\s*['"]init['"]\s*,\s*['"]([0-9]{10,20})['"]"#)
            else { return [] }
            let ns = code as NSString
            return regex.matches(in: code, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
        }
    }

    /// Just enough JavaScript lexing to see a Custom JavaScript variable's shape: strings,
    /// comments and regex literals are skipped, braces are tracked per function.
    enum JavaScript {
        struct Shape: Equatable {
            /// The code is a `function (…) { … }` (or arrow function) expression.
            var isFunction: Bool
            /// The outermost function has a `return` of its own (an arrow with an expression body
            /// returns it).
            var returns: Bool
        }

        /// What the shape checks see of a token.
        enum Token: Equatable, Sendable {
            case function, `return`
            /// A keyword after which a `/` starts a regex literal: `typeof`, `case`, `new`, ….
            case operatorKeyword
            /// Any other identifier; a `{{Variable}}` is one too (GTM substitutes one value for it).
            case identifier
            /// A number, or another word that does not start like an identifier.
            case number
            /// A string, template or regex literal.
            case literal
            case arrow
            /// Any other single character.
            case punctuation(Unicode.Scalar)

            var isIdentifier: Bool {
                switch self {
                case .function, .return, .operatorKeyword, .identifier: true
                default: false
                }
            }
        }

        /// Lines of the code, leading and trailing blank lines not counted.
        static func lineCount(_ code: String) -> Int {
            var code = code
            // ASCII code (the usual) is counted byte by byte: `\n`, `\v`, `\f`, `\r` and `\r\n` end
            // a line, and a line of tabs and spaces is blank.
            let ascii: Int? = code.withUTF8 { bytes in
                var line = 0, first: Int?, last = 0, i = 0
                while i < bytes.count {
                    switch bytes[i] {
                    case 0x80...: return nil
                    case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                        line += 1
                        i += 1
                    case 0x0A...0x0D: line += 1
                    case 0x09, 0x20: break
                    default:
                        if first == nil { first = line }
                        last = line
                    }
                    i += 1
                }
                return first.map { last - $0 + 1 } ?? 0
            }
            if let ascii { return ascii }
            let lines = code.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            guard let first = lines.firstIndex(where: { $0.contains { !$0.isWhitespace } }),
                  let last = lines.lastIndex(where: { $0.contains { !$0.isWhitespace } }) else { return 0 }
            return last - first + 1
        }

        static func shape(of code: String) -> Shape {
            let tokens = tokenize(code)
            guard !tokens.isEmpty else { return Shape(isFunction: false, returns: false) }
            var start = 0
            // `(function () { … })` is accepted as well.
            while start < tokens.count, tokens[start] == .punctuation("(") { start += 1 }
            guard start < tokens.count else { return Shape(isFunction: false, returns: false) }
            if tokens[start] == .function {
                return Shape(isFunction: true, returns: hasOwnReturn(tokens, from: start))
            }
            // Arrow functions: `() => …`, `x => …`, `(a, b) => …`.
            if let arrow = tokens.firstIndex(of: .arrow) {
                let head = tokens[start..<arrow]
                let isParameterList = head.allSatisfy {
                    $0 == .punctuation("(") || $0 == .punctuation(")") || $0 == .punctuation(",") || $0.isIdentifier
                }
                guard isParameterList, !head.contains(.function) else { return Shape(isFunction: false, returns: false) }
                if arrow + 1 < tokens.count, tokens[arrow + 1] == .punctuation("{") {
                    return Shape(isFunction: true, returns: hasOwnReturn(tokens, from: arrow))
                }
                return Shape(isFunction: true, returns: arrow + 1 < tokens.count)
            }
            return Shape(isFunction: false, returns: false)
        }

        /// Whether the function starting at `start` has a `return` outside nested functions.
        private static func hasOwnReturn(_ tokens: [Token], from start: Int) -> Bool {
            var stack: [Bool] = [] // true: the brace opens a function body
            var openFunctions = 0 // the `true`s on the stack
            var pendingFunction = false
            for k in start..<tokens.count {
                switch tokens[k] {
                case .function: pendingFunction = true
                case .arrow:
                    // Only a braced arrow body is a function body; `x => x + 1` has none.
                    if k + 1 < tokens.count, tokens[k + 1] == .punctuation("{") { pendingFunction = true }
                case .punctuation("{"):
                    stack.append(pendingFunction)
                    if pendingFunction { openFunctions += 1 }
                    pendingFunction = false
                case .punctuation("}"):
                    if stack.popLast() == true { openFunctions -= 1 }
                    if openFunctions == 0 { return false } // the outer function ended
                case .return:
                    if openFunctions == 1 { return true }
                default:
                    break
                }
            }
            return false
        }

        /// The keyword token for the word `chars[start..<end]`, nil for other words.
        private static func keyword(_ chars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Token? {
            func isWord(_ keyword: StaticString) -> Bool {
                keyword.withUTF8Buffer { ascii in ascii.indices.allSatisfy { chars[start + $0].value == UInt32(ascii[$0]) } }
            }
            // Most words are no keyword: length and first letter rule them out before any comparison.
            switch (end - start, chars[start]) {
            case (2, "i"): return isWord("in") ? .operatorKeyword : nil
            case (2, "o"): return isWord("of") ? .operatorKeyword : nil
            case (2, "d"): return isWord("do") ? .operatorKeyword : nil
            case (3, "n"): return isWord("new") ? .operatorKeyword : nil
            case (4, "c"): return isWord("case") ? .operatorKeyword : nil
            case (4, "v"): return isWord("void") ? .operatorKeyword : nil
            case (4, "e"): return isWord("else") ? .operatorKeyword : nil
            case (5, "t"): return isWord("throw") ? .operatorKeyword : nil
            case (6, "r"): return isWord("return") ? .return : nil
            case (6, "t"): return isWord("typeof") ? .operatorKeyword : nil
            case (6, "d"): return isWord("delete") ? .operatorKeyword : nil
            case (8, "f"): return isWord("function") ? .function : nil
            default: return nil
            }
        }

        /// Whether a `/` after this token starts a regex literal (rather than dividing).
        private static func regexAllowed(after token: Token?) -> Bool {
            switch token {
            case nil, .return?, .operatorKeyword?, .arrow?: true
            case .punctuation(let c)?: c != ")" && c != "]" && c != "}"
            default: false
            }
        }

        /// Identifiers, `=>`, and single punctuation characters; strings, template literals and
        /// regex literals become one `.literal` each, comments are dropped.
        static func tokenize(_ code: String) -> [Token] {
            var code = code
            // ASCII code (the usual) is widened byte by byte, without decoding UTF-8.
            let ascii: [Unicode.Scalar]? = code.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
                return Array(unsafeUninitializedCapacity: bytes.count) { scalars, count in
                    for i in bytes.indices { scalars[i] = Unicode.Scalar(bytes[i]) }
                    count = bytes.count
                }
            }
            return tokenize(ascii ?? Array(code.unicodeScalars))
        }

        private static let alphanumerics = CharacterSet.alphanumerics
        private static let letters = CharacterSet.letters

        private static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? c == " " || (0x09...0x0D).contains(c.value) : c.properties.isWhitespace
        }

        private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
            guard c.isASCII else { return alphanumerics.contains(c) }
            return c == "_" || c == "$" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        }

        private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
            guard c.isASCII else { return letters.contains(c) }
            return c == "_" || c == "$" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
        }

        /// The lexer proper, on the code's scalars.
        private static func tokenize(_ chars: [Unicode.Scalar]) -> [Token] {
            var tokens: [Token] = []
            tokens.reserveCapacity(chars.count / 4)
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if isWhitespace(c) { i += 1; continue }
                let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
                // GTM substitutes `{{Variable}}` before the code runs: it is one value.
                if c == "{" && next == "{" {
                    var j = i + 2
                    while j + 1 < chars.count, chars[j] != "}", chars[j] != "{", chars[j] != "\n" { j += 1 }
                    if j + 1 < chars.count, chars[j] == "}", chars[j + 1] == "}", j > i + 2 {
                        tokens.append(.identifier)
                        i = j + 2
                        continue
                    }
                }
                if c == "/" && next == "/" {
                    while i < chars.count, chars[i] != "\n", chars[i] != "\r" { i += 1 }
                    continue
                }
                if c == "/" && next == "*" {
                    i += 2
                    while i + 1 < chars.count, !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                    i += 2
                    continue
                }
                if c == "'" || c == "\"" || c == "`" {
                    i += 1
                    while i < chars.count, chars[i] != c {
                        if chars[i] == "\\" { i += 1 }
                        i += 1
                    }
                    i += 1
                    tokens.append(.literal)
                    continue
                }
                if c == "/" && regexAllowed(after: tokens.last) {
                    i += 1
                    var inClass = false
                    while i < chars.count, chars[i] != "\n" {
                        let r = chars[i]
                        if r == "\\" { i += 2; continue }
                        if r == "[" { inClass = true } else if r == "]" { inClass = false } else if r == "/" && !inClass { break }
                        i += 1
                    }
                    i += 1
                    while i < chars.count, isIdentifierPart(chars[i]) { i += 1 } // flags
                    tokens.append(.literal)
                    continue
                }
                if isIdentifierPart(c) {
                    let start = i
                    while i < chars.count, isIdentifierPart(chars[i]) { i += 1 }
                    tokens.append(keyword(chars, start, i) ?? (isIdentifierStart(c) ? .identifier : .number))
                    continue
                }
                if c == "=" && next == ">" {
                    tokens.append(.arrow)
                    i += 2
                    continue
                }
                tokens.append(.punctuation(c))
                i += 1
            }
            return tokens
        }
    }
}
