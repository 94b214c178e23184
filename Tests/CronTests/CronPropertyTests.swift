import Cron
import Foundation
import Testing

@Suite("Properties of next and previous")
struct CronPropertyTests {
    static let expressions = [
        "30 2 * * *", "0 2,3 * * *", "15 1,2 * * *", "@daily", "*/15 * * * *", "@hourly",
        "*/7 * * * *", "*/20 1-3 * * *", "45 2 * * 0", "0 0 1 * MON", "0 0 29 2 *", "59 23 31 * *",
    ]
    static let zones = [
        "UTC", "Europe/Berlin", "America/New_York",
        "Australia/Lord_Howe",  // 30-minute DST
        "Pacific/Chatham",  // +12:45 / +13:45, changes at 02:45 local
        "Antarctica/Troll",  // 2-hour DST
        "Asia/Kolkata",
    ]

    /// For seeded random dates d from 1990 to 2060: next(d) = n > d, previous(d) = p ≤ d, and
    /// nothing fires strictly between them, seen from either side.
    @Test(arguments: zones)
    func nextAndPreviousAgree(zone identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        var generator = SeededGenerator(seed: 0xC0FFEE)
        for text in Self.expressions {
            let expression = try CronExpression(parsing: text)
            for _ in 0..<150 {
                let d = Date(timeIntervalSince1970: Double.random(in: 631_152_000...2_871_763_200, using: &generator).rounded(.down))
                let n = try #require(expression.next(after: d, in: zone))
                let p = try #require(expression.previous(atOrBefore: d, in: zone))
                // The comment is only built on failure.
                #expect(n > d && p <= d, "\(text) in \(identifier) at \(Support.text(d, in: zone))")
                #expect(expression.previous(atOrBefore: n, in: zone) == n, "\(text) in \(identifier) at \(Support.text(d, in: zone))")
                #expect(expression.previous(atOrBefore: n.addingTimeInterval(-1), in: zone) == p, "\(text) in \(identifier) at \(Support.text(d, in: zone))")
                #expect(expression.next(after: p, in: zone) == n, "\(text) in \(identifier) at \(Support.text(d, in: zone))")
            }
        }
    }

    /// Against a simulated cron daemon, minute by minute, around each 2025 transition of zones
    /// with 60-, 30- and 120-minute changes: every fire time, both directions.
    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Antarctica/Troll"])
    func matchesASimulatedDaemonAroundTransitions(zone identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let first = try #require(zone.nextDaylightSavingTimeTransition(after: Support.date("2025-01-01T00:00:00Z")))
        let second = try #require(zone.nextDaylightSavingTimeTransition(after: first))
        for transition in [first, second] {
            for text in Self.expressions where !["0 0 29 2 *", "59 23 31 * *", "0 0 1 * MON"].contains(text) {
                let expression = try CronExpression(parsing: text)
                let (start, end) = (transition.addingTimeInterval(-36 * 3600), transition.addingTimeInterval(36 * 3600))
                let simulated = SimulatedDaemon(expression: expression, zone: zone).fires(from: start, to: end)
                var d = transition.addingTimeInterval(-12 * 3600)
                while d < transition.addingTimeInterval(12 * 3600) {
                    // Fire times outside the simulated window (a weekly job) are not compared.
                    let next = expression.next(after: d, in: zone).flatMap { $0 <= end ? $0 : nil }
                    let previous = expression.previous(atOrBefore: d, in: zone).flatMap { $0 >= start ? $0 : nil }
                    #expect(next == simulated.first { $0 > d }, "\(text) in \(identifier) at \(Support.text(d, in: zone))")
                    #expect(previous == simulated.last { $0 <= d }, "\(text) in \(identifier) at \(Support.text(d, in: zone))")
                    d.addTimeInterval(7 * 60 + 13)
                }
            }
        }
    }
}

/// A cron daemon as cronie runs one, waking each real minute: it fires jobs whose fields match
/// the clock; when the clock has jumped forward it also fires fixed-time jobs that match a
/// skipped minute; fixed-time jobs do not fire again for a wall-clock minute already shown.
/// Matching a wall-clock minute is asked of the expression in UTC, which the UTC tables cover.
struct SimulatedDaemon {
    let expression: CronExpression
    let zone: TimeZone

    /// As cronie: fixed-time unless the minute or hour field starts with `*`.
    var isFixedTime: Bool {
        let fields = expression.description.split(separator: " ")
        return fields.count == 5 ? !fields[0].hasPrefix("*") && !fields[1].hasPrefix("*") : expression.description != "@hourly"
    }

    /// The wall-clock minutes, as local seconds, that match in `range`, asked of the
    /// expression in UTC (which the UTC tables cover) once rather than per simulated minute.
    func matchingMinutes(in range: ClosedRange<Int>) -> Set<Int> {
        let utc = TimeZone(secondsFromGMT: 0) ?? zone
        var result = Set<Int>()
        var cursor = Date(timeIntervalSince1970: TimeInterval(range.lowerBound - 1))
        while let next = expression.next(after: cursor, in: utc), next.timeIntervalSince1970 <= TimeInterval(range.upperBound) {
            result.insert(Int(next.timeIntervalSince1970))
            cursor = next
        }
        return result
    }

    /// Fire times in `start...end`; the daemon starts three hours earlier to know what it has seen.
    func fires(from start: Date, to end: Date) -> [Date] {
        let (first, last) = (Int(start.timeIntervalSince1970), Int(end.timeIntervalSince1970))
        let matching = matchingMinutes(in: (first - 2 * 86_400)...(last + 2 * 86_400))
        var fires: [Date] = []
        var seen = Set<Int>()
        var previousLocal: Int?
        var instant = first - 3 * 3600
        while instant <= last {
            let local = instant + zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            var firesNow = matching.contains(local) && (!isFixedTime || !seen.contains(local))
            if isFixedTime, let previousLocal, local - previousLocal > 60 {
                firesNow = firesNow || stride(from: previousLocal + 60, to: local, by: 60).contains { matching.contains($0) }
            }
            if firesNow, instant >= first {
                fires.append(Date(timeIntervalSince1970: TimeInterval(instant)))
            }
            seen.insert(local)
            previousLocal = local
            instant += 60
        }
        return fires
    }
}
