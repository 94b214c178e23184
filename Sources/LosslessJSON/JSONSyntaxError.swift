/// Why a byte sequence is not a JSON document, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, e.g. "expected ',' or '}' after an object member".
    public var reason: String
    /// Byte offset of the problem.
    public var offset: Int
    /// 1-based line and column of the problem.
    public var line: Int
    public var column: Int
    /// The innermost value being read when the problem was found.
    public var path: JSONPath

    public var description: String {
        "not valid JSON at line \(line), column \(column) (\(path)): \(reason)"
    }
}
