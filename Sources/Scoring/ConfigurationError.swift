public import LosslessJSON

/// A weights, plan or account-state file that cannot be used, with the JSON path that is wrong.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var path: JSONPath
    public var reason: String

    public init(file: String, path: JSONPath, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(file): \(path): \(reason)" }
}

extension ConfigurationError {
    /// Parses a small JSON configuration file, turning syntax errors into configuration errors.
    static func parse(_ bytes: [UInt8], file: String) throws(ConfigurationError) -> JSONValue {
        do { return try JSONParser().parse(bytes) } catch {
            throw ConfigurationError(file: file, path: error.path, reason: "not valid JSON at line \(error.line), column \(error.column): \(error.reason)")
        }
    }
}
