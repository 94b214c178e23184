import Foundation

/// Compiled regular expressions for one simulation run, with the JavaScript behaviours GTM relies
/// on: `test` (an unanchored search) and `replace` (first match, `$1`/`$&`/`$$` in the output).
///
/// Patterns are compiled with ICU (`NSRegularExpression`), whose syntax covers what GTM regexes
/// use (classes, groups, alternation, anchors, quantifiers, `(?:…)`, lookahead). An invalid
/// pattern matches nothing.
///
/// - Important: Not thread-safe: each run owns its cache.
final class RegexCache {
    private var compiled: [String: NSRegularExpression?] = [:]
    /// `test` answers by pattern, flags and text: a large container repeats one condition on many
    /// triggers, and every event asks them all again.
    private var tested: [String: Bool] = [:]

    init() {}

    /// The compiled pattern, or nil when it is not a valid regex.
    func regex(_ pattern: String, ignoreCase: Bool, fullMatch: Bool = false) -> NSRegularExpression? {
        let source = fullMatch ? "^(?:" + pattern + ")$" : pattern
        let key = (ignoreCase ? "i:" : "c:") + source
        if let cached = compiled[key] { return cached }
        let regex = try? NSRegularExpression(pattern: source, options: ignoreCase ? [.caseInsensitive] : [])
        compiled[key] = regex
        return regex
    }

    /// `new RegExp(pattern, flags).test(text)`; false for an invalid pattern.
    func test(_ pattern: String, on text: String, ignoreCase: Bool, fullMatch: Bool = false) -> Bool {
        let key = (ignoreCase ? "i" : "c") + (fullMatch ? "f:" : "p:") + pattern + "\u{0}" + text
        if let answer = tested[key] { return answer }
        guard let regex = regex(pattern, ignoreCase: ignoreCase, fullMatch: fullMatch) else {
            tested[key] = false
            return false
        }
        let answer = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        tested[key] = answer
        return answer
    }

    /// `text.replace(regex, replacement)`: the first match replaced, the rest kept. Nil when the
    /// pattern is invalid or does not match.
    func replaceFirst(_ pattern: String, in text: String, with replacement: String, ignoreCase: Bool, fullMatch: Bool) -> String? {
        guard let regex = regex(pattern, ignoreCase: ignoreCase, fullMatch: fullMatch),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let whole = Range(match.range, in: text)
        else { return nil }
        func group(_ n: Int) -> String {
            guard n < match.numberOfRanges, let range = Range(match.range(at: n), in: text) else { return "" }
            return String(text[range])
        }
        var output = ""
        let chars = Array(replacement)
        var i = 0
        while i < chars.count {
            guard chars[i] == "$", i + 1 < chars.count else { output.append(chars[i]); i += 1; continue }
            let next = chars[i + 1]
            if next == "$" { output.append("$"); i += 2; continue }
            if next == "&" { output += group(0); i += 2; continue }
            if let d1 = next.wholeNumberValue {
                // Two digits when that group exists, as JavaScript does.
                if i + 2 < chars.count, let d2 = chars[i + 2].wholeNumberValue, d1 * 10 + d2 < match.numberOfRanges, d1 * 10 + d2 > 0 {
                    output += group(d1 * 10 + d2)
                    i += 3
                    continue
                }
                if d1 > 0, d1 < match.numberOfRanges {
                    output += group(d1)
                    i += 2
                    continue
                }
            }
            output.append("$")
            i += 1
        }
        return String(text[..<whole.lowerBound]) + output + String(text[whole.upperBound...])
    }
}
