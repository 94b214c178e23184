import Cron
import Foundation
import Testing

@Suite("Next and previous fire times (UTC)")
struct CronExpressionSearchTests {
    /// (expression, start, next fire times after start, fire times at or before start, latest first)
    @Test(arguments: [
        // Month ends: the 31st skips months without one.
        ("0 0 31 * *", "2025-01-31T00:00:00Z", ["2025-03-31T00:00:00Z", "2025-05-31T00:00:00Z"], ["2025-01-31T00:00:00Z", "2024-12-31T00:00:00Z"]),
        ("59 23 30 * *", "2025-02-15T00:00:00Z", ["2025-03-30T23:59:00Z", "2025-04-30T23:59:00Z"], ["2025-01-30T23:59:00Z", "2024-12-30T23:59:00Z"]),
        ("30 23 31 12 *", "2025-12-31T23:30:00Z", ["2026-12-31T23:30:00Z"], ["2025-12-31T23:30:00Z", "2024-12-31T23:30:00Z"]),
        ("@monthly", "2025-12-31T23:59:59Z", ["2026-01-01T00:00:00Z"], ["2025-12-01T00:00:00Z"]),
        // Leap years: 2100 is not one, so the leap day after 2096 is in 2104.
        ("0 0 29 2 *", "2025-01-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"], ["2024-02-29T00:00:00Z", "2020-02-29T00:00:00Z"]),
        ("0 0 29 2 *", "2097-01-01T00:00:00Z", ["2104-02-29T00:00:00Z"], ["2096-02-29T00:00:00Z"]),
        ("0 0 28-29 2 *", "2100-02-27T00:00:00Z", ["2100-02-28T00:00:00Z", "2101-02-28T00:00:00Z"], ["2099-02-28T00:00:00Z"]),
        // Both day fields restricted: either matches (the 13th, or any Friday).
        ("0 12 13 * FRI", "2025-06-01T00:00:00Z", ["2025-06-06T12:00:00Z", "2025-06-13T12:00:00Z", "2025-06-20T12:00:00Z"], ["2025-05-30T12:00:00Z", "2025-05-23T12:00:00Z"]),
        ("0 0 1 * MON", "2025-01-28T00:00:00Z", ["2025-02-01T00:00:00Z", "2025-02-03T00:00:00Z"], ["2025-01-27T00:00:00Z", "2025-01-20T00:00:00Z"]),
        // A day field starting with * counts as unrestricted: both must match.
        ("0 0 */1 * MON", "2025-01-28T00:00:00Z", ["2025-02-03T00:00:00Z"], ["2025-01-27T00:00:00Z"]),
        // (*/5 over 0–7 is Sunday and Friday: the 13th falling on either.)
        ("0 0 13 * */5", "2025-01-01T00:00:00Z", ["2025-04-13T00:00:00Z", "2025-06-13T00:00:00Z"], ["2024-12-13T00:00:00Z", "2024-10-13T00:00:00Z"]),
        // Weekday 7 is Sunday, alone and in ranges.
        ("0 8 * * 7", "2025-01-01T00:00:00Z", ["2025-01-05T08:00:00Z"], ["2024-12-29T08:00:00Z"]),
        ("0 8 * * 6-7", "2025-01-01T00:00:00Z", ["2025-01-04T08:00:00Z", "2025-01-05T08:00:00Z", "2025-01-11T08:00:00Z"], ["2024-12-29T08:00:00Z", "2024-12-28T08:00:00Z"]),
        // Steps.
        ("0 */6 * * *", "2025-01-01T05:59:59Z", ["2025-01-01T06:00:00Z", "2025-01-01T12:00:00Z"], ["2025-01-01T00:00:00Z", "2024-12-31T18:00:00Z"]),
        ("5-59/20 * * * *", "2025-01-01T00:45:00Z", ["2025-01-01T01:05:00Z"], ["2025-01-01T00:45:00Z", "2025-01-01T00:25:00Z"]),
        // Macros.
        ("@yearly", "2025-06-01T00:00:00Z", ["2026-01-01T00:00:00Z"], ["2025-01-01T00:00:00Z"]),
        ("@weekly", "2025-01-01T00:00:00Z", ["2025-01-05T00:00:00Z"], ["2024-12-29T00:00:00Z"]),
        ("@hourly", "2025-01-01T00:00:00Z", ["2025-01-01T01:00:00Z"], ["2025-01-01T00:00:00Z", "2024-12-31T23:00:00Z"]),
    ])
    func table(expression: String, start: String, next: [String], previous: [String]) {
        #expect(Support.fires(expression, after: start, count: next.count) == next)
        #expect(Support.firesBackward(expression, atOrBefore: start, count: previous.count) == previous)
    }

    @Test func previousIncludesTheDateAndNextExcludesIt() throws {
        let expression = try CronExpression(parsing: "*/5 * * * *")
        let fire = Support.date("2025-01-01T10:05:00Z")
        #expect(expression.previous(atOrBefore: fire, in: Support.utc) == fire)
        #expect(expression.next(after: fire, in: Support.utc) == Support.date("2025-01-01T10:10:00Z"))
        // Fractions of a second either side.
        #expect(expression.previous(atOrBefore: fire.addingTimeInterval(0.5), in: Support.utc) == fire)
        #expect(expression.previous(atOrBefore: fire.addingTimeInterval(-0.5), in: Support.utc) == Support.date("2025-01-01T10:00:00Z"))
        #expect(expression.next(after: fire.addingTimeInterval(-0.5), in: Support.utc) == fire)
    }

    /// Never-matching expressions give nil, after a bounded search rather than a minute-by-minute one.
    @Test(arguments: ["0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 2 */1"])
    func impossibleExpressionsGiveNil(expression: String) throws {
        let parsed = try CronExpression(parsing: expression)
        let start = ContinuousClock.now
        #expect(parsed.next(after: Support.date("2025-01-01T00:00:00Z"), in: Support.berlin) == nil)
        #expect(parsed.previous(atOrBefore: Support.date("2025-01-01T00:00:00Z"), in: Support.berlin) == nil)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func datesOutsideTheCalendarGiveNil() throws {
        let expression = try CronExpression(parsing: "* * * * *")
        #expect(expression.next(after: Date(timeIntervalSince1970: .infinity), in: Support.utc) == nil)
        #expect(expression.previous(atOrBefore: Date(timeIntervalSince1970: -1e20), in: Support.utc) == nil)
        #expect(expression.next(after: .distantFuture, in: Support.utc) != nil)
    }
}
