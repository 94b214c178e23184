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
        if let problem = Self.makeFolder(folder) {
            throw CommandFailure("\(folder): cannot create the output folder (\(problem)); run \(run.id) is recorded: write its files with `gtm-autoresearch report \(run.id) --out DIR`")
        }
        let written = Written(folder: folder, winningConfig: "\(folder)/winning-config.json", report: "\(folder)/report.html",
                              rounds: "\(folder)/rounds.jsonl", staging: staging)
        try Self.save(best, to: written.winningConfig)
        try Self.save(Array(HTMLReport(run: run, rounds: rounds, generatedAt: Timestamp.now()).render().utf8), to: written.report)
        try Self.save(Array(RoundsJSONL.document(for: rounds).utf8), to: written.rounds)
        do {
            try StagingWorkspace(root: staging).publish(
                container: best, sha256: run.bestSHA, client: run.client, runId: run.id, date: String(run.createdAt.prefix(10)),
                score: run.bestScore.overall, summary: ChangeSummary.markdown(run: run, rounds: rounds))
        } catch {
            throw CommandFailure("\(error)")
        }
        return written
    }

    /// Creates `path` and its parents; the reason when it cannot, naming the component in the way.
    static func makeFolder(_ path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isFolder) {
                if !isFolder.boolValue { return "\(prefix) is a file" }
                continue
            }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { return "\(prefix): \(String(cString: strerror(errno)))" }
        }
        return nil
    }

    /// Writes through a temporary file and a rename, so a reader never sees half a file.
    static func save(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw CommandFailure("\(path): cannot write (permission denied, or the disk is full)")
        }
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw CommandFailure("\(path): cannot write: \(String(cString: strerror(errno)))")
        }
    }
}
