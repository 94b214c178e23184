public import Foundation

/// A cron expression read in a time zone: what the scheduler reads from its configuration.
public struct CronSchedule: Sendable, Hashable {
    public var expression: CronExpression
    public var timeZone: TimeZone

    public init(expression: CronExpression, timeZone: TimeZone) {
        self.expression = expression
        self.timeZone = timeZone
    }

    /// Parses `expression` and looks up the IANA time zone `identifier` (`Europe/Berlin`).
    /// - Throws: ``CronExpressionError`` for a bad expression, ``CronScheduleError`` for an
    ///   unknown time zone.
    public init(expression: String, timeZone identifier: String) throws {
        guard let timeZone = TimeZone(identifier: identifier) else {
            throw CronScheduleError.unknownTimeZone(identifier: identifier)
        }
        self.init(expression: try CronExpression(parsing: expression), timeZone: timeZone)
    }

    /// The first fire time strictly after `date`: when to wake next.
    public func next(after date: Date) -> Date? {
        expression.next(after: date, in: timeZone)
    }

    /// The latest fire time at or before `date`: the tick that is due now.
    public func previous(atOrBefore date: Date) -> Date? {
        expression.previous(atOrBefore: date, in: timeZone)
    }
}
