public import ExperimentLog
import Foundation

/// Writes a run's deliverables from the database: `winning-config.json` (the best blob, byte for
/// byte), `report.html`, `rounds.jsonl`, and the staging workspace. Re-running it rewrites the
/// same files, so `report RUN` can regenerate them at any time.
public struct RunOutput: Sendable {
    public var log: ExperimentLog
    public var run: RunRecord
    public var outOverride: String?
    public var stagingOverride: String?

    public init(log: ExperimentLog, run: RunRecord, outOverride: String? = nil, stagingOverride: String? = nil) {
        self.log = log
        self.run = run
        self.outOverride = outOverride
        self.stagingOverride = stagingOverride
    }

    /// Where each file went.
    public struct Written: Sendable {
        public var folder: String
        public var winningConfig: String
        public var report: String
        public var rounds: String
        public var staging: String
    }

    /// The folder, defaulting to the run's stored `out_dir`, else `out/<client>/<date>`; the staging
    /// workspace defaults to `out/<client>/staging` (or `<out>/staging` with an override).
    public func write() throws -> Written {
        let folder = outOverride ?? run.outDir ?? "out/\(run.client)/\(String(run.createdAt.prefix(10)))"
        let staging = stagingOverride ?? (outOverride != nil ? "\(folder)/staging" : "out/\(run.client)/staging")
        guard let best = try log.blob(run.bestSHA) else { throw RunOutputError("run \(run.id): its best container \(run.bestSHA) is missing") }
        let rounds = try log.rounds(run: run.id)
        let qa = try qaBaseline(best: best)
        do { try FileOperations.makeDirectory(folder) } catch {
            throw RunOutputError("\(error); run \(run.id) is recorded: write its files with `gtm-autoresearch report \(run.id) --out DIR`")
        }
        let written = Written(folder: folder, winningConfig: "\(folder)/winning-config.json", report: "\(folder)/report.html",
                              rounds: "\(folder)/rounds.jsonl", staging: staging)
        do {
            try FileOperations.writeAtomically(best, to: written.winningConfig)
            let report = HTMLReport(run: run, rounds: rounds, generatedAt: Timestamp.string(from: Date()), qa: qa)
            try FileOperations.writeAtomically(Array(report.render().utf8), to: written.report)
            try FileOperations.writeAtomically(Array(RoundsJSONL.document(for: rounds).utf8), to: written.rounds)
            try StagingWorkspace(root: staging).publish(
                container: best, sha256: run.bestSHA, client: run.client, runId: run.id, date: String(run.createdAt.prefix(10)),
                score: run.bestScore.overall, summary: ChangeSummary.markdown(run: run, rounds: rounds))
        } catch {
            throw RunOutputError("\(error)")
        }
        return written
    }
}

extension RunOutput {
    /// The run's QA baseline for the report (the initial container simulated again).
    private func qaBaseline(best: [UInt8]) throws -> RunQA? {
        let initial = run.initialSHA == run.bestSHA ? best : try log.blob(run.initialSHA)
        guard let initial else { throw RunOutputError("run \(run.id): its initial container \(run.initialSHA) is missing") }
        do { return try RunQA.derive(run: run, initialContainer: initial) } catch {
            throw RunOutputError("run \(run.id): the preview simulator cannot run its initial container: \(error)")
        }
    }
}

/// Why the deliverables could not be written, in one line; the rounds are in the database either way.
public struct RunOutputError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
