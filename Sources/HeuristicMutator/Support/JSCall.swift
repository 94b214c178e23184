/// The arguments of one JavaScript call in Custom HTML, found by bracket matching that skips
/// strings and comments: enough to add an argument to `fbq('track', …)`, not a parser.
struct JSCall {
    /// The top-level arguments, trimmed.
    let arguments: [String]
    /// The index of the closing parenthesis.
    let close: String.Index

    /// The call whose `(` is at `openParen`; nil when the parentheses do not balance.
    init?(_ code: String, openParen: String.Index) {
        var depth = 0
        var arguments: [String] = []
        var current = ""
        var i = code.index(after: openParen)
        var quote: Character?
        while i < code.endIndex {
            let c = code[i]
            if let q = quote {
                current.append(c)
                if c == "\\" {
                    i = code.index(after: i)
                    if i < code.endIndex { current.append(code[i]) }
                } else if c == q {
                    quote = nil
                }
            } else if c == "'" || c == "\"" || c == "`" {
                quote = c
                current.append(c)
            } else if c == "(" || c == "{" || c == "[" {
                depth += 1
                current.append(c)
            } else if c == ")" || c == "}" || c == "]" {
                if depth == 0 {
                    guard c == ")" else { return nil }
                    let last = current.trimmed
                    if !last.isEmpty || !arguments.isEmpty { arguments.append(last) }
                    self.arguments = arguments
                    close = i
                    return
                }
                depth -= 1
                current.append(c)
            } else if c == ",", depth == 0 {
                arguments.append(current.trimmed)
                current = ""
            } else {
                current.append(c)
            }
            i = code.index(after: i)
        }
        return nil
    }
}

extension String {
    /// The text inside matching quotes, or the text itself.
    var trimmingQuotes: String {
        let t = trimmed
        guard t.count >= 2, let first = t.first, first == "'" || first == "\"" || first == "`", t.last == first else { return t }
        return String(t.dropFirst().dropLast())
    }
}
