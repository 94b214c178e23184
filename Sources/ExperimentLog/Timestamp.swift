public import Foundation

/// The ISO-8601 UTC times of the log: `2026-05-02T03:04:05.678Z`. With a fixed `Z` suffix and
/// millisecond precision they also sort as text, which is what `ORDER BY created_at` relies on.
public enum Timestamp {
    /// `date` as stored in `created_at`, `updated_at`.
    public static func string(from date: Date) -> String {
        withFraction.format(date)
    }

    /// The instant `text` denotes, when it is ISO-8601 in UTC (`Z`), with or without fractional seconds.
    public static func date(from text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        return (try? withFraction.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
