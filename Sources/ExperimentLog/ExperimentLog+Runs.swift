import Foundation
import GRDB

extension ExperimentLog {
    // MARK: - Writes

    /// Starts a run: stores the initial container and inserts the run in one transaction. The new
    /// run is `running`, with the initial container as its best (`bestRound` 0) and no rounds.
    /// - Throws: ``ExperimentLogError/invalidRun(_:)`` for an empty client or mutator, an invalid
    ///   initial score or unencodable settings (nothing is written).
    public func createRun(client: String, source: String, mutator: String, settings: RunSettings, scorerVersion: String,
                          initialContainer: [UInt8], initialScore: ScoreVector, outDir: String?) throws -> RunRecord
    {
        if client.isEmpty { throw ExperimentLogError.invalidRun("client is empty") }
        if mutator.isEmpty { throw ExperimentLogError.invalidRun("mutator is empty (client \(client))") }
        if let problem = initialScore.problem(label: "initial score") {
            throw ExperimentLogError.invalidRun("\(problem) (client \(client))")
        }
        let blob = try PreparedBlob(initialContainer, level: compressionLevel)
        let now = timestamp()
        var run = RunRecord(
            id: 0, client: client, source: source, mutator: mutator, settings: settings, scorerVersion: scorerVersion,
            status: .running, stopReason: nil, initialSHA: blob.sha256, initialScore: initialScore, bestSHA: blob.sha256,
            bestScore: initialScore, bestRound: 0, roundsDone: 0, inputTokens: 0, outputTokens: 0, costUSD: 0, elapsedMs: 0,
            outDir: outDir, createdAt: now, updatedAt: now)
        let pairs: [(String, (any DatabaseValueConvertible)?)]
        do {
            pairs = try run.insertionPairs()
        } catch {
            throw ExperimentLogError.invalidRun("settings cannot be stored as JSON (client \(client)): \(error)")
        }
        run.id = try database("create run for client \(client)") {
            try writeImmediate { db in
                try Self.store(blob, at: now, in: db)
                try db.insert(into: "runs", pairs)
                return db.lastInsertedRowID
            }
        }
        return run
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

    static func run(_ id: Int64, in db: Database) throws -> RunRecord? {
        try RunRecord.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id])
    }
}
