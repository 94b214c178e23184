import LosslessJSON

/// JavaScript's conversions, which GTM applies when it compares values and fills templates.
extension PreviewValue {
    /// `String(value)`: what a condition compares and a template splices in. Nil when the value
    /// cannot be evaluated.
    var javaScriptString: String? {
        switch self {
        case .undefined: "undefined"
        case .notEvaluable: nil
        case .element(let element): element.javaScriptString
        case .json(let value): PreviewValue.javaScriptString(value)
        }
    }

    static func javaScriptString(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): javaScriptNumberText(n.doubleValue)
        case .string(let s): s
        // Array.prototype.join: null and undefined items become empty strings.
        case .array(let items): items.map { $0.isNull ? "" : javaScriptString($0) }.joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// `Number(value)`: what the less/greater operators compare. NaN when not a number.
    var javaScriptNumber: Double {
        switch self {
        case .undefined, .notEvaluable, .element: .nan
        case .json(let value):
            switch value {
            case .null: 0
            case .bool(let b): b ? 1 : 0
            case .number(let n): n.doubleValue
            case .string(let s): PreviewValue.javaScriptNumber(parsing: s)
            case .array(let items):
                items.isEmpty ? 0 : items.count == 1 ? PreviewValue.json(items[0]).javaScriptNumber : .nan
            case .object: .nan
            }
        }
    }

    /// JavaScript truthiness (for format conversions of booleans).
    var boolValue: Bool? {
        if case .json(.bool(let b)) = self { return b }
        return nil
    }

    /// `Number("…")`: trimmed; empty is 0; hexadecimal and `Infinity` accepted; anything else NaN.
    static func javaScriptNumber(parsing text: String) -> Double {
        let trimmed = text.trimmingCharacters(in: " \t\n\r")
        if trimmed.isEmpty { return 0 }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("0x"), let n = Int(lower.dropFirst(2), radix: 16) { return Double(n) }
        switch trimmed {
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        // Swift accepts "nan", "inf" and hex floats, JavaScript does not.
        guard trimmed.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }), let value = Double(trimmed) else { return .nan }
        return value
    }

    /// A number as JavaScript prints it: integers without a fraction.
    static func javaScriptNumberText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value == value.rounded(), abs(value) < 1e21 {
            if abs(value) < 9e15 { return String(Int(value)) }
        }
        return "\(value)"
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let first = s.first, set.contains(first) { s.removeFirst() }
        while let last = s.last, set.contains(last) { s.removeLast() }
        return String(s)
    }
}
