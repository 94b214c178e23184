public import Foundation

// MARK: - Fire times

extension CronExpression {
    /// Years searched before giving up: the Gregorian calendar repeats every 400 years, so an
    /// expression with no match in that span never matches.
    static let searchYears = 400
    /// More than the largest clock change of any zone (2 hours), in seconds.
    private static let clockChangeBound = 3 * 3600

    /// The first fire time strictly after `date` in `timeZone`, or nil if the expression never
    /// fires. Daylight saving time is handled as the type's documentation describes.
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        guard let now = Self.wholeSeconds(of: date) else { return nil }
        // Fire times after now show wall-clock times at or after the clock at now, except a
        // second pass through an hour the clock is about to repeat: start that much earlier.
        let offset = min(timeZone.utcOffset(at: now), timeZone.utcOffset(at: now + Self.clockChangeBound))
        var cursor = CivilMinute(flooring: now + offset)
        let lastYear = cursor.year + Self.searchYears
        var best: Int?
        while let match = firstMatch(atOrAfter: cursor, throughYear: lastYear) {
            let local = match.localSeconds
            let resolution = LocalTimeResolution(localSeconds: local, in: timeZone)
            for instant in fireInstants(of: resolution) where instant > now {
                best = min(best ?? instant, instant)
            }
            // Later wall-clock times fire no earlier than this one's earliest instant.
            if let best, best <= resolution.earliest { return Self.date(best) }
            // Every minute of a gap resolves alike: step over the whole gap.
            cursor = CivilMinute(ceiling: max(local + 60, resolution.gap?.upperBound ?? local))
        }
        return best.map(Self.date)
    }

    /// The latest fire time at or before `date` in `timeZone`, or nil if the expression never
    /// fires. Daylight saving time is handled as the type's documentation describes.
    public func previous(atOrBefore date: Date, in timeZone: TimeZone) -> Date? {
        guard let now = Self.wholeSeconds(of: date) else { return nil }
        // Mirror of next(after:in:): just after the clock went back, the first pass through
        // the repeated hour shows wall-clock times later than the clock at now.
        let offset = max(timeZone.utcOffset(at: now), timeZone.utcOffset(at: now - Self.clockChangeBound))
        var cursor = CivilMinute(flooring: now + offset)
        let firstYear = cursor.year - Self.searchYears
        var best: Int?
        while let match = lastMatch(atOrBefore: cursor, downToYear: firstYear) {
            let local = match.localSeconds
            let resolution = LocalTimeResolution(localSeconds: local, in: timeZone)
            for instant in fireInstants(of: resolution) where instant <= now {
                best = max(best ?? instant, instant)
            }
            if let best, best >= latestInstantOfEarlierTimes(than: resolution) { return Self.date(best) }
            cursor = CivilMinute(flooring: min(local - 60, (resolution.gap?.lowerBound ?? local) - 1))
        }
        return best.map(Self.date)
    }

    /// The instants a matching wall-clock time fires at, by the DST rules on the type.
    private func fireInstants(of resolution: LocalTimeResolution) -> [Int] {
        switch resolution {
        case .unique(let instant): [instant]
        case .repeated(let first, let second): isFixedTime ? [first] : [first, second]
        case .skipped(let transition, _): isFixedTime ? [transition] : []
        }
    }

    /// A bound on the fire times of all earlier wall-clock times: this one's earliest instant,
    /// except that a wildcard job's second pass through a repeated hour fires earlier times
    /// after it, though still before this time's second occurrence.
    private func latestInstantOfEarlierTimes(than resolution: LocalTimeResolution) -> Int {
        if !isFixedTime, case .repeated(_, let second) = resolution { return second }
        return resolution.earliest
    }

    /// Fire times are whole seconds, so `instant > date` is `instant > floor(date)`.
    /// Nil for dates too far out for the calendar arithmetic.
    private static func wholeSeconds(of date: Date) -> Int? {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, abs(seconds) < 1e13 else { return nil }
        return Int(seconds)
    }

    private static func date(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
