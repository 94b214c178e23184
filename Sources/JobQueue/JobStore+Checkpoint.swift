import GRDB

extension JobStore {
    /// The write-ahead log after a checkpoint attempt.
    public struct WALStatus: Sendable, Equatable {
        /// Frames in the WAL, and how many of them are copied into the database file.
        public var frames: Int
        public var checkpointed: Int
        /// A reader's open transaction kept the checkpoint from finishing.
        public var busy: Bool

        /// Frames a reader holds back: only these can make the WAL grow.
        public var pending: Int { max(frames - checkpointed, 0) }
    }

    /// Copies what it can of the WAL into the database without waiting for anyone (`PASSIVE`).
    ///
    /// The checkpoint policy: every connection's writer checkpoints on its own after ~1000 pages
    /// (SQLite's auto-checkpoint) and truncates the WAL file back to `journal_size_limit` once a
    /// checkpoint has caught up; workers also call this periodically and warn when frames stay
    /// pending, which only a reader sitting in an open transaction causes (a `sqlite3` shell with
    /// a `BEGIN` left open). Reading with `sqlite3 -readonly` and no open transaction never does.
    public func checkpoint() throws -> WALStatus {
        try Self.wrap("checkpoint the WAL") {
            try pool.writeWithoutTransaction { db in
                guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") else {
                    return WALStatus(frames: 0, checkpointed: 0, busy: false)
                }
                let busy: Int = row[0], frames: Int = row[1], checkpointed: Int = row[2]
                return WALStatus(frames: max(frames, 0), checkpointed: max(checkpointed, 0), busy: busy != 0)
            }
        }
    }
}
