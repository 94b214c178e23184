import AutoResearchLoop
import ExperimentLog
import Foundation
import RunDeliverables

/// Writes a run's deliverables from the database: `winning-config.json` (the best blob, byte for
/// byte), `report.html`, `rounds.jsonl`, and the staging workspace. Re-running it rewrites the
/// same files, so `report RUN` can regenerate them at any time.
struct RunOutput {
    var log: ExperimentLog
    var run: RunRecord
    var outOverride: String?
    var stagingOverride: String?

    struct Written {
        var folder: String
        var winningConfig: String
        var report: String
        var rounds: String
        var staging: String
    }

    func write() throws -> Written {
        let folder = outOverride ?? run.outDir ?? "out/\(run.client)/\(String(run.createdAt.prefix(10)))"
        let staging = stagingOverride ?? (outOverride != nil ? "\(folder)/staging" : "out/\(run.client)/staging")
        guard let best = try log.blob(run.bestSHA) else { throw CommandFailure("run \(run.id): its best container \(run.bestSHA) is missing") }
        let rounds = try log.rounds(run: run.id)
        do { try FileOperations.makeDirectory(folder) } catch {
            throw CommandFailure("\(error); run \(run.id) is recorded: write its files with `gtm-autoresearch report \(run.id) --out DIR`")
        }
        let written = Written(folder: folder, winningConfig: "\(folder)/winning-config.json", report: "\(folder)/report.html",
                              rounds: "\(folder)/rounds.jsonl", staging: staging)
        do {
            try FileOperations.writeAtomically(best, to: written.winningConfig)
            try FileOperations.writeAtomically(Array(HTMLReport(run: run, rounds: rounds, generatedAt: Timestamp.now()).render().utf8), to: written.report)
            try FileOperations.writeAtomically(Array(RoundsJSONL.document(for: rounds).utf8), to: written.rounds)
            try StagingWorkspace(root: staging).publish(
                container: best, sha256: run.bestSHA, client: run.client, runId: run.id, date: String(run.createdAt.prefix(10)),
                score: run.bestScore.overall, summary: ChangeSummary.markdown(run: run, rounds: rounds))
        } catch {
            throw CommandFailure("\(error)")
        }
        return written
    }
}
