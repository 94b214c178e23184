/// Why the staging workspace could not be written or read. Each case names the path concerned.
public enum StagingWorkspaceError: Error, Equatable, CustomStringConvertible {
    /// The date is not `YYYY-MM-DD` (it becomes part of a file name, so it is checked strictly).
    case invalidDate(path: String, date: String)
    /// The score is NaN or infinite.
    case invalidScore(path: String, score: Double)
    /// The SHA-256 is not 64 hexadecimal digits.
    case invalidSHA256(path: String, sha256: String)
    case cannotCreateDirectory(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// A line of `history/index.jsonl` is not an entry this module wrote (`line` is 1-based).
    case corruptIndex(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .invalidDate(let path, let date): "\(path): date \"\(date)\" is not YYYY-MM-DD"
        case .invalidScore(let path, let score): "\(path): score \(score) is not a finite number"
        case .invalidSHA256(let path, let sha256): "\(path): \"\(sha256)\" is not a hex SHA-256"
        case .cannotCreateDirectory(let path, let reason): "\(path): cannot create directory (\(reason))"
        case .cannotWrite(let path, let reason): "\(path): cannot write (\(reason))"
        case .cannotRead(let path, let reason): "\(path): cannot read (\(reason))"
        case .corruptIndex(let path, let line, let reason): "\(path):\(line): not a history entry (\(reason))"
        }
    }
}
