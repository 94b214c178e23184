import Foundation
import GTMModel

// Helpers of the trigger rules: a canonical form of a trigger's conditions, and the regex checks.

extension TriggerRules {
    /// A trigger's settings compared as a normalised structure (see ``VariableRules/Canonical``):
    /// conditions are sets, `negate`/`ignore_case` false equals absent, types are normalised.
    enum Canonical {
        /// Settings that differ between otherwise identical triggers without changing when they fire.
        static let ignoredParameterKeys = ["uniqueTriggerId"]

        /// Type, conditions and settings of a trigger (not its name, id, folder or notes), as a
        /// dictionary key: equal when they are the same.
        struct TriggerSettings: Hashable {
            let type: String
            let filters: [Condition]
            let customEventFilters: [Condition]
            let autoEventFilters: [Condition]
            let parameters: [Parameter]
            private let digest: UInt64

            /// The settings of `triggers[index]`, whose normalised type is `type`.
            init(_ triggers: [Trigger], _ index: Int, type: String) {
                self.type = type
                filters = triggers[index].filters
                customEventFilters = triggers[index].customEventFilters
                autoEventFilters = triggers[index].autoEventFilters
                let all = triggers[index].parameters
                func isIgnored(_ p: Parameter) -> Bool { p.key.map(ignoredParameterKeys.contains) ?? false }
                parameters = all.contains(where: isIgnored) ? all.filter { !isIgnored($0) } : all

                func conditionsDigest(_ conditions: [Condition]) -> UInt64 {
                    VariableRules.Digest.unordered(conditions.count) { Canonical.digest(conditions, $0) }
                }
                var digest = VariableRules.Canonical.digest(parameters)
                digest = VariableRules.Digest.combine(digest, conditionsDigest(filters))
                digest = VariableRules.Digest.combine(digest, conditionsDigest(customEventFilters))
                digest = VariableRules.Digest.combine(digest, conditionsDigest(autoEventFilters))
                self.digest = digest
            }

            func hash(into hasher: inout Hasher) { hasher.combine(digest) }

            static func == (a: TriggerSettings, b: TriggerSettings) -> Bool {
                a.digest == b.digest && a.type == b.type
                    && sameConditions(a.filters, b.filters) && sameConditions(a.customEventFilters, b.customEventFilters)
                    && sameConditions(a.autoEventFilters, b.autoEventFilters)
                    && VariableRules.Canonical.sameParameters(a.parameters, b.parameters)
            }
        }

        /// The conditions as a set: all must hold, so their order does not matter.
        static func sameConditions(_ a: [Condition], _ b: [Condition]) -> Bool {
            VariableRules.Digest.sameInAnyOrder(a.count, b.count, same: { same(a, $0, b, $1) }, digests: { digest(a, $0) }, { digest(b, $0) })
        }

        /// Whether conditions `a[i]` and `b[j]` are the same (fields are read in place, see
        /// ``VariableRules/Canonical``).
        static func same(_ a: [Condition], _ i: Int, _ b: [Condition], _ j: Int) -> Bool {
            (a[i].type == b[j].type || normalized(a[i].type) == normalized(b[j].type))
                && VariableRules.Canonical.sameParameters(comparedParameters(a[i].parameters), comparedParameters(b[j].parameters))
        }

        /// The digest of condition `conditions[i]`; its type is left out (``same(_:_:_:_:)``
        /// compares it normalised).
        static func digest(_ conditions: [Condition], _ i: Int) -> UInt64 {
            VariableRules.Canonical.digest(comparedParameters(conditions[i].parameters))
        }

        /// A condition's parameters without `negate: false` and `ignore_case: false`, which mean
        /// the same as leaving them out.
        static func comparedParameters(_ parameters: [Parameter]) -> [Parameter] {
            func isDefault(_ i: Int) -> Bool {
                (parameters[i].key == "negate" || parameters[i].key == "ignore_case") && parameters[i].value != "true"
            }
            guard parameters.indices.contains(where: isDefault) else { return parameters }
            return parameters.indices.filter { !isDefault($0) }.map { parameters[$0] }
        }
    }

    /// Static checks of GTM "matches RegEx" patterns (RE2 syntax, compiled here with ICU).
    enum RegexCheck {
        /// Patterns that deliberately match everything.
        static let catchAll: Set<String> = [".*", ".+", "^.*$", "^.+$", "(.*)", "^(.*)$"]

        /// Whether the condition always holds (a `.*` regex, contains ""): such a filter narrows
        /// nothing.
        static func alwaysHolds(_ condition: Condition) -> Bool {
            guard !condition.isNegated else { return false }
            let right = condition.right ?? ""
            switch normalized(condition.type) {
            case "matchregex": return right.isEmpty || catchAll.contains(right)
            case "contains": return right.isEmpty
            default: return false
            }
        }

        /// Whether a regex on an event name matches whole names only: every top-level alternative
        /// is anchored with ^…$ (`^(a|b)$`, `^a$|^b$`), or it is a deliberate catch-all.
        static func isExactMatch(_ pattern: String) -> Bool {
            if catchAll.contains(pattern) { return true }
            var body = Substring(pattern)
            // Leading inline flags such as (?i).
            if body.hasPrefix("(?"), let close = body.firstIndex(of: ")"),
               body[body.index(body.startIndex, offsetBy: 2)..<close].allSatisfy({ $0.isLetter || $0 == "-" })
            {
                body = body[body.index(after: close)...]
            }
            let alternatives = topLevelAlternatives(Array(body))
            return alternatives.allSatisfy { alternative in
                guard alternative.first == "^", alternative.last == "$" else { return false }
                // The `$` must not be escaped: an even number of backslashes before it.
                var backslashes = 0
                var k = alternative.count - 2
                while k >= 0, alternative[k] == "\\" { backslashes += 1; k -= 1 }
                return backslashes % 2 == 0
            }
        }

        /// Splits a pattern at `|` outside groups and character classes.
        static func topLevelAlternatives(_ chars: [Character]) -> [[Character]] {
            var result: [[Character]] = [[]]
            var depth = 0, inClass = false, i = 0
            while i < chars.count {
                let c = chars[i]
                if c == "\\", i + 1 < chars.count {
                    result[result.count - 1] += [c, chars[i + 1]]
                    i += 2
                    continue
                }
                if inClass {
                    if c == "]" { inClass = false }
                } else if c == "[" {
                    inClass = true
                } else if c == "(" {
                    depth += 1
                } else if c == ")" {
                    depth -= 1
                } else if c == "|" && depth == 0 {
                    result.append([])
                    i += 1
                    continue
                }
                result[result.count - 1].append(c)
                i += 1
            }
            return result
        }

        /// Why a pattern does not compile, or nil when it does. RE2 spellings that ICU writes
        /// differently (`(?P<name>`, a `{` that starts no repetition) are translated first.
        static func compileError(_ pattern: String, ignoreCase: Bool) -> String? {
            let translated = icuPattern(pattern)
            do {
                _ = try NSRegularExpression(pattern: translated, options: ignoreCase ? [.caseInsensitive] : [])
                return nil
            } catch {
                return diagnose(pattern)
            }
        }

        /// A short reason for a pattern ICU rejected.
        static func diagnose(_ pattern: String) -> String {
            let chars = Array(pattern)
            var depth = 0, inClass = false, i = 0
            var previousIsAtom = false
            while i < chars.count {
                let c = chars[i]
                if c == "\\" {
                    if i + 1 >= chars.count { return "it ends with a lone backslash" }
                    i += 2
                    previousIsAtom = true
                    continue
                }
                if inClass {
                    if c == "]" { inClass = false; previousIsAtom = true }
                    i += 1
                    continue
                }
                switch c {
                case "[":
                    inClass = true
                    // `[]…]` and `[^]…]` start with a literal bracket.
                    if i + 1 < chars.count, chars[i + 1] == "]" { i += 1 }
                    else if i + 2 < chars.count, chars[i + 1] == "^", chars[i + 2] == "]" { i += 2 }
                case "(":
                    depth += 1
                    previousIsAtom = false
                    if i + 1 < chars.count, chars[i + 1] == "?" { i += 1 }
                    i += 1
                    continue
                case ")":
                    if depth == 0 { return "a ) closes no group" }
                    depth -= 1
                    previousIsAtom = true
                case "*", "+", "?":
                    if !previousIsAtom { return "the quantifier \(c) has nothing to repeat" }
                    previousIsAtom = c == "?" // `a+?` is a lazy quantifier
                case "|", "^":
                    previousIsAtom = false
                default:
                    previousIsAtom = true
                }
                i += 1
            }
            if inClass { return "a [ character class is never closed" }
            if depth > 0 { return "a ( group is never closed" }
            return "invalid syntax"
        }

        /// The pattern in ICU's spelling.
        static func icuPattern(_ pattern: String) -> String {
            let chars = Array(pattern)
            var out = ""
            var inClass = false, i = 0
            while i < chars.count {
                let c = chars[i]
                if c == "\\", i + 1 < chars.count {
                    // RE2's one-letter Unicode classes `\pL` are `\p{L}` in ICU.
                    if chars[i + 1] == "p" || chars[i + 1] == "P", i + 2 < chars.count, chars[i + 2].isLetter {
                        out += "\\\(chars[i + 1]){\(chars[i + 2])}"
                        i += 3
                        continue
                    }
                    out.append(c)
                    out.append(chars[i + 1])
                    i += 2
                    continue
                }
                if inClass {
                    if c == "]" { inClass = false }
                    out.append(c)
                    i += 1
                    continue
                }
                // RE2's ungreedy flag `U` has no ICU equivalent; it does not change validity.
                if c == "(", i + 1 < chars.count, chars[i + 1] == "?" {
                    var j = i + 2
                    while j < chars.count, chars[j].isLetter || chars[j] == "-" { j += 1 }
                    if j > i + 2, j < chars.count, chars[j] == ")" || chars[j] == ":" {
                        let flags = String(chars[(i + 2)..<j].filter { $0 != "U" })
                        if flags.isEmpty || flags == "-" {
                            if chars[j] == ")" { i = j + 1; continue }
                            out += "(?:"
                        } else {
                            out += "(?" + flags + String(chars[j])
                        }
                        i = j + 1
                        continue
                    }
                }
                if c == "[" {
                    inClass = true
                    out.append(c)
                    i += 1
                    // A leading `]` (or `^]`) is a literal member, not the end of the class.
                    if i < chars.count, chars[i] == "^" { out.append("^"); i += 1 }
                    if i < chars.count, chars[i] == "]" { out += "\\]"; i += 1 }
                    continue
                }
                if c == "(", chars[i...].starts(with: ["(", "?", "P", "<"]) {
                    out += "(?<"
                    i += 4
                    continue
                }
                if c == "{", repetitionLength(chars, at: i) == nil {
                    out += "\\{"
                    i += 1
                    continue
                }
                if c == "}" {
                    out += "\\}"
                    i += 1
                    continue
                }
                if c == "{", let length = repetitionLength(chars, at: i) {
                    out += String(chars[i..<(i + length)])
                    i += length
                    continue
                }
                out.append(c)
                i += 1
            }
            return out
        }

        /// The length of a `{n}`, `{n,}` or `{n,m}` repetition starting at `i`, nil if none.
        static func repetitionLength(_ chars: [Character], at i: Int) -> Int? {
            guard i < chars.count, chars[i] == "{" else { return nil }
            var j = i + 1
            let digitsStart = j
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            guard j > digitsStart, j < chars.count else { return nil }
            if chars[j] == "," {
                j += 1
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            }
            guard j < chars.count, chars[j] == "}" else { return nil }
            return j - i + 1
        }

        /// The first group that holds an unbounded quantifier and is itself repeated without bound
        /// (`(a+)+`, `(.*)*`, `(?:\w+\s?){2,}`), as written in the pattern; nil when there is none.
        static func nestedQuantifier(in pattern: String) -> String? {
            let chars = Array(pattern)
            struct Frame { var start: Int; var hasUnbounded: Bool }
            var stack = [Frame(start: -1, hasUnbounded: false)]
            var i = 0

            /// A quantifier at `j`: its length (with a lazy/possessive suffix) and whether it is unbounded.
            func quantifier(at j: Int) -> (length: Int, unbounded: Bool) {
                guard j < chars.count else { return (0, false) }
                var length = 0, unbounded = false
                switch chars[j] {
                case "*", "+": length = 1; unbounded = true
                case "?": length = 1
                case "{":
                    guard let n = repetitionLength(chars, at: j) else { return (0, false) }
                    length = n
                    unbounded = chars[j + n - 2] == ","
                default: return (0, false)
                }
                if j + length < chars.count, chars[j + length] == "?" || chars[j + length] == "+" { length += 1 }
                return (length, unbounded)
            }

            func atomEnds(at j: Int) {
                let q = quantifier(at: j)
                if q.unbounded { stack[stack.count - 1].hasUnbounded = true }
                i = j + q.length
            }

            while i < chars.count {
                let c = chars[i]
                switch c {
                case "\\":
                    atomEnds(at: min(i + 2, chars.count))
                case "[":
                    var j = i + 1
                    if j < chars.count, chars[j] == "^" { j += 1 }
                    if j < chars.count, chars[j] == "]" { j += 1 }
                    while j < chars.count, chars[j] != "]" {
                        if chars[j] == "\\" { j += 1 }
                        j += 1
                    }
                    atomEnds(at: min(j + 1, chars.count))
                case "(":
                    stack.append(Frame(start: i, hasUnbounded: false))
                    i += 1
                    if i < chars.count, chars[i] == "?" {
                        i += 1
                        if i < chars.count, chars[i] == "P" { i += 1 }
                        if i < chars.count, chars[i] == "<", i + 1 < chars.count, chars[i + 1] != "=", chars[i + 1] != "!" {
                            while i < chars.count, chars[i] != ">" { i += 1 }
                            i += 1
                        } else {
                            while i < chars.count, chars[i] == "<" || chars[i] == "=" || chars[i] == "!" || chars[i] == ":" { i += 1 }
                        }
                    }
                case ")":
                    guard stack.count > 1 else { i += 1; continue }
                    let frame = stack.removeLast()
                    let q = quantifier(at: i + 1)
                    if q.unbounded && frame.hasUnbounded {
                        return String(chars[frame.start..<(i + 1 + q.length)])
                    }
                    if frame.hasUnbounded || q.unbounded { stack[stack.count - 1].hasUnbounded = true }
                    i += 1 + q.length
                case "|", "^", "$":
                    i += 1
                default:
                    atomEnds(at: i + 1)
                }
            }
            return nil
        }
    }
}
