/// Everything the experiment log refuses or fails to do, each a one-line message naming the file,
/// run, round or blob concerned and why.
public enum ExperimentLogError: Error, Equatable, CustomStringConvertible {
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The file was migrated by a newer version of this program (it lists migrations this code does not know).
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file could not be opened or migrated for another reason.
    case cannotOpen(path: String, reason: String)
    /// A round failed validation; nothing was written.
    case invalidRound(run: Int64, round: Int, reason: String)
    /// A run operation was given an unusable argument; nothing was written. The reason names the run or client.
    case invalidRun(String)
    case unknownRun(Int64)
    /// A new round must be the run's `roundsDone + 1`: rounds are recorded in order, one at a time.
    case roundOutOfOrder(run: Int64, round: Int, expected: Int)
    /// A kept round must start from the run's current best; the caller's idea of the best is stale.
    case staleParent(run: Int64, round: Int, parent: String, best: String)
    /// New rounds go only to a running run (`markRunning` resumes a stopped one).
    case runNotRunning(run: Int64, round: Int, status: RunStatus)
    /// A kept round named a candidate that is neither given nor already stored.
    case missingCandidate(run: Int64, round: Int, sha: String)
    /// The candidate bytes do not hash to the round's `candidateSHA`.
    case candidateMismatch(run: Int64, round: Int, declared: String, actual: String)
    /// A blob key that is not 64 lowercase hex digits.
    case invalidSHA(String)
    /// A stored blob whose data does not decode to the size and hash it is stored under.
    case corruptBlob(sha: String, reason: String)
    /// A stored row this code cannot read back (hand-edited, or written by another program).
    case corruptRow(table: String, key: String, reason: String)
    /// An SQLite error while doing `operation`; `code` is the primary result code (13 is SQLITE_FULL, 5 SQLITE_BUSY).
    case database(operation: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path): not an SQLite database"
        case .newerSchema(let path, let unknown):
            "\(path): written by a newer gtm-autoresearch (unknown migrations: \(unknown.joined(separator: ", "))); upgrade to open it"
        case .cannotOpen(let path, let reason):
            "\(path): cannot open the experiment log: \(reason)"
        case .invalidRound(let run, let round, let reason):
            "run \(run) round \(round): invalid round: \(reason)"
        case .invalidRun(let reason):
            "invalid run: \(reason)"
        case .unknownRun(let run):
            "run \(run): no such run"
        case .roundOutOfOrder(let run, let round, let expected):
            "run \(run) round \(round): out of order, the next round of this run is \(expected)"
        case .staleParent(let run, let round, let parent, let best):
            "run \(run) round \(round): kept from parent \(parent.prefix(12)) but the run's best is \(best.prefix(12)) (stale best)"
        case .runNotRunning(let run, let round, let status):
            "run \(run) round \(round): the run is \(status.rawValue), not running"
        case .missingCandidate(let run, let round, let sha):
            "run \(run) round \(round): kept candidate \(sha.prefix(12)) is neither given nor stored"
        case .candidateMismatch(let run, let round, let declared, let actual):
            "run \(run) round \(round): candidate bytes hash to \(actual.prefix(12)), not the declared \(declared.prefix(12))"
        case .invalidSHA(let sha):
            "\(sha.debugDescription) is not a SHA-256 (64 lowercase hex digits)"
        case .corruptBlob(let sha, let reason):
            "blob \(sha): corrupt: \(reason)"
        case .corruptRow(let table, let key, let reason):
            "\(table) \(key): unreadable row: \(reason)"
        case .database(let operation, let code, let message):
            "\(operation): SQLite error \(code): \(message)"
        }
    }

    /// The SQLite primary result code, for ``database(operation:code:message:)``.
    public var sqliteCode: Int32? {
        if case .database(_, let code, _) = self { code } else { nil }
    }
}
