import Cron
import Foundation
import Testing

/// 2025 transitions: Berlin goes forward on 30 March (02:00 CET → 03:00 CEST) and back on
/// 26 October (03:00 CEST → 02:00 CET); New York forward on 9 March (02:00 EST → 03:00 EDT)
/// and back on 2 November (02:00 EDT → 01:00 EST).
@Suite("Daylight saving time")
struct CronDaylightSavingTests {
    /// (expression, zone, start, fire times after start). Each list is also walked backward.
    @Test(arguments: [
        // Spring forward: a fixed time in the gap fires once, at 03:00 local.
        ("30 2 * * *", "Europe/Berlin", "2025-03-29T12:00:00+01:00", ["2025-03-30T03:00:00+02:00", "2025-03-31T02:30:00+02:00"]),
        ("0 2 * * *", "Europe/Berlin", "2025-03-29T12:00:00+01:00", ["2025-03-30T03:00:00+02:00", "2025-03-31T02:00:00+02:00"]),
        ("0 2,3 * * *", "Europe/Berlin", "2025-03-30T00:00:00+01:00", ["2025-03-30T03:00:00+02:00", "2025-03-31T02:00:00+02:00"]),
        ("15 1,2 * * *", "Europe/Berlin", "2025-03-30T00:00:00+01:00", ["2025-03-30T01:15:00+01:00", "2025-03-30T03:00:00+02:00", "2025-03-31T01:15:00+02:00"]),
        ("30 2 * * *", "America/New_York", "2025-03-08T12:00:00-05:00", ["2025-03-09T03:00:00-04:00", "2025-03-10T02:30:00-04:00"]),
        ("0 2 * * SUN", "America/New_York", "2025-03-08T12:00:00-05:00", ["2025-03-09T03:00:00-04:00", "2025-03-16T02:00:00-04:00"]),
        // Spring forward: wildcard jobs follow the clock, which never shows 02:xx.
        ("*/15 * * * *", "Europe/Berlin", "2025-03-30T01:30:00+01:00", ["2025-03-30T01:45:00+01:00", "2025-03-30T03:00:00+02:00", "2025-03-30T03:15:00+02:00"]),
        ("*/20 * * * *", "America/New_York", "2025-03-09T01:30:00-05:00", ["2025-03-09T01:40:00-05:00", "2025-03-09T03:00:00-04:00", "2025-03-09T03:20:00-04:00"]),
        ("*/15 2 * * *", "Europe/Berlin", "2025-03-30T00:00:00+01:00", ["2025-03-31T02:00:00+02:00"]),
        // Fall back: a fixed time in the repeated hour fires once, at its first occurrence.
        ("30 2 * * *", "Europe/Berlin", "2025-10-25T12:00:00+02:00", ["2025-10-26T02:30:00+02:00", "2025-10-27T02:30:00+01:00"]),
        ("30 1 * * *", "America/New_York", "2025-11-01T12:00:00-04:00", ["2025-11-02T01:30:00-04:00", "2025-11-03T01:30:00-05:00"]),
        ("0 1-3 * * *", "America/New_York", "2025-11-02T00:00:00-04:00", ["2025-11-02T01:00:00-04:00", "2025-11-02T02:00:00-05:00", "2025-11-02T03:00:00-05:00"]),
        // Fall back: wildcard jobs fire in both passes through the repeated hour.
        ("*/30 * * * *", "Europe/Berlin", "2025-10-26T01:45:00+02:00",
         ["2025-10-26T02:00:00+02:00", "2025-10-26T02:30:00+02:00", "2025-10-26T02:00:00+01:00", "2025-10-26T02:30:00+01:00", "2025-10-26T03:00:00+01:00"]),
        ("@hourly", "Europe/Berlin", "2025-10-26T01:30:00+02:00", ["2025-10-26T02:00:00+02:00", "2025-10-26T02:00:00+01:00", "2025-10-26T03:00:00+01:00"]),
        ("*/20 * * * *", "America/New_York", "2025-11-02T00:50:00-04:00",
         ["2025-11-02T01:00:00-04:00", "2025-11-02T01:20:00-04:00", "2025-11-02T01:40:00-04:00",
          "2025-11-02T01:00:00-05:00", "2025-11-02T01:20:00-05:00", "2025-11-02T01:40:00-05:00", "2025-11-02T02:00:00-05:00"]),
        ("10 * * * *", "America/New_York", "2025-11-02T01:50:00-04:00", ["2025-11-02T01:10:00-05:00", "2025-11-02T02:10:00-05:00"]),
    ])
    func transitions(expression: String, zone identifier: String, start: String, expected: [String]) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let forward = Support.fires(expression, after: start, count: expected.count, in: zone)
        #expect(forward == expected)
        // Backward from the last fire time gives the same instants in reverse order.
        guard let last = expected.last else { return }
        let backward = Support.firesBackward(expression, atOrBefore: last, count: expected.count, in: zone)
        #expect(backward == expected.reversed())
    }

    /// What the scheduler relies on: a nightly job fires exactly once per local day, every day,
    /// through two years of transitions.
    @Test(arguments: ["Europe/Berlin", "America/New_York"], ["30 2 * * *", "0 2 * * *", "30 1 * * *", "@daily"])
    func nightlyJobFiresOncePerLocalDay(zone identifier: String, expression text: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let expression = try CronExpression(parsing: text)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var cursor = Support.date("2025-01-01T12:00:00Z")
        var previousDay: Date?
        for _ in 0..<730 {
            let fire = try #require(expression.next(after: cursor, in: zone))
            let day = calendar.startOfDay(for: fire)
            if let previousDay {
                #expect(calendar.dateComponents([.day], from: previousDay, to: day).day == 1, "\(Support.text(fire, in: zone))")
            }
            #expect(expression.previous(atOrBefore: fire, in: zone) == fire)
            (previousDay, cursor) = (day, fire)
        }
    }
}
