/// A standard five-field cron expression (minute hour day-of-month month day-of-week), read with
/// Vixie cron (cronie) rules, that finds its fire times in a time zone.
///
/// Syntax: `*`, values, lists `1,2`, ranges `1-5`, steps `*/15` and `10-50/10`, month names
/// `JAN`–`DEC` and weekday names `SUN`–`SAT` (any case), day-of-week 0–7 with 0 and 7 both
/// Sunday, and the macros `@yearly` `@annually` `@monthly` `@weekly` `@daily` `@midnight`
/// `@hourly`. When both day fields are restricted (neither starts with `*`), a day matches if
/// *either* matches: `0 0 1 * MON` fires on the 1st and on every Monday.
///
/// ## Daylight saving time
/// The expression matches wall-clock minutes in the time zone; fire times are real instants.
/// As in cronie, a job is *fixed-time* when neither its minute nor its hour field starts with
/// `*` (`30 2 * * *`, `@daily`), and *wildcard* otherwise (`*/15 * * * *`, `@hourly`).
/// - A wall-clock time skipped when clocks go forward (02:30 on the last Sunday of March in
///   Europe/Berlin) fires a fixed-time job once, at the first instant after the gap (03:00
///   local), as cronie runs the fixed-time jobs it skipped. Wildcard jobs do not fire for
///   minutes that never appear on the clock.
/// - A wall-clock time that occurs twice when clocks go back fires a fixed-time job once, at
///   its first occurrence. Wildcard jobs follow the real clock and fire at both occurrences, so
///   `*/15 * * * *` keeps firing every 15 minutes of real time.
///
/// ``next(after:in:)`` and ``previous(atOrBefore:in:)`` search the same set of instants, so
/// `previous(atOrBefore: next(after: d)) == next(after: d)`. They jump over months, days and
/// hours that cannot match and give up after 400 years, one full cycle of the Gregorian
/// calendar: `nil` means the expression never fires (`0 0 30 2 *`).
///
/// Two expressions are equal when their normalised text (``description``) is: `@daily` and
/// `0 0 * * *` fire alike but are not equal.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The normalised text: fields separated by single spaces, names upper-case
    /// (`0 9 * * MON-FRI`), or a macro in lower case (`@daily`). It parses back to an equal value.
    public let description: String

    let minutes: CronValueSet
    let hours: CronValueSet
    let daysOfMonth: CronValueSet
    let months: CronValueSet
    /// 0–6, Sunday first (7 is folded into 0).
    let daysOfWeek: CronValueSet
    /// Whether each day field is restricted, i.e. does not start with `*` (Vixie cron's rule:
    /// `*/2` counts as unrestricted). Only when both are does a day match on either.
    let restrictsDayOfMonth: Bool
    let restrictsDayOfWeek: Bool
    /// Neither minute nor hour starts with `*`: the job keeps cronie's fixed-time DST rules.
    let isFixedTime: Bool

    /// Parses a five-field expression or a macro. Fields are separated by any whitespace.
    /// - Throws: ``CronExpressionError`` naming the expression, the field and the problem;
    ///   six-field (seconds) forms and empty list elements are errors.
    public init(parsing text: String) throws {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = tokens.first else { throw CronExpressionError.empty(expression: text) }
        if tokens.count == 1, first.hasPrefix("@") {
            let macro = first.lowercased()
            guard let expansion = Self.expansion(ofMacro: macro) else {
                throw CronExpressionError.unknownMacro(expression: text, macro: first)
            }
            try self.init(fields: expansion.split(separator: " ").map(String.init), in: text, description: macro)
            return
        }
        guard tokens.count == 5 else { throw CronExpressionError.wrongFieldCount(expression: text, count: tokens.count) }
        try self.init(fields: tokens, in: text, description: tokens.map { $0.uppercased() }.joined(separator: " "))
    }

    private init(fields: [String], in expression: String, description: String) throws {
        self.description = description
        minutes = try CronField.minute.parse(fields[0], in: expression)
        hours = try CronField.hour.parse(fields[1], in: expression)
        daysOfMonth = try CronField.dayOfMonth.parse(fields[2], in: expression)
        months = try CronField.month.parse(fields[3], in: expression)
        daysOfWeek = try CronField.dayOfWeek.parse(fields[4], in: expression)
        restrictsDayOfMonth = !fields[2].hasPrefix("*")
        restrictsDayOfWeek = !fields[4].hasPrefix("*")
        isFixedTime = !fields[0].hasPrefix("*") && !fields[1].hasPrefix("*")
    }

    /// The five fields a macro stands for, as cronie expands them.
    private static func expansion(ofMacro macro: String) -> String? {
        switch macro {
        case "@yearly", "@annually": "0 0 1 1 *"
        case "@monthly": "0 0 1 * *"
        case "@weekly": "0 0 * * 0"
        case "@daily", "@midnight": "0 0 * * *"
        case "@hourly": "0 * * * *"
        default: nil
        }
    }
}
