public import GRDB
import Foundation

extension ExperimentLog {
    /// The blob key of `bytes`: their SHA-256 as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        BlobKey.of(bytes)
    }

    /// Stores `bytes` zstd-compressed under their SHA-256 and returns it; storing the same bytes
    /// again is a no-op.
    @discardableResult
    public func storeBlob(_ bytes: [UInt8]) throws -> String {
        let sha = BlobKey.of(bytes)
        // Most stores repeat a known container; skip compressing it again.
        if try database("store blob \(sha)", { try pool.read { try Self.hasBlob(sha, in: $0) } }) { return sha }
        let blob = try PreparedBlob(bytes, level: compressionLevel)
        let now = timestamp()
        try database("store blob \(sha)") { try writeImmediate { try Self.store(blob, at: now, in: $0) } }
        return sha
    }

    /// The bytes stored under `sha`, or nil when none are.
    /// - Throws: ``ExperimentLogError/corruptBlob(sha:reason:)`` when the stored data does not
    ///   decompress to the recorded size and hash: a damaged blob is an error, never wrong bytes.
    public func blob(_ sha: String) throws -> [UInt8]? {
        try database("read blob \(sha)") { try pool.read { try Self.blob(sha, in: $0) } }
    }

    /// ``blob(_:)`` on a connection the caller holds.
    public static func blob(_ sha: String, in db: Database) throws -> [UInt8]? {
        guard BlobKey.isValid(sha) else { throw ExperimentLogError.invalidSHA(sha) }
        guard let row = try Row.fetchOne(db, sql: "SELECT size, encoding, data FROM blobs WHERE sha256 = ?", arguments: [sha]) else {
            return nil
        }
        do {
            let reader = RowReader(row: row, table: "blobs", key: sha)
            let encoding = try reader.value("encoding", as: String.self)
            guard encoding == "zstd" else { throw reader.corrupt("unknown encoding \(encoding.debugDescription)") }
            let data = try reader.value("data", as: Data.self)
            let bytes = try Zstd.decompress([UInt8](data), expectedSize: try reader.value("size", as: Int.self))
            let actual = BlobKey.of(bytes)
            guard actual == sha else { throw ExperimentLogError.corruptBlob(sha: sha, reason: "data hashes to \(actual)") }
            return bytes
        } catch let error as ZstdError {
            throw ExperimentLogError.corruptBlob(sha: sha, reason: error.description)
        } catch ExperimentLogError.corruptRow(_, _, let reason) {
            throw ExperimentLogError.corruptBlob(sha: sha, reason: reason)
        }
    }

    static func hasBlob(_ sha: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM blobs WHERE sha256 = ?", arguments: [sha]) ?? false
    }

    /// Inserts a prepared blob unless its key is already stored (content addressing: same key, same bytes).
    static func store(_ blob: PreparedBlob, at now: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO blobs (sha256, size, encoding, data, created_at) VALUES (?, ?, 'zstd', ?, ?) ON CONFLICT (sha256) DO NOTHING",
            arguments: [blob.sha256, blob.size, blob.compressed, now])
    }
}
