/// Why a JSON Patch could not be applied, naming the operation (0-based) and the pointer.
public enum JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidPointer(String, reason: String)
    case invalidOperation(index: Int, reason: String)
    case pathNotFound(index: Int, path: String)
    case invalidIndex(index: Int, path: String)
    case testFailed(index: Int, path: String)
    case moveIntoItself(index: Int, from: String, path: String)

    public var description: String {
        switch self {
        case .invalidPointer(let p, let reason): "invalid JSON pointer \"\(p)\": \(reason)"
        case .invalidOperation(let i, let reason): "operation \(i): \(reason)"
        case .pathNotFound(let i, let p): "operation \(i): nothing at \"\(p)\""
        case .invalidIndex(let i, let p): "operation \(i): \"\(p)\" is not a valid array index"
        case .testFailed(let i, let p): "operation \(i): test failed: the value at \"\(p)\" differs"
        case .moveIntoItself(let i, let from, let p): "operation \(i): cannot move \"\(from)\" into its own child \"\(p)\""
        }
    }
}
