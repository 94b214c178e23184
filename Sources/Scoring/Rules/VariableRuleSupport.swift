import Foundation
import GTMModel
import LosslessJSON

// Helpers of the variables rules (and of the trigger duplicate rule, which compares conditions
// with the same canonical form).

extension VariableRules {
    /// A canonical text for parameter structures, so that equal settings compare equal whatever
    /// the order GTM (or a hand edit) wrote them in.
    enum Canonical {
        /// Type, parameters and format options of a variable (not its name, id, folder or notes).
        static func variable(_ variable: Variable) -> String {
            // A RegEx Table returns the first matching row: its row order is part of its meaning.
            let ordered = variable.type == "remm"
            var format = variable.raw["formatValue"].map(json) ?? "{}"
            if format == "null" { format = "{}" }
            return variable.type + "\u{1}" + parameters(variable.parameters, listOrderMatters: ordered) + "\u{1}" + format
        }

        /// Text that marks an unfilled value in a shared container template.
        static let placeholderMarkers = ["VALUE_HERE", "_HERE", "YOUR_", "YOUR ", "XXXX", "PLACEHOLDER", "CHANGE_ME", "CHANGEME", "TODO"]

        /// A Constant whose value is still a template placeholder.
        static func isPlaceholderConstant(_ variable: Variable) -> Bool {
            guard variable.type == "c" else { return false }
            let value = (variable.parameters.value("value") ?? "").uppercased()
            return placeholderMarkers.contains { value.contains($0) }
        }

        /// The parameters as an order-independent text (list items keep their order when asked).
        static func parameters(_ items: [Parameter], listOrderMatters: Bool = false) -> String {
            "[" + items.map { parameter($0, listOrderMatters: listOrderMatters) }.sorted().joined(separator: ",") + "]"
        }

        static func parameter(_ p: Parameter, listOrderMatters: Bool = false) -> String {
            var s = "(" + typeName(p.type) + "|" + quoted(p.key) + "|" + quoted(p.value)
            if !p.list.isEmpty {
                let items = p.list.map { parameter($0, listOrderMatters: listOrderMatters) }
                s += "|L[" + (listOrderMatters ? items : items.sorted()).joined(separator: ",") + "]"
            }
            if !p.map.isEmpty {
                s += "|M{" + p.map.map { parameter($0, listOrderMatters: listOrderMatters) }.sorted().joined(separator: ",") + "}"
            }
            return s + ")"
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
        static func literals(in tag: Tag) -> [String: String] {
            var found: [String: String] = [:]
            func visit(_ p: Parameter) {
                if p.type == .tagReference || p.type == .triggerReference { return }
                if let value = p.value {
                    let trimmed = value.filter { !$0.isWhitespace }
                    switch p.key {
                    case "conversionId"? where adsTypes.contains(tag.type) && isDigits(trimmed, 6...12):
                        found["AW-" + trimmed] = "Google Ads conversion id \(trimmed) (AW-\(trimmed))"
                    case "advertiserId"? where (tag.type == "flc" || tag.type == "fls") && isDigits(trimmed, 4...12):
                        found["DC-" + trimmed] = "Floodlight advertiser id \(trimmed) (DC-\(trimmed))"
                    case "pixelId"?, "pixelIds"?:
                        for part in value.split(whereSeparator: { $0 == "," || $0.isWhitespace }) where isDigits(String(part), 10...20) {
                            found[String(part)] = "Meta pixel id \(part)"
                        }
                    default: break
                    }
                    for id in prefixedIDs(in: value) where found[id] == nil { found[id] = "measurement id \(id)" }
                    if tag.type == "html", p.key == "html" {
                        for id in metaPixelInits(in: value) where found[id] == nil { found[id] = "Meta pixel id \(id)" }
                    }
                }
                for item in p.list { visit(item) }
                for item in p.map { visit(item) }
            }
            for p in tag.parameters { visit(p) }
            return found
        }

        /// Whether the tag takes a destination id from a variable (it is then judged, and passes).
        static func referencesIDVariable(_ tag: Tag) -> Bool {
            tag.parameters.contains { p in
                guard let key = p.key, idKeys.contains(key), let value = p.value else { return false }
                return value.contains("{{")
            }
        }

        static func isDigits(_ s: String, _ length: ClosedRange<Int>) -> Bool {
            length.contains(s.utf8.count) && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }

        /// `G-XXXXXXXX`, `AW-123456789`, `DC-1234567` tokens (uppercase, not inside a longer word).
        static func prefixedIDs(in text: String) -> [String] {
            let bytes = Array(text.utf8)
            guard bytes.count >= 5 else { return [] }
            func isWord(_ b: UInt8) -> Bool {
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
            }
            var result: [String] = []
            var i = 0
            while i < bytes.count {
                guard i == 0 || !isWord(bytes[i - 1]) else { i += 1; continue }
                let rest = bytes[i...]
                var prefix: [UInt8]?
                for candidate in [Array("G-".utf8), Array("AW-".utf8), Array("DC-".utf8)] where rest.starts(with: candidate) {
                    prefix = candidate
                }
                guard let prefix else { i += 1; continue }
                var j = i + prefix.count
                while j < bytes.count, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || (bytes[j] >= 0x41 && bytes[j] <= 0x5A) { j += 1 }
                let body = bytes[(i + prefix.count)..<j]
                let endsWord = j == bytes.count || !(isWord(bytes[j]) && bytes[j] != 0x2D)
                let digitsOnly = body.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                let valid: Bool
                switch prefix.count {
                case 2: valid = body.count >= 6 && body.count <= 12 // G-
                default: valid = digitsOnly && body.count >= 5 && body.count <= 12 // AW-, DC-
                }
                if valid && endsWord { result.append(String(decoding: bytes[i..<j], as: UTF8.self)) }
                i = j
            }
            return result
        }

        /// Pixel ids in `fbq('init', '1234567890')` calls.
        static func metaPixelInits(in code: String) -> [String] {
            guard code.contains("fbq"),
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

        /// Lines of the code, leading and trailing blank lines not counted.
        static func lineCount(_ code: String) -> Int {
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
            while start < tokens.count, tokens[start] == "(" { start += 1 }
            guard start < tokens.count else { return Shape(isFunction: false, returns: false) }
            if tokens[start] == "function" {
                return Shape(isFunction: true, returns: hasOwnReturn(tokens, from: start))
            }
            // Arrow functions: `() => …`, `x => …`, `(a, b) => …`.
            if let arrow = tokens.firstIndex(of: "=>") {
                let head = tokens[start..<arrow]
                let isParameterList = head.allSatisfy { $0 == "(" || $0 == ")" || $0 == "," || isIdentifier($0) }
                guard isParameterList, !head.contains("function") else { return Shape(isFunction: false, returns: false) }
                if arrow + 1 < tokens.count, tokens[arrow + 1] == "{" {
                    return Shape(isFunction: true, returns: hasOwnReturn(tokens, from: arrow))
                }
                return Shape(isFunction: true, returns: arrow + 1 < tokens.count)
            }
            return Shape(isFunction: false, returns: false)
        }

        /// Whether the function starting at `start` has a `return` outside nested functions.
        private static func hasOwnReturn(_ tokens: [String], from start: Int) -> Bool {
            var stack: [Bool] = [] // true: the brace opens a function body
            var pendingFunction = false
            for k in start..<tokens.count {
                switch tokens[k] {
                case "function": pendingFunction = true
                case "=>":
                    // Only a braced arrow body is a function body; `x => x + 1` has none.
                    if k + 1 < tokens.count, tokens[k + 1] == "{" { pendingFunction = true }
                case "{":
                    stack.append(pendingFunction)
                    pendingFunction = false
                case "}":
                    _ = stack.popLast()
                    if !stack.contains(true) { return false } // the outer function ended
                case "return":
                    if stack.count(where: { $0 }) == 1 { return true }
                default:
                    break
                }
            }
            return false
        }

        private static func isIdentifier(_ token: String) -> Bool {
            guard let first = token.unicodeScalars.first else { return false }
            return first == "_" || first == "$" || CharacterSet.letters.contains(first)
        }

        /// Identifiers, `=>`, and single punctuation characters; strings, template literals,
        /// comments and regex literals are dropped.
        static func tokenize(_ code: String) -> [String] {
            let chars = Array(code.unicodeScalars)
            var tokens: [String] = []
            var i = 0
            func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
                c == "_" || c == "$" || CharacterSet.alphanumerics.contains(c)
            }
            /// A `/` starts a regex literal after these (or at the start).
            func regexAllowed() -> Bool {
                guard let last = tokens.last else { return true }
                if ["return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "else", "do"].contains(last) { return true }
                if let c = last.unicodeScalars.first, last.unicodeScalars.count == 1, !isIdentifierPart(c) {
                    return c != ")" && c != "]" && c != "}"
                }
                return last == "=>"
            }
            while i < chars.count {
                let c = chars[i]
                if c.properties.isWhitespace { i += 1; continue }
                let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
                // GTM substitutes `{{Variable}}` before the code runs: it is one value.
                if c == "{" && next == "{" {
                    var j = i + 2
                    while j + 1 < chars.count, chars[j] != "}", chars[j] != "{", chars[j] != "\n" { j += 1 }
                    if j + 1 < chars.count, chars[j] == "}", chars[j + 1] == "}", j > i + 2 {
                        tokens.append("gtmVariable")
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
                    tokens.append("\"\"")
                    continue
                }
                if c == "/" && regexAllowed() {
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
                    tokens.append("/re/")
                    continue
                }
                if isIdentifierPart(c) {
                    var word = String.UnicodeScalarView()
                    while i < chars.count, isIdentifierPart(chars[i]) {
                        word.append(chars[i])
                        i += 1
                    }
                    tokens.append(String(word))
                    continue
                }
                if c == "=" && next == ">" {
                    tokens.append("=>")
                    i += 2
                    continue
                }
                tokens.append(String(c))
                i += 1
            }
            return tokens
        }
    }
}
