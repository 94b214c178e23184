import Cron
import Foundation
import Testing

/// Test helpers: dates written as ISO 8601 with their offset, so a DST expectation reads as
/// the wall clock it means (`2025-03-30T03:00:00+02:00`).
enum Support {
    static let utc = zone("UTC")
    static let berlin = zone("Europe/Berlin")
    static let newYork = zone("America/New_York")

    static func zone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    /// Parses `2025-03-30T03:00:00+02:00` or `…Z`; records an issue and returns the epoch if malformed.
    static func date(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else {
            Issue.record("bad test date \(text)", sourceLocation: sourceLocation)
            return Date(timeIntervalSince1970: 0)
        }
        return date
    }

    /// `date` as ISO 8601 with the zone's offset at that instant.
    static func text(_ date: Date?, in zone: TimeZone) -> String {
        guard let date else { return "nil" }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        return formatter.string(from: date)
    }

    static func expression(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CronExpression? {
        do {
            return try CronExpression(parsing: text)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The next `count` fire times after `start`, each as text in `zone`.
    static func fires(_ text: String, after start: String, count: Int, in zone: TimeZone = utc) -> [String] {
        guard let expression = expression(text) else { return [] }
        var result: [String] = []
        var cursor = date(start)
        for _ in 0..<count {
            guard let next = expression.next(after: cursor, in: zone) else { break }
            result.append(Self.text(next, in: zone))
            cursor = next
        }
        return result
    }

    /// The `count` fire times at or before `start`, latest first, each as text in `zone`.
    static func firesBackward(_ text: String, atOrBefore start: String, count: Int, in zone: TimeZone = utc) -> [String] {
        guard let expression = expression(text) else { return [] }
        var result: [String] = []
        var cursor = date(start)
        for _ in 0..<count {
            guard let previous = expression.previous(atOrBefore: cursor, in: zone) else { break }
            result.append(Self.text(previous, in: zone))
            cursor = previous.addingTimeInterval(-1)
        }
        return result
    }
}

/// SplitMix64: a seeded generator so the property tests are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
