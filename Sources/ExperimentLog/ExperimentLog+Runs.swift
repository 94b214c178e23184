public import Foundation
public import GRDB

extension ExperimentLog {
    // MARK: - Writes

    /// Starts a run: stores the initial container and inserts the run in one transaction. The new
    /// run is `running` (or `queued` for the fleet), with the initial container as its best
    /// (`bestRound` 0) and no rounds.
    /// - Throws: ``ExperimentLogError/invalidRun(_:)`` for an empty client or mutator, an invalid
    ///   initial score or unencodable settings (nothing is written).
    public func createRun(client: String, source: String, mutator: String, settings: RunSettings, scorerVersion: String,
                          initialContainer: [UInt8], initialScore: ScoreVector, outDir: String?, status: RunStatus = .running) throws -> RunRecord
    {
        let prepared = try prepareRun(client: client, source: source, mutator: mutator, settings: settings, scorerVersion: scorerVersion,
                                      initialContainer: initialContainer, initialScore: initialScore, outDir: outDir, status: status)
        return try database("create run for client \(client)") { try writeImmediate { db in try prepared.insert(in: db) } }
    }

    /// A run checked, with its initial blob compressed, ready to insert inside a caller's
    /// transaction (the fleet creates a run and enqueues its first round in one commit).
    public struct PreparedRun: Sendable {
        public var run: RunRecord
        let blob: PreparedBlob

        /// Inserts the blob and the run; returns the run with its new id.
        public func insert(in db: Database) throws -> RunRecord {
            try ExperimentLog.store(blob, at: run.createdAt, in: db)
            try db.insert(into: "runs", run.insertionPairs())
            var inserted = run
            inserted.id = db.lastInsertedRowID
            return inserted
        }
    }

    /// Validates a new run and compresses its initial container (see ``createRun``).
    public func prepareRun(client: String, source: String, mutator: String, settings: RunSettings, scorerVersion: String,
                           initialContainer: [UInt8], initialScore: ScoreVector, outDir: String?, status: RunStatus) throws -> PreparedRun
    {
        if client.isEmpty { throw ExperimentLogError.invalidRun("client is empty") }
        if mutator.isEmpty { throw ExperimentLogError.invalidRun("mutator is empty (client \(client))") }
        if status != .running && status != .queued { throw ExperimentLogError.invalidRun("a new run is running or queued, not \(status.rawValue)") }
        if let problem = initialScore.problem(label: "initial score") {
            throw ExperimentLogError.invalidRun("\(problem) (client \(client))")
        }
        let blob = try PreparedBlob(initialContainer, level: compressionLevel)
        let now = timestamp()
        let run = RunRecord(
            id: 0, client: client, source: source, mutator: mutator, settings: settings, scorerVersion: scorerVersion,
            status: status, stopReason: nil, initialSHA: blob.sha256, initialScore: initialScore, bestSHA: blob.sha256,
            bestScore: initialScore, bestRound: 0, roundsDone: 0, inputTokens: 0, outputTokens: 0, costUSD: 0, elapsedMs: 0,
            outDir: outDir, createdAt: now, updatedAt: now)
        do {
            _ = try run.insertionPairs()
            return PreparedRun(run: run, blob: blob)
        } catch {
            throw ExperimentLogError.invalidRun("settings cannot be stored as JSON (client \(client)): \(error)")
        }
    }

    /// Marks a run finished with a final status (`completed`, `stopped` or `failed`) and why.
    public func finishRun(_ id: Int64, status: RunStatus, stopReason: String?) throws {
        guard status != .running else { throw ExperimentLogError.invalidRun("run \(id): finishing needs a final status, not running") }
        try updateRun(id, "finish run \(id)", "status = \(status), stop_reason = \(stopReason)")
    }

    /// Marks a run running again, clearing its stop reason (resuming a stopped or interrupted run).
    public func markRunning(_ id: Int64) throws {
        try updateRun(id, "resume run \(id)", "status = \(RunStatus.running), stop_reason = NULL")
    }

    /// Sets (or clears) where the run's deliverables go.
    public func setOutDir(_ outDir: String?, for id: Int64) throws {
        try updateRun(id, "set out_dir of run \(id)", "out_dir = \(outDir)")
    }

    private func updateRun(_ id: Int64, _ operation: String, _ assignments: SQL) throws {
        let now = timestamp()
        try database(operation) {
            try writeImmediate { db in
                try db.execute(literal: "UPDATE runs SET \(assignments), updated_at = \(now) WHERE id = \(id)")
                if db.changesCount == 0 { throw ExperimentLogError.unknownRun(id) }
            }
        }
    }

    /// Sets a run's status inside the caller's transaction (the fleet finishes a run in the same
    /// commit as its last round). `from` limits the change to runs in one of those states.
    /// - Returns: whether the run changed.
    @discardableResult
    public static func setStatus(_ status: RunStatus, stopReason: String?, of id: Int64, from: Set<RunStatus>? = nil,
                                 in db: Database, now: Date = Date()) throws -> Bool
    {
        let states = (from ?? Set(RunStatus.allCases)).map(\.rawValue)
        try db.execute(literal: """
            UPDATE runs SET status = \(status), stop_reason = \(stopReason), updated_at = \(Timestamp.string(from: now))
            WHERE id = \(id) AND status IN \(states)
            """)
        return db.changesCount > 0
    }

    /// The run with this id, on a connection the caller holds.
    public static func run(_ id: Int64, in db: Database) throws -> RunRecord? {
        try RunRecord.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id])
    }

    // MARK: - Reads

    /// The run with this id, or nil.
    public func run(_ id: Int64) throws -> RunRecord? {
        try database("read run \(id)") { try pool.read { try Self.run(id, in: $0) } }
    }

    /// The most recent runs, newest first.
    public func runs(limit: Int) throws -> [RunRecord] {
        try database("list runs") {
            try pool.read { try RunRecord.fetchAll($0, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)]) }
        }
    }

    /// Every run of `client`, oldest first.
    public func runs(client: String) throws -> [RunRecord] {
        try database("list the runs of \(client)") {
            try pool.read { try RunRecord.fetchAll($0, sql: "SELECT * FROM runs WHERE client = ? ORDER BY id", arguments: [client]) }
        }
    }
}
