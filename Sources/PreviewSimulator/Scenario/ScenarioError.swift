public import LosslessJSON

/// Why a scenario could not be read or run. Each description is one line naming the file (or the
/// scenario) and the JSON path of the problem.
public enum ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not a valid scenario: `jsonPath` is where, `reason` what is wrong there.
    case invalid(path: String, jsonPath: JSONPath, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .invalid(let path, let jsonPath, let reason): "\(path): \(jsonPath): \(reason)"
        }
    }
}
