// MARK: - Wall-clock search

extension CronExpression {
    /// Whether the expression allows a calendar day: day-of-month and day-of-week must both
    /// match, or either one when both fields are restricted.
    func matchesDay(year: Int, month: Int, day: Int) -> Bool {
        let dayOfMonth = daysOfMonth.contains(day)
        let dayOfWeek = daysOfWeek.contains(CivilMinute.weekday(year: year, month: month, day: day))
        return restrictsDayOfMonth && restrictsDayOfWeek ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek
    }

    /// The earliest wall-clock minute at or after `start` that matches, up to the end of `lastYear`.
    /// Each step jumps to the next allowed month, day, hour or minute and resets the smaller units.
    func firstMatch(atOrAfter start: CivilMinute, throughYear lastYear: Int) -> CivilMinute? {
        var (year, month, day, hour, minute) = (start.year, start.month, start.day, start.hour, start.minute)
        while year <= lastYear {
            guard months.contains(month) else {
                if let next = months.first(atOrAfter: month + 1) {
                    month = next
                } else {
                    (year, month) = (year + 1, months.first(atOrAfter: 1) ?? 1)
                }
                (day, hour, minute) = (1, 0, 0)
                continue
            }
            let lastDay = CivilMinute.daysInMonth(year: year, month: month)
            guard let matchingDay = stride(from: day, through: lastDay, by: 1).first(where: {
                matchesDay(year: year, month: month, day: $0)
            }) else {
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
                (day, hour, minute) = (1, 0, 0)
                continue
            }
            if matchingDay != day { (day, hour, minute) = (matchingDay, 0, 0) }
            guard let matchingHour = hours.first(atOrAfter: hour) else {
                (day, hour, minute) = (day + 1, 0, 0)
                continue
            }
            if matchingHour != hour { (hour, minute) = (matchingHour, 0) }
            guard let matchingMinute = minutes.first(atOrAfter: minute) else {
                (hour, minute) = (hour + 1, 0)
                continue
            }
            return CivilMinute(year: year, month: month, day: day, hour: hour, minute: matchingMinute)
        }
        return nil
    }

    /// The latest wall-clock minute at or before `start` that matches, down to the start of `firstYear`.
    func lastMatch(atOrBefore start: CivilMinute, downToYear firstYear: Int) -> CivilMinute? {
        var (year, month, day, hour, minute) = (start.year, start.month, start.day, start.hour, start.minute)
        while year >= firstYear {
            guard months.contains(month) else {
                if let previous = months.last(atOrBefore: month - 1) {
                    month = previous
                } else {
                    (year, month) = (year - 1, months.last(atOrBefore: 12) ?? 12)
                }
                (day, hour, minute) = (31, 23, 59)  // clamped to the month's length below
                continue
            }
            let from = min(day, CivilMinute.daysInMonth(year: year, month: month))
            guard let matchingDay = stride(from: from, through: 1, by: -1).first(where: {
                matchesDay(year: year, month: month, day: $0)
            }) else {
                (year, month) = month == 1 ? (year - 1, 12) : (year, month - 1)
                (day, hour, minute) = (31, 23, 59)
                continue
            }
            if matchingDay != day { (day, hour, minute) = (matchingDay, 23, 59) }
            guard let matchingHour = hours.last(atOrBefore: hour) else {
                (day, hour, minute) = (day - 1, 23, 59)
                continue
            }
            if matchingHour != hour { (hour, minute) = (matchingHour, 59) }
            guard let matchingMinute = minutes.last(atOrBefore: minute) else {
                (hour, minute) = (hour - 1, 59)
                continue
            }
            return CivilMinute(year: year, month: month, day: day, hour: hour, minute: matchingMinute)
        }
        return nil
    }
}
