/// Why a delivery or a rollback could not be done, in one line that says what to do.
public enum DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither the database nor the bucket has a winner for that night.
    case noWinner(client: String, night: String, known: [String])
    /// A `winner.json` that is not this tool's.
    case badManifest(String, reason: String)
    /// A downloaded container whose bytes do not hash to what its manifest says.
    case corruptDownload(key: String, expected: String, actual: String)
    /// A stored or downloaded winner that is not a container export.
    case notAContainer(source: String, reason: String)
    /// The run's best blob is missing from the database.
    case missingBlob(runId: Int64, sha256: String)
    /// The GTM workspace took the container but `quick_preview` reports a compiler error or a
    /// merge conflict; the text is the deploy's report.
    case stagingDoesNotCompile(String)

    public var description: String {
        switch self {
        case .noWinner(let client, let night, let known):
            let list = known.isEmpty ? "none" : known.suffix(10).joined(separator: ", ")
            return "no winner of \(night) for \(client) in the database or the bucket; nights with a winner: \(list)"
        case .badManifest(let source, let reason):
            return "\(source) is not a winner manifest: \(reason)"
        case .corruptDownload(let key, let expected, let actual):
            return "\(key) does not match its manifest (sha256 \(actual), expected \(expected)); nothing was changed"
        case .notAContainer(let source, let reason):
            return "\(source) is not a GTM container export: \(reason); nothing was changed"
        case .missingBlob(let runId, let sha256):
            return "run \(runId): its best container \(sha256) is missing from the database"
        case .stagingDoesNotCompile(let report):
            return "the GTM workspace does not compile after the deploy; look at it in Tag Manager before anyone publishes:\n\(report)"
        }
    }
}
