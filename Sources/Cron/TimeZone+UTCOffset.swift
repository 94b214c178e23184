import Foundation

extension TimeZone {
    /// Seconds east of UTC in effect at `seconds` after the Unix epoch.
    func utcOffset(at seconds: Int) -> Int {
        secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
