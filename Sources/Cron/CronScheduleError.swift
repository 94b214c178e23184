/// Why a schedule could not be built from configuration. A bad expression throws
/// ``CronExpressionError`` instead.
public enum CronScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The identifier is not a time zone Foundation knows (`Europe/Berlin`, `UTC` are).
    case unknownTimeZone(identifier: String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let identifier):
            "\"\(identifier)\": unknown time zone; expected an IANA identifier such as Europe/Berlin or UTC"
        }
    }
}
