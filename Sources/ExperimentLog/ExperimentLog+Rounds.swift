public import Foundation
public import GRDB

extension ExperimentLog {
    // MARK: - Recording

    /// Records a round exactly once (SPEC §2.6), with its candidate, in one immediate transaction.
    ///
    /// The round is validated first (``RoundRecord/validate()``); then, if the run already has
    /// this round, nothing changes and the result is `false`: a replay (retried job, resumed run)
    /// keeps the version recorded first, which the caller should read back. Otherwise the round
    /// must be the run's next (`roundsDone + 1`), the run must be running, and a kept round must
    /// start from the run's current best. The row is inserted and the run's totals (and, for a
    /// kept round, its best) are updated together.
    ///
    /// - Parameter candidate: The candidate container. A kept round needs it unless the blob is
    ///   already stored; for other rounds it may be nil (it is stored if given).
    /// - Returns: `true` when the round was recorded now, `false` when it already was.
    /// - Throws: ``ExperimentLogError``; nothing is written when it throws.
    @discardableResult
    public func record(_ round: RoundRecord, candidate: [UInt8]?) throws -> Bool {
        try round.validate()
        // Hash and compress before taking the write lock.
        let blob = try candidate.map { try Self.prepareCandidate($0, of: round, level: compressionLevel) }
        let now = timestamp()
        return try database("run \(round.runId) round \(round.round): record") {
            try writeImmediate { db in try Self.insert(round, candidate: blob, now: now, in: db) }
        }
    }

    /// ``record(_:candidate:)`` on a connection the caller holds, so a job queue can commit the
    /// round with its own changes (completing the job, enqueueing the next round).
    ///
    /// Inside the caller's transaction the round's statements run in a savepoint, so a thrown
    /// error leaves none of them behind even if the caller carries on; outside one, they run in
    /// their own `BEGIN IMMEDIATE` transaction.
    @discardableResult
    public static func record(_ round: RoundRecord, candidate: [UInt8]?, in db: Database, now: Date = Date(),
                              compressionLevel: Int32 = Zstd.defaultLevel) throws -> Bool
    {
        try round.validate()
        let blob = try candidate.map { try prepareCandidate($0, of: round, level: compressionLevel) }
        let now = Timestamp.string(from: now)
        var recorded = false
        if db.isInsideTransaction {
            try db.inSavepoint {
                recorded = try insert(round, candidate: blob, now: now, in: db)
                return .commit
            }
        } else {
            try db.inTransaction(.immediate) {
                recorded = try insert(round, candidate: blob, now: now, in: db)
                return .commit
            }
        }
        return recorded
    }

    private static func prepareCandidate(_ bytes: [UInt8], of round: RoundRecord, level: Int32) throws -> PreparedBlob {
        let blob = try PreparedBlob(bytes, level: level)
        guard blob.sha256 == round.candidateSHA else {
            throw ExperimentLogError.candidateMismatch(run: round.runId, round: round.round,
                                                       declared: round.candidateSHA ?? "(none)", actual: blob.sha256)
        }
        return blob
    }

    /// The checks that need the database, then the writes; the caller provides the transaction.
    private static func insert(_ round: RoundRecord, candidate: PreparedBlob?, now: String, in db: Database) throws -> Bool {
        let (runId, number) = (round.runId, round.round)
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM rounds WHERE run_id = ? AND round = ?", arguments: [runId, number]) ?? false {
            return false
        }
        guard let run = try run(runId, in: db) else { throw ExperimentLogError.unknownRun(runId) }
        guard run.status == .running else { throw ExperimentLogError.runNotRunning(run: runId, round: number, status: run.status) }
        guard number == run.roundsDone + 1 else {
            throw ExperimentLogError.roundOutOfOrder(run: runId, round: number, expected: run.roundsDone + 1)
        }
        if round.decision == .kept, round.parentSHA != run.bestSHA {
            throw ExperimentLogError.staleParent(run: runId, round: number, parent: round.parentSHA, best: run.bestSHA)
        }
        // Only kept candidates need storing: they become the best that later rounds start from
        // and the night's deliverable. A reverted or rejected candidate is its parent plus
        // `applied_patch`; it is stored only when the caller passes it anyway.
        if let candidate {
            try store(candidate, at: now, in: db)
        } else if round.decision == .kept, let sha = round.candidateSHA, try !hasBlob(sha, in: db) {
            throw ExperimentLogError.missingCandidate(run: runId, round: number, sha: sha)
        }
        try db.insert(into: "rounds", round.insertionPairs, "ON CONFLICT (run_id, round) DO NOTHING")
        // Unreachable while we hold the write lock and checked above; kept so a conflict can never double-count.
        guard db.changesCount == 1 else { return false }

        var update: SQL = """
            UPDATE runs SET rounds_done = \(number), input_tokens = input_tokens + \(round.inputTokens), \
            output_tokens = output_tokens + \(round.outputTokens), cost_usd = cost_usd + \(round.costUSD), \
            elapsed_ms = elapsed_ms + \(round.durationMs), updated_at = \(now)
            """
        if round.decision == .kept, let after = round.after, let sha = round.candidateSHA {
            update += ", best_sha = \(sha), best_round = \(number), " + ScoreColumns.assignments("best", after)
        }
        update += " WHERE id = \(runId) AND rounds_done = \(run.roundsDone)"
        try db.execute(literal: update)
        return true
    }

    // MARK: - Reads

    /// The rounds of a run, in round order.
    public func rounds(run: Int64) throws -> [RoundRecord] {
        try database("read rounds of run \(run)") {
            try pool.read { try RoundRecord.fetchAll($0, sql: "SELECT * FROM rounds WHERE run_id = ? ORDER BY round", arguments: [run]) }
        }
    }

    /// One round of a run, or nil.
    public func round(run: Int64, round: Int) throws -> RoundRecord? {
        try database("read run \(run) round \(round)") {
            try pool.read {
                try RoundRecord.fetchOne($0, sql: "SELECT * FROM rounds WHERE run_id = ? AND round = ?", arguments: [run, round])
            }
        }
    }
}
