import Cron
import Foundation
import Testing

@Suite("Schedules from configuration")
struct CronScheduleTests {
    @Test func readsTheExpressionAndTheZone() throws {
        let schedule = try CronSchedule(expression: "30 2 * * *", timeZone: "Europe/Berlin")
        #expect(schedule.expression == (try CronExpression(parsing: "30 2 * * *")))
        #expect(schedule.timeZone.identifier == "Europe/Berlin")
        let now = Support.date("2025-03-30T12:00:00+02:00")
        #expect(schedule.previous(atOrBefore: now) == Support.date("2025-03-30T03:00:00+02:00"))
        #expect(schedule.next(after: now) == Support.date("2025-03-31T02:30:00+02:00"))
        #expect(schedule == CronSchedule(expression: schedule.expression, timeZone: Support.berlin))
    }

    @Test func anUnknownZoneIsNamed() {
        #expect(throws: CronScheduleError.unknownTimeZone(identifier: "Mars/Olympus_Mons")) {
            try CronSchedule(expression: "@daily", timeZone: "Mars/Olympus_Mons")
        }
        #expect(CronScheduleError.unknownTimeZone(identifier: "Mars/Olympus_Mons").description
            == #""Mars/Olympus_Mons": unknown time zone; expected an IANA identifier such as Europe/Berlin or UTC"#)
    }

    @Test func aBadExpressionThrowsItsOwnError() {
        #expect(throws: CronExpressionError.outOfRange(expression: "0 25 * * *", field: .hour, value: "25")) {
            try CronSchedule(expression: "0 25 * * *", timeZone: "UTC")
        }
    }
}
