public import LosslessJSON

/// A document that is JSON but not a GTM container export, with the JSON path that is wrong.
public struct ContainerFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the document the problem is.
    public var path: JSONPath
    /// What is wrong there, e.g. "expected a string, found a number".
    public var reason: String

    public init(path: JSONPath, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }

    /// This error, whose path is relative to a value, moved under that value's own location.
    func located(under prefix: JSONPath) -> ContainerFormatError {
        ContainerFormatError(path: JSONPath(prefix.components + path.components), reason: reason)
    }
}
