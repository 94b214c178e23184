import Cron
import Foundation
import Testing

@Suite("Parsing cron expressions")
struct CronExpressionParsingTests {
    /// Each syntax, checked by the fire times it produces in UTC from Wednesday 2025-01-01 00:00.
    @Test(arguments: [
        ("* * * * *", ["2025-01-01T00:01:00Z", "2025-01-01T00:02:00Z"]),
        ("*/15 * * * *", ["2025-01-01T00:15:00Z", "2025-01-01T00:30:00Z", "2025-01-01T00:45:00Z", "2025-01-01T01:00:00Z"]),
        ("10-50/10 * * * *", ["2025-01-01T00:10:00Z", "2025-01-01T00:20:00Z", "2025-01-01T00:30:00Z", "2025-01-01T00:40:00Z", "2025-01-01T00:50:00Z", "2025-01-01T01:10:00Z"]),
        ("1,2 3 * * *", ["2025-01-01T03:01:00Z", "2025-01-01T03:02:00Z", "2025-01-02T03:01:00Z"]),
        ("0 9-11 * * *", ["2025-01-01T09:00:00Z", "2025-01-01T10:00:00Z", "2025-01-01T11:00:00Z", "2025-01-02T09:00:00Z"]),
        ("0 0 1-31/10 * *", ["2025-01-11T00:00:00Z", "2025-01-21T00:00:00Z", "2025-01-31T00:00:00Z", "2025-02-01T00:00:00Z"]),
        ("0 0 1 jan,Jul *", ["2025-07-01T00:00:00Z", "2026-01-01T00:00:00Z"]),
        ("0 0 1 MAR-may/2 *", ["2025-03-01T00:00:00Z", "2025-05-01T00:00:00Z", "2026-03-01T00:00:00Z"]),
        ("0 0 * * mon-FRI", ["2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z", "2025-01-06T00:00:00Z"]),
        ("0 0 * * 0", ["2025-01-05T00:00:00Z", "2025-01-12T00:00:00Z"]),
        ("0 0 * * 7", ["2025-01-05T00:00:00Z", "2025-01-12T00:00:00Z"]),
        ("0 0 * * sun", ["2025-01-05T00:00:00Z", "2025-01-12T00:00:00Z"]),
        ("0 0 * * 5-7", ["2025-01-03T00:00:00Z", "2025-01-04T00:00:00Z", "2025-01-05T00:00:00Z", "2025-01-10T00:00:00Z"]),
        ("0 0 * * */7", ["2025-01-05T00:00:00Z", "2025-01-12T00:00:00Z"]),
        ("0\t0  *   * *\n", ["2025-01-02T00:00:00Z"]),
        ("@yearly", ["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"]),
        ("@annually", ["2026-01-01T00:00:00Z"]),
        ("@monthly", ["2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z"]),
        ("@weekly", ["2025-01-05T00:00:00Z", "2025-01-12T00:00:00Z"]),
        ("@daily", ["2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z"]),
        ("@midnight", ["2025-01-02T00:00:00Z"]),
        ("@hourly", ["2025-01-01T01:00:00Z", "2025-01-01T02:00:00Z"]),
        ("@DAILY", ["2025-01-02T00:00:00Z"]),
    ])
    func syntax(expression: String, expected: [String]) {
        #expect(Support.fires(expression, after: "2025-01-01T00:00:00Z", count: expected.count) == expected)
    }

    @Test(arguments: [
        ("0 9 * * mon-fri", "0 9 * * MON-FRI"),
        ("  0\t0  1 jan *  ", "0 0 1 JAN *"),
        ("*/15 * * * *", "*/15 * * * *"),
        ("@Annually", "@annually"),
        ("@midnight", "@midnight"),
    ])
    func descriptionIsTheNormalisedText(expression: String, expected: String) throws {
        let parsed = try CronExpression(parsing: expression)
        #expect(parsed.description == expected)
        #expect(try CronExpression(parsing: parsed.description) == parsed)
    }

    @Test func equalityFollowsTheNormalisedText() throws {
        #expect(try CronExpression(parsing: "0  0 * * mon") == CronExpression(parsing: "0 0 * * MON"))
        #expect(try CronExpression(parsing: "@daily") != CronExpression(parsing: "0 0 * * *"))
    }

    /// Every error, with the one-line message for the ones an operator sees most.
    @Test(arguments: [
        ("", CronExpressionError.empty(expression: "")),
        ("  \t\n ", .empty(expression: "  \t\n ")),
        ("0 0 0 * * *", .wrongFieldCount(expression: "0 0 0 * * *", count: 6)),
        ("0 0 *", .wrongFieldCount(expression: "0 0 *", count: 3)),
        ("@daily 0", .wrongFieldCount(expression: "@daily 0", count: 2)),
        ("@reboot", .unknownMacro(expression: "@reboot", macro: "@reboot")),
        ("1,,2 * * * *", .emptyListItem(expression: "1,,2 * * * *", field: .minute, text: "1,,2")),
        ("0 5, * * *", .emptyListItem(expression: "0 5, * * *", field: .hour, text: "5,")),
        ("1-2-3 * * * *", .malformedItem(expression: "1-2-3 * * * *", field: .minute, item: "1-2-3")),
        ("-5 * * * *", .malformedItem(expression: "-5 * * * *", field: .minute, item: "-5")),
        ("0 0 1- * *", .malformedItem(expression: "0 0 1- * *", field: .dayOfMonth, item: "1-")),
        ("1/2/3 * * * *", .malformedItem(expression: "1/2/3 * * * *", field: .minute, item: "1/2/3")),
        ("x * * * *", .invalidValue(expression: "x * * * *", field: .minute, value: "x")),
        ("+5 * * * *", .invalidValue(expression: "+5 * * * *", field: .minute, value: "+5")),
        ("0 MON * * *", .invalidValue(expression: "0 MON * * *", field: .hour, value: "MON")),
        ("0 0 * foo *", .invalidValue(expression: "0 0 * foo *", field: .month, value: "foo")),
        ("0 0 * JAN-MON *", .invalidValue(expression: "0 0 * JAN-MON *", field: .month, value: "MON")),
        ("0 0 * * MONDAY", .invalidValue(expression: "0 0 * * MONDAY", field: .dayOfWeek, value: "MONDAY")),
        ("60 * * * *", .outOfRange(expression: "60 * * * *", field: .minute, value: "60")),
        ("0 25 * * *", .outOfRange(expression: "0 25 * * *", field: .hour, value: "25")),
        ("0 0 0 * *", .outOfRange(expression: "0 0 0 * *", field: .dayOfMonth, value: "0")),
        ("0 0 32 * *", .outOfRange(expression: "0 0 32 * *", field: .dayOfMonth, value: "32")),
        ("0 0 * 0 *", .outOfRange(expression: "0 0 * 0 *", field: .month, value: "0")),
        ("0 0 * 13 *", .outOfRange(expression: "0 0 * 13 *", field: .month, value: "13")),
        ("0 0 * * 8", .outOfRange(expression: "0 0 * * 8", field: .dayOfWeek, value: "8")),
        ("99999999999999999999 * * * *", .outOfRange(expression: "99999999999999999999 * * * *", field: .minute, value: "99999999999999999999")),
        ("0 5-1 * * *", .reversedRange(expression: "0 5-1 * * *", field: .hour, range: "5-1")),
        ("0 0 * * FRI-MON", .reversedRange(expression: "0 0 * * FRI-MON", field: .dayOfWeek, range: "FRI-MON")),
        ("5/15 * * * *", .stepWithoutRange(expression: "5/15 * * * *", field: .minute, item: "5/15")),
        ("*/0 * * * *", .invalidStep(expression: "*/0 * * * *", field: .minute, step: "0")),
        ("*/60 * * * *", .invalidStep(expression: "*/60 * * * *", field: .minute, step: "60")),
        ("0 */x * * *", .invalidStep(expression: "0 */x * * *", field: .hour, step: "x")),
        ("*/ * * * *", .invalidStep(expression: "*/ * * * *", field: .minute, step: "")),
    ])
    func rejects(expression: String, expected: CronExpressionError) {
        #expect(throws: expected) { try CronExpression(parsing: expression) }
        #expect(!expected.description.contains("\n"))
        #expect(expected.description.hasPrefix(String(reflecting: expression) + ": "))
    }

    @Test func errorMessagesNameTheExpressionTheFieldAndWhy() {
        let messages: [(CronExpressionError, String)] = [
            (.outOfRange(expression: "0 25 * * *", field: .hour, value: "25"), #""0 25 * * *": hour: 25 is out of range 0–23"#),
            (.wrongFieldCount(expression: "0 0 0 * * *", count: 6),
             #""0 0 0 * * *": expected 5 fields (minute hour day-of-month month day-of-week), found 6; seconds and year fields are not supported"#),
            (.emptyListItem(expression: "1,,2 * * * *", field: .minute, text: "1,,2"), #""1,,2 * * * *": minute: empty list element in "1,,2""#),
            (.invalidValue(expression: "0 0 * * MONDAY", field: .dayOfWeek, value: "MONDAY"),
             #""0 0 * * MONDAY": day-of-week: "MONDAY" is not a number or a weekday name (SUN–SAT)"#),
            (.reversedRange(expression: "0 5-1 * * *", field: .hour, range: "5-1"), #""0 5-1 * * *": hour: range 5-1 starts after it ends"#),
            (.invalidStep(expression: "*/0 * * * *", field: .minute, step: "0"), #""*/0 * * * *": minute: step "0" is not a whole number from 1 to 59"#),
            (.empty(expression: ""), #""": empty expression; expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily"#),
        ]
        for (error, message) in messages {
            #expect(error.description == message)
        }
    }
}
