public import GRDB

// Fetchable but deliberately not persistable: rounds are written only by `ExperimentLog.record`,
// which validates them and updates the run in the same transaction.
extension RoundRecord: FetchableRecord, TableRecord {
    public static var databaseTableName: String { "rounds" }

    public init(row: Row) throws {
        let runId = (try? row.decode(Int64.self, forColumn: "run_id")).map(String.init) ?? "?"
        let round = (try? row.decode(Int.self, forColumn: "round")).map(String.init) ?? "?"
        let reader = RowReader(row: row, table: "rounds", key: "run \(runId) round \(round)")
        guard let before = try reader.scores("before") else { throw reader.corrupt("before_score is NULL") }
        self.init(
            runId: try reader.value("run_id"), round: try reader.value("round"), target: try reader.value("target"),
            rule: try reader.optional("rule"), mutator: try reader.value("mutator"), rationale: try reader.value("rationale"),
            patch: try reader.value("patch"), appliedPatch: try reader.optional("applied_patch"), diff: try reader.value("diff"),
            before: before, after: try reader.scores("after"), decision: try reader.value("decision"),
            reason: try reader.value("reason"), detail: try reader.value("detail"),
            regressedDimension: try reader.optional("regressed_dimension"), parentSHA: try reader.value("parent_sha"),
            candidateSHA: try reader.optional("candidate_sha"), inputTokens: try reader.value("input_tokens"),
            outputTokens: try reader.value("output_tokens"), costUSD: try reader.value("cost_usd"),
            durationMs: try reader.value("duration_ms"), startedAt: try reader.value("started_at"),
            finishedAt: try reader.value("finished_at"), qa: try reader.optional("qa"))
    }

    /// Every column of the row, in table order.
    var insertionPairs: [(String, (any DatabaseValueConvertible)?)] {
        [("run_id", runId), ("round", round), ("target", target), ("rule", rule), ("mutator", mutator),
         ("rationale", rationale), ("patch", patch), ("applied_patch", appliedPatch), ("diff", diff)]
            + ScoreColumns.pairs("before", before)
            + ScoreColumns.pairs("after", after)
            + [("decision", decision), ("reason", reason), ("detail", detail), ("regressed_dimension", regressedDimension),
               ("parent_sha", parentSHA), ("candidate_sha", candidateSHA), ("input_tokens", inputTokens),
               ("output_tokens", outputTokens), ("cost_usd", costUSD), ("duration_ms", durationMs),
               ("started_at", startedAt), ("finished_at", finishedAt), ("qa", qa)]
    }
}
