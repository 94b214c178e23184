public import GRDB
import Foundation

// Fetchable but deliberately not persistable: every write goes through `ExperimentLog`, which
// validates it and keeps `runs` and `rounds` consistent in one transaction.
extension RunRecord: FetchableRecord, TableRecord {
    public static var databaseTableName: String { "runs" }

    public init(row: Row) throws {
        let id = (try? row.decode(Int64.self, forColumn: "id")).map(String.init) ?? "?"
        let reader = RowReader(row: row, table: "runs", key: "run \(id)")
        let settingsText = try reader.value("settings", as: String.self)
        let settings: RunSettings
        do {
            settings = try JSONDecoder().decode(RunSettings.self, from: Data(settingsText.utf8))
        } catch {
            throw reader.corrupt("settings are not RunSettings JSON (\(error))")
        }
        guard let initialScore = try reader.scores("initial") else { throw reader.corrupt("initial_score is NULL") }
        guard let bestScore = try reader.scores("best") else { throw reader.corrupt("best_score is NULL") }
        self.init(
            id: try reader.value("id"), client: try reader.value("client"), source: try reader.value("source"),
            mutator: try reader.value("mutator"), settings: settings, scorerVersion: try reader.value("scorer_version"),
            status: try reader.value("status"), stopReason: try reader.optional("stop_reason"),
            initialSHA: try reader.value("initial_sha"), initialScore: initialScore,
            bestSHA: try reader.value("best_sha"), bestScore: bestScore, bestRound: try reader.value("best_round"),
            roundsDone: try reader.value("rounds_done"), inputTokens: try reader.value("input_tokens"),
            outputTokens: try reader.value("output_tokens"), costUSD: try reader.value("cost_usd"),
            elapsedMs: try reader.value("elapsed_ms"), outDir: try reader.optional("out_dir"),
            createdAt: try reader.value("created_at"), updatedAt: try reader.value("updated_at"))
    }

    /// The row to insert for a new run (the id is assigned by SQLite).
    func insertionPairs() throws -> [(String, (any DatabaseValueConvertible)?)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let settingsText = String(decoding: try encoder.encode(settings), as: UTF8.self)
        return [("client", client), ("source", source), ("mutator", mutator), ("settings", settingsText),
                ("scorer_version", scorerVersion), ("status", status), ("stop_reason", stopReason),
                ("initial_sha", initialSHA)]
            + ScoreColumns.pairs("initial", initialScore)
            + [("best_sha", bestSHA)]
            + ScoreColumns.pairs("best", bestScore)
            + [("best_round", bestRound), ("rounds_done", roundsDone), ("input_tokens", inputTokens),
               ("output_tokens", outputTokens), ("cost_usd", costUSD), ("elapsed_ms", elapsedMs), ("out_dir", outDir),
               ("created_at", createdAt), ("updated_at", updatedAt)]
    }
}

extension RunStatus: DatabaseValueConvertible {}
extension RoundDecision: DatabaseValueConvertible {}
