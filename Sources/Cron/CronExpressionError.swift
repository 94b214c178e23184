/// Why a cron expression was turned down. Each case names the expression as given and, where
/// it applies, the field; `description` is one line: `"0 25 * * *": hour: 25 is out of range 0–23`.
public enum CronExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing but whitespace.
    case empty(expression: String)
    /// Not five fields, e.g. a six-field form with seconds.
    case wrongFieldCount(expression: String, count: Int)
    /// An `@` word that is not one of the supported macros (`@reboot` is not a time schedule).
    case unknownMacro(expression: String, macro: String)
    /// A list with an empty element: `1,,2` or `5,`.
    case emptyListItem(expression: String, field: CronField, text: String)
    /// A list element that is not a value, range or step: `1-2-3`, `-5`, `1/2/3`.
    case malformedItem(expression: String, field: CronField, item: String)
    /// A value that is neither a number nor a name this field accepts.
    case invalidValue(expression: String, field: CronField, value: String)
    /// A number outside the field's range.
    case outOfRange(expression: String, field: CronField, value: String)
    /// A range whose start is after its end: `5-1`, `FRI-MON`.
    case reversedRange(expression: String, field: CronField, range: String)
    /// A step after a single value (`5/15`): cron steps need `*` or a range.
    case stepWithoutRange(expression: String, field: CronField, item: String)
    /// A step that is not a whole number from 1 to the field's largest value.
    case invalidStep(expression: String, field: CronField, step: String)

    public var description: String {
        switch self {
        case .empty(let expression):
            "\(Self.quoted(expression)): empty expression; expected \(Self.fieldList) or a macro such as @daily"
        case .wrongFieldCount(let expression, let count):
            "\(Self.quoted(expression)): expected \(Self.fieldList), found \(count)"
                + (count > 5 ? "; seconds and year fields are not supported" : "")
        case .unknownMacro(let expression, let macro):
            "\(Self.quoted(expression)): unknown macro \(macro); expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"
        case .emptyListItem(let expression, let field, let text):
            "\(Self.quoted(expression)): \(field): empty list element in \"\(text)\""
        case .malformedItem(let expression, let field, let item):
            "\(Self.quoted(expression)): \(field): \"\(item)\" is not a value, range or step (such as 5, 1-5, */15 or 10-50/10)"
        case .invalidValue(let expression, let field, let value):
            "\(Self.quoted(expression)): \(field): \"\(value)\" is not a number\(Self.namesHint(field))"
        case .outOfRange(let expression, let field, let value):
            "\(Self.quoted(expression)): \(field): \(value) is out of range \(field.validValues.lowerBound)–\(field.validValues.upperBound)"
        case .reversedRange(let expression, let field, let range):
            "\(Self.quoted(expression)): \(field): range \(range) starts after it ends"
        case .stepWithoutRange(let expression, let field, let item):
            "\(Self.quoted(expression)): \(field): step \"\(item)\" needs * or a range before the slash (such as */15 or 5-59/15)"
        case .invalidStep(let expression, let field, let step):
            "\(Self.quoted(expression)): \(field): step \"\(step)\" is not a whole number from 1 to \(field.validValues.upperBound)"
        }
    }

    /// In double quotes with tabs, newlines and quotes escaped, so the message stays on one line.
    private static func quoted(_ text: String) -> String {
        String(reflecting: text)
    }

    private static let fieldList = "5 fields (minute hour day-of-month month day-of-week)"

    private static func namesHint(_ field: CronField) -> String {
        switch field {
        case .month: " or a month name (JAN–DEC)"
        case .dayOfWeek: " or a weekday name (SUN–SAT)"
        case .minute, .hour, .dayOfMonth: ""
        }
    }
}
