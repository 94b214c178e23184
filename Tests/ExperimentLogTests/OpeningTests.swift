import Foundation
import GRDB
import Testing
import TestSupport
@testable import ExperimentLog

@Suite struct OpeningTests {
    @Test func freshFileGetsTheSchemaAndReopeningKeepsIt() throws {
        try LogFixtures.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("log.sqlite").path
            let runId: Int64
            do {
                let log = try ExperimentLog(path: path)
                let objects = try log.pool.read {
                    try String.fetchSet($0, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
                }
                #expect(objects.isSuperset(of: ["runs", "rounds", "blobs", "run_progress", "round_summary", "target_summary"]))
                runId = try LogFixtures.createRun(log).id
                try log.close()
            }
            let reopened = try ExperimentLog(path: path)
            let migrations = try reopened.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            #expect(migrations == ["v1-experiment-log", "v2-experiment-log-queued-runs", "v3-experiment-log-round-qa"])
            #expect(try reopened.run(runId)?.client == "acme")
        }
    }

    @Test func pragmasAreInEffectOnTheWriter() throws {
        try LogFixtures.withLog { log, _ in
            let (journal, synchronous, busy, foreignKeys) = try log.pool.write { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                 try Int.fetchOne(db, sql: "PRAGMA busy_timeout"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
            }
            #expect(journal == "wal")
            #expect(synchronous == 1)  // NORMAL
            #expect(busy == 5000)
            #expect(foreignKeys == 1)
        }
    }

    @Test func everyWriteTransactionIsImmediate() throws {
        try LogFixtures.withTemporaryDirectory { directory in
            let statements = StatementLog()
            let log = try ExperimentLog(path: directory.appendingPathComponent("log.sqlite").path, busyTimeout: 5,
                                        compressionLevel: 3, clock: { Date() }) { db in
                let connection = db.description
                db.trace { statements.append(connection, "\($0)") }
            }
            let run = try LogFixtures.createRun(log)
            let candidate = LogFixtures.container(seed: 2)
            try log.record(LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: candidate), candidate: candidate)
            try log.storeBlob(LogFixtures.container(seed: 3))
            try log.finishRun(run.id, status: .completed, stopReason: "rounds")
            let writerBegins = statements.all.filter { $0.connection.contains("writer") && $0.sql.hasPrefix("BEGIN") }
            #expect(writerBegins.count >= 5)  // the migration and the four writes above
            #expect(writerBegins.allSatisfy { $0.sql == "BEGIN IMMEDIATE TRANSACTION" }, "\(writerBegins.map(\.sql))")
        }
    }

    @Test func migrationColumnsMatchWhatTheCodeWrites() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            let round = LogFixtures.round(1, of: run.id, .reverted, parent: run.initialSHA)
            let (roundColumns, runColumns) = try log.pool.read { db in
                (try db.columns(in: "rounds").map(\.name), try db.columns(in: "runs").map(\.name))
            }
            #expect(roundColumns == round.insertionPairs.map(\.0))
            #expect(runColumns == ["id"] + (try run.insertionPairs().map(\.0)))
        }
    }

    @Test func aFileThatIsNotADatabaseIsNamedInOneLine() throws {
        try LogFixtures.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("export.json").path
            let text = Corpus.file("015").flatMap { try? Data(contentsOf: $0) } ?? Data(String(repeating: #"{"tag":[]}"#, count: 200).utf8)
            try text.write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: ExperimentLogError.self) { try ExperimentLog(path: path) }
            #expect(error == .notADatabase(path: path))
            #expect(error.description == "\(path): not an SQLite database")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)  // left untouched
        }
    }

    @Test func aMissingDirectoryIsACleanOpenError() throws {
        try LogFixtures.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("no/such/dir/log.sqlite").path
            let error = try #require(throws: ExperimentLogError.self) { try ExperimentLog(path: path) }
            guard case .cannotOpen(let named, _) = error else { Issue.record("expected cannotOpen, got \(error)"); return }
            #expect(named == path)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func aNewerSchemaIsRefusedButOtherModulesMigrationsAreNot() throws {
        try LogFixtures.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("log.sqlite").path
            do {
                let log = try ExperimentLog(path: path)
                try log.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1-job-queue')") }
            }
            _ = try ExperimentLog(path: path)  // another module's migration: fine
            do {
                let log = try ExperimentLog(path: path)
                try log.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v2-experiment-log-lease')") }
            }
            let error = try #require(throws: ExperimentLogError.self) { try ExperimentLog(path: path) }
            #expect(error == .newerSchema(path: path, unknownMigrations: ["v2-experiment-log-lease"]))
            #expect(error.description.hasPrefix("\(path): written by a newer gtm-autoresearch"))
        }
    }

    @Test(.timeLimit(.minutes(1))) func processesOpeningAFreshFileTogetherAllSucceed() throws {
        for attempt in 0..<5 {
            try LogFixtures.withTemporaryDirectory { directory in
                let path = directory.appendingPathComponent("log-\(attempt).sqlite").path
                try LogFixtures.onThreads(4) { _ in
                    let log = try ExperimentLog(path: path)
                    _ = try log.runs(limit: 1)
                }
                let log = try ExperimentLog(path: path)
                #expect(try log.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations") } == Migrations.migrator.migrations.count)
            }
        }
    }

    @Test func defaultPathPrefersTheEnvironment() {
        #expect(ExperimentLog.defaultPath(environment: [:]) == "./gtm-autoresearch.sqlite")
        #expect(ExperimentLog.defaultPath(environment: ["GTM_AUTORESEARCH_DB": ""]) == "./gtm-autoresearch.sqlite")
        #expect(ExperimentLog.defaultPath(environment: ["GTM_AUTORESEARCH_DB": "/var/lib/x.sqlite"]) == "/var/lib/x.sqlite")
    }
}

/// Statements traced on every connection, with the connection's description.
final class StatementLog: @unchecked Sendable {
    // Invariant: `entries` is only touched with `lock` held (connections trace from their own queues).
    private let lock = NSLock()
    private var entries: [(connection: String, sql: String)] = []

    func append(_ connection: String, _ sql: String) { lock.withLock { entries.append((connection, sql)) } }
    var all: [(connection: String, sql: String)] { lock.withLock { entries } }

    @Test func aVersion1FileIsUpgradedKeepingItsRunsRoundsAndViews() throws {
        try LogFixtures.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("v1.sqlite").path
            // A file as the first release left it: only v1 applied, one run with one round.
            let scratch = try ExperimentLog(path: directory.appendingPathComponent("scratch.sqlite").path)
            let prepared = try scratch.prepareRun(client: "acme", source: "acme.json", mutator: "heuristic", settings: RunSettings(rounds: 30),
                                                  scorerVersion: "1", initialContainer: LogFixtures.container(seed: 1),
                                                  initialScore: LogFixtures.score(0.5), outDir: nil, status: .running)
            let pool = try DatabasePool(path: path)
            try Migrations.migrator.migrate(pool, upTo: "v1-experiment-log")
            let run = try pool.write { db in try prepared.insert(in: db) }
            try pool.write { db in try LogFixtures.insertBeforeQA(LogFixtures.round(1, of: run.id, .reverted, parent: run.bestSHA), in: db) }
            try pool.close()
            let upgraded = try ExperimentLog(path: path)
            #expect(try upgraded.run(run.id)?.roundsDone == 1)
            #expect(try upgraded.rounds(run: run.id).count == 1)
            let progress = try upgraded.pool.read { try Row.fetchOne($0, sql: "SELECT rounds_done, reverted FROM run_progress") }
            #expect(progress?["reverted"] == 1)
            let queued = try upgraded.createRun(client: "queued", source: "q.json", mutator: "heuristic", settings: RunSettings(rounds: 3),
                                                scorerVersion: "1", initialContainer: LogFixtures.container(seed: 9),
                                                initialScore: LogFixtures.score(0.5), outDir: nil, status: .queued)
            #expect(try upgraded.run(queued.id)?.status == .queued)
            let violations = try upgraded.pool.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
            #expect(violations.isEmpty)
        }
    }

    @Test func aVersion2FileGainsTheQAColumnKeepingItsRunsAndRounds() throws {
        try LogFixtures.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("v2.sqlite").path
            // A file as the queued-runs release left it: v1 and v2 applied, a run with a kept and a reverted round,
            // its settings written before scenarios existed.
            let pool = try DatabasePool(path: path)
            try Migrations.migrator.migrate(pool, upTo: "v2-experiment-log-queued-runs")
            let scratch = try ExperimentLog(path: directory.appendingPathComponent("scratch.sqlite").path)
            let prepared = try scratch.prepareRun(client: "acme", source: "acme.json", mutator: "heuristic", settings: RunSettings(rounds: 30),
                                                  scorerVersion: "1", initialContainer: LogFixtures.container(seed: 1),
                                                  initialScore: LogFixtures.score(0.5), outDir: nil, status: .running)
            let run = try pool.write { db in try prepared.insert(in: db) }
            let candidate = LogFixtures.container(seed: 2)
            let kept = LogFixtures.round(1, of: run.id, .kept, parent: run.bestSHA, candidate: candidate)
            try pool.write { db in
                // Settings as versions before scenarios wrote them.
                try ExperimentLog.store(try PreparedBlob(candidate, level: 3), at: "2026-05-02T03:04:05.000Z", in: db)
                try LogFixtures.insertBeforeQA(kept, in: db)
                try db.execute(sql: "UPDATE runs SET best_sha = ?, best_round = 1, settings = json_remove(settings, '$.scenarios')",
                               arguments: [kept.candidateSHA])
            }
            try pool.close()

            let upgraded = try ExperimentLog(path: path)
            let migrations = try upgraded.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            #expect(migrations.last == "v3-experiment-log-round-qa")
            let stored = try #require(try upgraded.run(run.id))
            #expect(stored.roundsDone == 1 && stored.settings.scenarios.isEmpty && stored.settings.rounds == 30)
            let rounds = try upgraded.rounds(run: run.id)
            #expect(rounds.count == 1 && rounds[0].qa == nil && rounds[0].candidateSHA == kept.candidateSHA)
            // New rounds record their QA; the column refuses what is not a JSON array.
            var next = LogFixtures.round(2, of: run.id, .kept, parent: stored.bestSHA, candidate: LogFixtures.container(seed: 3))
            next.qa = #"[{"check":"no_undefined_parameters","findings":[],"passed":true,"scenario":"lead-form"}]"#
            try upgraded.record(next, candidate: LogFixtures.container(seed: 3))
            #expect(try upgraded.round(run: run.id, round: 2)?.qa == next.qa)
            #expect(throws: (any Error).self) {
                try upgraded.pool.write { try $0.execute(sql: "UPDATE rounds SET qa = '{}' WHERE round = 2") }
            }
        }
    }
}
