/// The GTM deploy configured wrongly: which setting, and why.
public enum TagManagerConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// GTM is partly configured but no credential is set.
    case missingCredentials(setVariables: [String])
    /// More than one way to get a token is set.
    case conflictingCredentials([String])
    /// Only one of the account and container id overrides is set.
    case incompleteOverride(set: String, missing: String)
    case invalidIdentifier(variable: String, value: String)
    case invalidBaseURL(String, reason: String)
    case invalidDuration(variable: String, value: String)
    case unreadableServiceAccountKey(path: String)
    case invalidServiceAccountKey(path: String, reason: String)

    public var description: String {
        typealias V = TagManagerConfiguration.Variable
        switch self {
        case .missingCredentials(let set):
            return "\(set.joined(separator: ", ")) \(set.count == 1 ? "is" : "are") set, but no GTM credentials are: set "
                + "\(V.accessToken), \(V.tokenCommand) or \(V.serviceAccountKey) (or \(V.googleApplicationCredentials))"
        case .conflictingCredentials(let names):
            return "set only one of \(names.joined(separator: ", ")): each is a way to get a GTM access token"
        case .incompleteOverride(let set, let missing):
            return "\(set) is set but \(missing) is not: override both, or neither to use the export's own ids"
        case .invalidIdentifier(let variable, let value):
            return "\(variable)=\"\(value)\" is not a GTM id (expected digits, as in accounts/6000123/containers/9000456)"
        case .invalidBaseURL(let url, let reason):
            return "GTM API URL \"\(url)\" is invalid: \(reason)"
        case .invalidDuration(let variable, let value):
            return "\(variable)=\"\(value)\" is not a number of seconds (0 or more for the interval, more than 0 for the timeout, under a day)"
        case .unreadableServiceAccountKey(let path):
            return "\(path): cannot read the service-account key file"
        case .invalidServiceAccountKey(let path, let reason):
            return "\(path): not a usable service-account key: \(reason)"
        }
    }
}
