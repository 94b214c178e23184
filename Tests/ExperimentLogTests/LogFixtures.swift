import Foundation
import GRDB
import TestSupport
@testable import ExperimentLog

/// Temp-file logs and sample records for the experiment-log tests.
enum LogFixtures {
    /// Runs `body` with a fresh temporary directory, removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("experiment-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Runs `body` with a log on a fresh file in a temporary directory.
    static func withLog<T>(busyTimeout: TimeInterval = 5, _ body: (ExperimentLog, String) throws -> T) throws -> T {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("log.sqlite").path
            let log = try ExperimentLog(path: path, busyTimeout: busyTimeout, clock: { fixedNow })
            return try body(log, path)
        }
    }

    static let fixedNow = Date(timeIntervalSince1970: 1_777_777_777.25)

    /// A score vector with every dimension at `dimension`.
    static func score(_ overall: Double, dimension: Double = 0.5) -> ScoreVector {
        ScoreVector(overall: overall, dimensions: Array(repeating: dimension, count: 9))
    }

    /// Container-like JSON bytes, different for each seed (compressible, as real exports are).
    static func container(seed: UInt64, entities: Int = 40) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        let tags = (0..<entities).map { index in
            let (name, event, trigger) = (random.next() % 1000, random.next() % 97, random.next() % 50)
            return #"{"tagId":"\#(index)","name":"GA4 - event \#(name)","type":"gaawe","#
                + #""parameter":[{"type":"TEMPLATE","key":"eventName","value":"purchase_\#(event)"}],"firingTriggerId":["\#(trigger)"]}"#
        }
        return Array(#"{"exportFormatVersion":2,"containerVersion":{"tag":[\#(tags.joined(separator: ","))]}}"#.utf8)
    }

    /// Incompressible bytes.
    static func noise(count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    static func createRun(_ log: ExperimentLog, client: String = "acme", seed: UInt64 = 1) throws -> RunRecord {
        try log.createRun(client: client, source: "acme.json", mutator: "heuristic", settings: RunSettings(rounds: 30, seed: 7),
                          scorerVersion: "1.0.0", initialContainer: container(seed: seed), initialScore: score(0.5), outDir: nil)
    }

    /// A valid round of `decision` on `run`, starting from `parent`; kept rounds get `candidate`'s hash.
    static func round(_ number: Int, of run: Int64, _ decision: RoundDecision, parent: String, candidate: [UInt8]? = nil,
                      before: Double = 0.5, after: Double? = 0.6) -> RoundRecord
    {
        RoundRecord(
            runId: run, round: number, target: "consent", rule: "consent.not_set", mutator: "heuristic",
            rationale: "declare consent", patch: #"[{"op":"add"}]"#, appliedPatch: #"[{"op":"add","path":"/x"}]"#,
            diff: "--- a\n+++ b\n", before: score(before), after: decision == .rejected ? nil : after.map { score($0, dimension: 0.6) },
            decision: decision, reason: decision == .kept ? "improved" : decision == .reverted ? "not_improved" : "patch_failed",
            detail: "", regressedDimension: nil, parentSHA: parent,
            candidateSHA: candidate.map(ExperimentLog.sha256Hex),
            inputTokens: 100, outputTokens: 20, costUSD: 0.001, durationMs: 12.5,
            startedAt: "2026-05-02T03:04:05.000Z", finishedAt: "2026-05-02T03:04:05.012Z")
    }

    /// Writes `round` as a file from before `v3-experiment-log-round-qa` holds it (no `qa`
    /// column), and counts it in its run.
    static func insertBeforeQA(_ round: RoundRecord, in db: Database) throws {
        try db.insert(into: "rounds", round.insertionPairs.filter { $0.0 != "qa" })
        try db.execute(sql: "UPDATE runs SET rounds_done = ? WHERE id = ?", arguments: [round.round, round.runId])
    }

    /// One value from the database, read on the pool.
    static func scalar<T: DatabaseValueConvertible>(_ log: ExperimentLog, _ sql: String, as type: T.Type = T.self) throws -> T? {
        try log.pool.read { try T.fetchOne($0, sql: sql) }
    }

    /// Runs `body(i)` for `i` in `0..<count` on that many threads at once and rethrows the first error.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let group = DispatchGroup()
        let errors = ErrorBox()
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do { try body(index) } catch { errors.add(error) }
            }
            thread.start()
        }
        group.wait()
        if let error = errors.first { throw error }
    }
}

/// Errors collected from several threads.
final class ErrorBox: @unchecked Sendable {
    // Invariant: `errors` is only touched with `lock` held.
    private let lock = NSLock()
    private var errors: [any Error] = []

    func add(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
    var all: [any Error] { lock.withLock { errors } }
}
