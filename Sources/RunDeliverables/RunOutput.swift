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
    /// Whether ``write()`` also publishes to the staging workspace. The fleet's round worker
    /// writes only the run's own files and leaves the workspace to the run's `deliver` job, the
    /// one writer that knows the night's winner.
    public var publishesStaging = true

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

    /// A run's deliverables as bytes, for the files here and for a bucket.
    public struct Documents: Sendable {
        /// The best container, byte for byte as stored.
        public var winningConfig: [UInt8]
        public var report: [UInt8]
        public var rounds: [UInt8]
        /// The staging workspace's `CHANGES.md`.
        public var changes: String
    }

    /// Renders the deliverables from the database.
    public func documents() throws -> Documents {
        guard let best = try log.blob(run.bestSHA) else { throw RunOutputError("run \(run.id): its best container \(run.bestSHA) is missing") }
        let rounds = try log.rounds(run: run.id)
        let qa = try qaBaseline(best: best)
        return Documents(winningConfig: best,
                         report: Array(HTMLReport(run: run, rounds: rounds, generatedAt: Timestamp.string(from: Date()), qa: qa).render().utf8),
                         rounds: Array(RoundsJSONL.document(for: rounds).utf8),
                         changes: ChangeSummary.markdown(run: run, rounds: rounds))
    }

    /// The folder, defaulting to the run's stored `out_dir`, else `out/<client>/<night>`; the
    /// staging workspace defaults to ``staging(for:)`` (or `<out>/staging` with an override).
    @discardableResult
    public func write() throws -> Written {
        try write(documents())
    }

    /// Writes `documents` (from ``documents()``).
    @discardableResult
    public func write(_ documents: Documents) throws -> Written {
        let folder = outOverride ?? run.outDir ?? "out/\(run.client)/\(run.night)"
        let staging = stagingOverride ?? (outOverride != nil ? "\(folder)/staging" : RunOutput.staging(for: run))
        do { try FileOperations.makeDirectory(folder) } catch {
            throw RunOutputError("\(error); run \(run.id) is recorded: write its files with `gtm-autoresearch report \(run.id) --out DIR`")
        }
        let written = Written(folder: folder, winningConfig: "\(folder)/winning-config.json", report: "\(folder)/report.html",
                              rounds: "\(folder)/rounds.jsonl", staging: staging)
        do {
            try FileOperations.writeAtomically(documents.winningConfig, to: written.winningConfig)
            try FileOperations.writeAtomically(documents.report, to: written.report)
            try FileOperations.writeAtomically(documents.rounds, to: written.rounds)
            if publishesStaging {
                try StagingWorkspace(root: staging).publish(
                    container: documents.winningConfig, sha256: run.bestSHA, client: run.client, runId: run.id, date: run.night,
                    score: run.bestScore.overall, summary: documents.changes)
            }
        } catch {
            throw RunOutputError("\(error)")
        }
        return written
    }

    /// Where a run's client keeps its local staging workspace unless told otherwise.
    ///
    /// A run folder named for its night (`out/<client>/<YYYY-MM-DD>`, the default and what the
    /// scheduler makes) sits in the client's folder, which holds the workspace:
    /// `out/<client>/staging`. A folder chosen with `--out` holds its own, `<out>/staging`, as
    /// `run --out` does. Without a folder: `out/<client>/staging`.
    public static func staging(for run: RunRecord) -> String {
        guard let outDir = run.outDir, !outDir.isEmpty else { return "out/\(run.client)/staging" }
        var folder = outDir
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        let slash = folder.lastIndex(of: "/")
        let name = slash.map { String(folder[folder.index(after: $0)...]) } ?? folder
        guard StagingWorkspace.isDate(name) else { return "\(folder)/staging" }
        guard let slash else { return "staging" }
        return folder[..<slash].isEmpty ? "/staging" : "\(folder[..<slash])/staging"
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
