import GTMModel

/// Evaluates trigger conditions with GTM's operators.
///
/// Both operands are resolved, then compared as JavaScript strings (the numeric operators as
/// JavaScript numbers: `Number(x)`, NaN never compares). `negate` inverts the result. A
/// condition whose operand cannot be evaluated (a Custom JavaScript variable) does not hold, and
/// the reason is kept so a report can say why a trigger did not fire.
struct ConditionEvaluator {
    let variables: VariableEvaluator

    /// The outcome of one condition.
    enum Outcome: Equatable {
        case holds
        case fails
        /// An operand could not be evaluated: treated as failing.
        case notEvaluable(String)

        var isTrue: Bool { self == .holds }
    }

    /// Whether every condition holds (an empty list holds). Stops at the first that does not.
    func all(_ conditions: [Condition]) -> Outcome {
        for condition in conditions {
            let outcome = evaluate(condition)
            if outcome != .holds { return outcome }
        }
        return .holds
    }

    func evaluate(_ condition: Condition) -> Outcome {
        let left = variables.resolve(condition.left ?? "")
        let right = variables.resolve(condition.right ?? "")
        if case .notEvaluable(let why) = left { return .notEvaluable(why) }
        if case .notEvaluable(let why) = right { return .notEvaluable(why) }
        let result = ConditionEvaluator.compare(condition.type, left, right, ignoreCase: condition.ignoresCase, regexes: variables.regexes)
        return result != condition.isNegated ? .holds : .fails
    }

    /// One operator over two resolved operands, before negation.
    static func compare(_ type: String, _ left: PreviewValue, _ right: PreviewValue, ignoreCase: Bool, regexes: RegexCache) -> Bool {
        let rightText = right.javaScriptString ?? ""
        switch type {
        case "CSS_SELECTOR", "cssSelector":
            guard case .element(let element) = left, let selector = CSSSelector(rightText) else { return false }
            return selector.matches(element)
        case "LESS", "less": return left.javaScriptNumber < right.javaScriptNumber
        case "LESS_OR_EQUALS", "lessOrEquals": return left.javaScriptNumber <= right.javaScriptNumber
        case "GREATER", "greater": return left.javaScriptNumber > right.javaScriptNumber
        case "GREATER_OR_EQUALS", "greaterOrEquals": return left.javaScriptNumber >= right.javaScriptNumber
        default: break
        }
        var leftText = left.javaScriptString ?? ""
        var text = rightText
        switch type {
        case "MATCH_REGEX", "matchRegex": return regexes.test(rightText, on: leftText, ignoreCase: ignoreCase)
        case "URL_MATCHES", "urlMatches": return regexes.test(rightText, on: leftText, ignoreCase: true)
        default: break
        }
        if ignoreCase {
            leftText = leftText.lowercased()
            text = text.lowercased()
        }
        switch type {
        case "EQUALS", "equals": return leftText == text
        case "CONTAINS", "contains": return leftText.contains(text) || text.isEmpty
        case "STARTS_WITH", "startsWith": return leftText.hasPrefix(text)
        case "ENDS_WITH", "endsWith": return leftText.hasSuffix(text)
        default: return false
        }
    }
}
