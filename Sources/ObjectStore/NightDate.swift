/// The calendar date of a nightly run, written `YYYY-MM-DD` in object keys.
///
/// Only real dates parse (no `2026-02-30`), so a date can never smuggle a `/` or `..` into a key,
/// and dates sort chronologically.
public struct NightDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// - Throws: ``WinnerStoreError/invalidNight(_:)`` unless `text` is a real `YYYY-MM-DD` date.
    public init(_ text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw WinnerStoreError.invalidNight(text) }
        do { try self.init(year: year, month: month, day: day) } catch { throw WinnerStoreError.invalidNight(text) }
    }

    /// - Throws: ``WinnerStoreError/invalidNight(_:)`` for a date that does not exist.
    public init(year: Int, month: Int, day: Int) throws {
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...9999).contains(year), (1...12).contains(month), (1...lengths[month - 1]).contains(day) else {
            throw WinnerStoreError.invalidNight("\(year)-\(month)-\(day)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: NightDate, rhs: NightDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
