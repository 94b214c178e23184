import Foundation
import GRDB
import Testing
@testable import ExperimentLog

@Suite struct ViewTests {
    /// A run of five rounds: kept, reverted, rejected, kept, reverted (regressed).
    static func recordFiveRounds(_ log: ExperimentLog) throws -> RunRecord {
        let run = try LogFixtures.createRun(log)
        let first = LogFixtures.container(seed: 2), second = LogFixtures.container(seed: 3)
        try log.record(LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: first, before: 0.5, after: 0.6), candidate: first)
        let best1 = ExperimentLog.sha256Hex(first)
        try log.record(LogFixtures.round(2, of: run.id, .reverted, parent: best1, before: 0.6, after: 0.55), candidate: nil)
        try log.record(LogFixtures.round(3, of: run.id, .rejected, parent: best1, before: 0.6), candidate: nil)
        var kept = LogFixtures.round(4, of: run.id, .kept, parent: best1, candidate: second, before: 0.6, after: 0.75)
        kept.target = "naming"
        try log.record(kept, candidate: second)
        var regressed = LogFixtures.round(5, of: run.id, .reverted, parent: ExperimentLog.sha256Hex(second), before: 0.75, after: 0.8)
        regressed.reason = "regressed"
        regressed.regressedDimension = "folders"
        try log.record(regressed, candidate: nil)
        return run
    }

    @Test func runProgressCountsDecisionsAndShowsTheLastRound() throws {
        try LogFixtures.withLog { log, _ in
            let run = try Self.recordFiveRounds(log)
            let row = try #require(try log.pool.read { try Row.fetchOne($0, sql: "SELECT * FROM run_progress WHERE id = ?", arguments: [run.id]) })
            #expect(row["client"] == "acme")
            #expect(row["status"] == "running")
            #expect(row["rounds_done"] == 5)
            #expect(row["kept"] == 2)
            #expect(row["reverted"] == 2)
            #expect(row["rejected"] == 1)
            #expect(row["initial_score"] == 0.5)
            #expect(row["best_score"] == 0.75)
            #expect(row["best_round"] == 4)
            #expect(row["last_decision"] == "reverted")
            #expect(row["last_reason"] == "regressed")
            #expect(abs((row["cost_usd"] as Double) - 0.005) < 1e-12)
            #expect(row["updated_at"] == "2026-05-03T03:09:37.250Z")
            // A run without rounds shows zero counts and no last decision.
            let empty = try LogFixtures.createRun(log, client: "beta", seed: 9)
            let emptyRow = try #require(try log.pool.read { try Row.fetchOne($0, sql: "SELECT * FROM run_progress WHERE id = ?", arguments: [empty.id]) })
            #expect(emptyRow["kept"] == 0 && emptyRow["rejected"] == 0)
            #expect((emptyRow["last_decision"] as String?) == nil)
        }
    }

    @Test func roundAndTargetSummariesGroupRounds() throws {
        try LogFixtures.withLog { log, _ in
            let run = try Self.recordFiveRounds(log)
            let byReason = try log.pool.read {
                try Row.fetchAll($0, sql: "SELECT decision, reason, rounds, mean_gain FROM round_summary WHERE run_id = ? ORDER BY decision, reason", arguments: [run.id])
            }
            #expect(byReason.map { "\($0["decision"] as String)/\($0["reason"] as String)=\($0["rounds"] as Int)" }
                == ["kept/improved=2", "rejected/patch_failed=1", "reverted/not_improved=1", "reverted/regressed=1"])
            #expect((byReason[1]["mean_gain"] as Double?) == nil)  // rejected before scoring
            #expect(abs((byReason[0]["mean_gain"] as Double) - 0.125) < 1e-12)
            let byTarget = try log.pool.read {
                try Row.fetchAll($0, sql: "SELECT target, rounds, kept, gain FROM target_summary WHERE run_id = ? ORDER BY target", arguments: [run.id])
            }
            #expect(byTarget.map { $0["target"] as String } == ["consent", "naming"])
            #expect(byTarget.map { $0["kept"] as Int } == [1, 1])
            #expect(abs((byTarget[1]["gain"] as Double) - 0.15) < 1e-12)
        }
    }

    @Test(.enabled(if: SQLiteShell.path != nil, "the sqlite3 shell is not installed"))
    func theSQLiteShellReadsTheLogWhileItIsOpenAndAfter() throws {
        try LogFixtures.withLog { log, path in
            let run = try Self.recordFiveRounds(log)
            let query = "select id, client, status, rounds_done, kept, reverted, rejected, best_round, last_decision from run_progress"
            let expected = "\(run.id)|acme|running|5|2|2|1|4|reverted\n"
            #expect(try SQLiteShell.run(path, query) == expected)
            // The shell's read does not block the log's next write.
            try log.finishRun(run.id, status: .completed, stopReason: "rounds")
            #expect(try SQLiteShell.run(path, "select status, stop_reason from runs") == "completed|rounds\n")
            try log.close()
            #expect(try SQLiteShell.run(path, "select count(*) from rounds") == "5\n")
        }
    }
}

/// The `sqlite3` command-line shell, run read-only.
enum SQLiteShell {
    static let path: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":").map { "\($0)/sqlite3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The shell's standard output for `sql` on `database`; throws when it exits non-zero.
    static func run(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "sqlite3")
        process.arguments = ["-readonly", database, sql]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ShellError(status: process.terminationStatus, stderr: errorText) }
        return text
    }

    struct ShellError: Error, CustomStringConvertible {
        let status: Int32, stderr: String
        var description: String { "sqlite3 exited \(status): \(stderr)" }
    }
}
