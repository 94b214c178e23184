import Foundation

/// Where a wall-clock time falls in a time zone: at one instant, at two (the clock was set
/// back and showed it twice), or at none (the clock was set forward over it). Instants and
/// wall-clock times are whole seconds from 1970-01-01 00:00, in UTC and on the local clock.
///
/// Assumes the zone changes offset at most once within a day of the time, true of every zone
/// in use; the search never relies on more.
enum LocalTimeResolution: Equatable {
    case unique(Int)
    case repeated(first: Int, second: Int)
    /// Skipped: `transition` is the instant the clock jumped, `gap` the wall-clock times it skipped.
    case skipped(transition: Int, gap: Range<Int>)

    init(localSeconds local: Int, in timeZone: TimeZone) {
        // The offsets either side of any change near this time; an instant is a candidate if
        // the zone really uses the offset it was computed with.
        let before = timeZone.utcOffset(at: local - 86_400)
        let after = timeZone.utcOffset(at: local + 86_400)
        let instants = Set([before, after]).map { local - $0 }.filter { timeZone.utcOffset(at: $0) == local - $0 }.sorted()
        if let first = instants.first, let last = instants.last {
            self = first == last ? .unique(first) : .repeated(first: first, second: last)
        } else if before < after {
            // In a gap: at local - after the old offset still holds, at local - before the new one
            // already does. Bisect for the second the clock jumped.
            var (old, new) = (local - after, local - before)
            while new - old > 1 {
                let middle = old + (new - old) / 2
                if timeZone.utcOffset(at: middle) == before { old = middle } else { new = middle }
            }
            self = .skipped(transition: new, gap: (new + before)..<(new + after))
        } else {
            // Two changes within a day: no zone does this; take the offset in force there.
            self = .unique(local - timeZone.utcOffset(at: local - before))
        }
    }

    /// The earliest instant this wall-clock time stands for (the jump, for a skipped time).
    /// It never decreases as the wall-clock time increases, which bounds both searches.
    var earliest: Int {
        switch self {
        case .unique(let instant): instant
        case .repeated(let first, _): first
        case .skipped(let transition, _): transition
        }
    }

    /// The wall-clock times skipped with this one, if it was skipped.
    var gap: Range<Int>? {
        if case .skipped(_, let gap) = self { gap } else { nil }
    }
}
