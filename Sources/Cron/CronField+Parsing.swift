extension CronField {
    /// The values this field's text allows: a comma list of `*`, `n`, `a-b`, `*/s` or `a-b/s`,
    /// with names (case-insensitive) where the field has them. Day-of-week 7 is stored as 0.
    /// - Throws: ``CronExpressionError`` naming `expression`, this field and the problem.
    func parse(_ text: String, in expression: String) throws -> CronValueSet {
        var values = CronValueSet()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else {
                throw CronExpressionError.emptyListItem(expression: expression, field: self, text: text)
            }
            for value in try parseItem(String(item), in: expression) {
                values.insert(self == .dayOfWeek && value == 7 ? 0 : value)
            }
        }
        return values
    }

    private func parseItem(_ item: String, in expression: String) throws -> StrideThrough<Int> {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            throw CronExpressionError.malformedItem(expression: expression, field: self, item: item)
        }
        var step = 1
        if parts.count == 2 {
            guard let parsed = Self.number(parts[1]), (1...validValues.upperBound).contains(parsed) else {
                throw CronExpressionError.invalidStep(expression: expression, field: self, step: String(parts[1]))
            }
            step = parsed
        }
        let range: ClosedRange<Int>
        if parts[0] == "*" {
            range = validValues
        } else {
            let bounds = parts[0].split(separator: "-", omittingEmptySubsequences: false)
            switch bounds.count {
            case 1:
                // Vixie cron reads `5/15` as an error, not as `5-59/15`; say so rather than guess.
                guard parts.count == 1 else {
                    throw CronExpressionError.stepWithoutRange(expression: expression, field: self, item: item)
                }
                let value = try value(of: bounds[0], item: item, in: expression)
                range = value...value
            case 2:
                let low = try value(of: bounds[0], item: item, in: expression)
                let high = try value(of: bounds[1], item: item, in: expression)
                guard low <= high else {
                    throw CronExpressionError.reversedRange(expression: expression, field: self, range: String(parts[0]))
                }
                range = low...high
            default:
                throw CronExpressionError.malformedItem(expression: expression, field: self, item: item)
            }
        }
        return stride(from: range.lowerBound, through: range.upperBound, by: step)
    }

    private func value(of token: Substring, item: String, in expression: String) throws -> Int {
        guard !token.isEmpty else {
            throw CronExpressionError.malformedItem(expression: expression, field: self, item: item)
        }
        if token.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            guard let value = Self.number(token), validValues.contains(value) else {
                throw CronExpressionError.outOfRange(expression: expression, field: self, value: String(token))
            }
            return value
        }
        if let index = names.list.firstIndex(of: token.uppercased()) {
            return names.firstValue + index
        }
        throw CronExpressionError.invalidValue(expression: expression, field: self, value: String(token))
    }

    /// Plain decimal digits only: `Int("+5")` would accept a sign cron does not.
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int(text)
    }
}
