/// Text made safe for HTML element content.
enum HTMLText {
    /// Escapes `& < >`; C0 control characters other than tab, newline and carriage return (which
    /// HTML does not allow) become U+FFFD. Names, rationales and diffs come from arbitrary
    /// containers and model output, so everything user-derived goes through here.
    ///
    /// - Important: For element content only. Quotes stay as they are (diffs of JSON are full of
    ///   them, and `&quot;` would grow the report by a third), so user text must never be put in
    ///   an attribute value; the report's attributes hold only its own class names and numbers.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
