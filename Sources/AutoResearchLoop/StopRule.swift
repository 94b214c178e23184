public import ExperimentLog

/// Step 7 of the round: the budgets and goals that end a run. Checked before each round, on
/// what the log says, so a resumed run stops where an uninterrupted one would have.
public enum StopRule {
    /// The reason code stored in `runs.stop_reason`, or nil to go on.
    public static func reason(for run: RunRecord, trailingMisses: Int) -> String? {
        let s = run.settings
        if let rounds = s.rounds, run.roundsDone >= rounds { return "rounds" }
        if let minutes = s.maxMinutes, run.elapsedMs >= minutes * 60_000 { return "minutes" }
        if let cost = s.maxCostUSD, run.costUSD >= cost { return "cost" }
        if let target = s.targetScore, run.bestScore.overall >= target { return "target" }
        if let plateau = s.plateau, trailingMisses >= plateau { return "plateau" }
        return nil
    }
}
