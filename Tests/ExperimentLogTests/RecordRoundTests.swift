import Foundation
import GRDB
import Testing
@testable import ExperimentLog

@Suite struct RecordRoundTests {
    @Test func aNewRunStartsFromItsInitialContainer() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            #expect(run.id > 0)
            #expect(run.status == .running && run.stopReason == nil)
            #expect(run.bestSHA == run.initialSHA && run.bestScore == run.initialScore && run.bestRound == 0 && run.roundsDone == 0)
            #expect(run.createdAt == "2026-05-03T03:09:37.250Z")
            #expect(try log.run(run.id) == run)
            #expect(try log.blob(run.initialSHA) == LogFixtures.container(seed: 1))
            let settings = try LogFixtures.scalar(log, "SELECT json_extract(settings, '$.rounds') FROM runs", as: Int.self)
            #expect(settings == 30)
        }
    }

    @Test func aKeptRoundBecomesTheBestAndReadsBackEqual() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            let candidate = LogFixtures.container(seed: 2)
            let round = LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: candidate, after: 0.7)
            #expect(try log.record(round, candidate: candidate))
            #expect(try log.rounds(run: run.id) == [round])
            #expect(try log.round(run: run.id, round: 1) == round)
            #expect(try log.round(run: run.id, round: 2) == nil)
            let updated = try #require(try log.run(run.id))
            #expect(updated.bestSHA == ExperimentLog.sha256Hex(candidate))
            #expect(updated.bestScore == round.after)
            #expect(updated.bestRound == 1 && updated.roundsDone == 1)
            #expect(updated.inputTokens == 100 && updated.outputTokens == 20)
            #expect(updated.costUSD == 0.001 && updated.elapsedMs == 12.5)
            #expect(try log.blob(updated.bestSHA) == candidate)
        }
    }

    @Test func onlyKeptRoundsMoveTheBestWhileTotalsAccumulate() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            try log.record(LogFixtures.round(1, of: run.id, .reverted, parent: run.initialSHA, candidate: nil, after: 0.4), candidate: nil)
            try log.record(LogFixtures.round(2, of: run.id, .rejected, parent: run.initialSHA), candidate: nil)
            var updated = try #require(try log.run(run.id))
            #expect(updated.bestSHA == run.initialSHA && updated.bestScore == run.initialScore && updated.bestRound == 0)
            #expect(updated.roundsDone == 2 && updated.inputTokens == 200 && updated.elapsedMs == 25)
            let candidate = LogFixtures.container(seed: 3)
            try log.record(LogFixtures.round(3, of: run.id, .kept, parent: run.initialSHA, candidate: candidate), candidate: candidate)
            updated = try #require(try log.run(run.id))
            #expect(updated.bestRound == 3 && updated.bestSHA == ExperimentLog.sha256Hex(candidate))
            #expect(try LogFixtures.scalar(log, "SELECT count(*) FROM blobs", as: Int.self) == 2)  // initial + kept only
        }
    }

    @Test func aReplayReturnsFalseAndChangesNothing() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            let candidate = LogFixtures.container(seed: 2)
            let round = LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: candidate)
            #expect(try log.record(round, candidate: candidate))
            let afterFirst = try #require(try log.run(run.id))
            #expect(try !log.record(round, candidate: candidate))
            // A retried job may have recomputed the round differently: the first version stands.
            var different = round
            different.decision = .reverted
            different.inputTokens = 999
            #expect(try !log.record(different, candidate: nil))
            #expect(try log.run(run.id) == afterFirst)
            #expect(try log.rounds(run: run.id) == [round])
            #expect(try LogFixtures.scalar(log, "SELECT count(*) FROM rounds", as: Int.self) == 1)
        }
    }

    @Test func roundsMustBeConsecutive() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            #expect(throws: ExperimentLogError.roundOutOfOrder(run: run.id, round: 2, expected: 1)) {
                try log.record(LogFixtures.round(2, of: run.id, .rejected, parent: run.initialSHA), candidate: nil)
            }
            try log.record(LogFixtures.round(1, of: run.id, .rejected, parent: run.initialSHA), candidate: nil)
            #expect(throws: ExperimentLogError.roundOutOfOrder(run: run.id, round: 3, expected: 2)) {
                try log.record(LogFixtures.round(3, of: run.id, .rejected, parent: run.initialSHA), candidate: nil)
            }
            #expect(try log.run(run.id)?.roundsDone == 1)
        }
    }

    @Test func aKeptRoundFromAStaleParentIsRefused() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            let first = LogFixtures.container(seed: 2), second = LogFixtures.container(seed: 3)
            try log.record(LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: first), candidate: first)
            let stale = LogFixtures.round(2, of: run.id, .kept, parent: run.initialSHA, candidate: second)
            #expect(throws: ExperimentLogError.staleParent(run: run.id, round: 2, parent: run.initialSHA, best: ExperimentLog.sha256Hex(first))) {
                try log.record(stale, candidate: second)
            }
            #expect(try log.run(run.id)?.roundsDone == 1)
            #expect(try log.blob(ExperimentLog.sha256Hex(second)) == nil)  // the refused candidate was not stored
        }
    }

    @Test func aKeptCandidateAlreadyStoredNeedsNoBytes() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            let candidate = LogFixtures.container(seed: 2)
            try log.storeBlob(candidate)
            #expect(try log.record(LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: candidate), candidate: nil))
            #expect(try log.run(run.id)?.bestSHA == ExperimentLog.sha256Hex(candidate))
        }
    }

    @Test func roundsOfAnUnknownOrFinishedRunAreRefused() throws {
        try LogFixtures.withLog { log, _ in
            #expect(throws: ExperimentLogError.unknownRun(42)) {
                try log.record(LogFixtures.round(1, of: 42, .rejected, parent: String(repeating: "0", count: 64)), candidate: nil)
            }
            let run = try LogFixtures.createRun(log)
            try log.finishRun(run.id, status: .stopped, stopReason: "interrupted")
            let round = LogFixtures.round(1, of: run.id, .rejected, parent: run.initialSHA)
            #expect(throws: ExperimentLogError.runNotRunning(run: run.id, round: 1, status: .stopped)) { try log.record(round, candidate: nil) }
            try log.markRunning(run.id)
            #expect(try log.run(run.id)?.stopReason == nil)
            #expect(try log.record(round, candidate: nil))
        }
    }

    @Test func runStatusAndOutDirUpdates() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            try log.setOutDir("/tmp/out", for: run.id)
            try log.finishRun(run.id, status: .completed, stopReason: "rounds")
            let finished = try #require(try log.run(run.id))
            #expect(finished.status == .completed && finished.stopReason == "rounds" && finished.outDir == "/tmp/out")
            #expect(throws: ExperimentLogError.unknownRun(99)) { try log.finishRun(99, status: .failed, stopReason: "error: x") }
            #expect(throws: ExperimentLogError.unknownRun(99)) { try log.markRunning(99) }
            #expect(throws: ExperimentLogError.self) { try log.finishRun(run.id, status: .running, stopReason: nil) }
        }
    }

    @Test func runsAreListedNewestFirst() throws {
        try LogFixtures.withLog { log, _ in
            let ids = try (1...3).map { try LogFixtures.createRun(log, client: "c\($0)", seed: UInt64($0)).id }
            #expect(try log.runs(limit: 2).map(\.id) == [ids[2], ids[1]])
            #expect(try log.runs(limit: 10).map(\.client) == ["c3", "c2", "c1"])
            #expect(try log.runs(limit: 0).isEmpty)
        }
    }

    @Test func createRunRefusesAnInvalidInitialScore() throws {
        try LogFixtures.withLog { log, _ in
            let error = try #require(throws: ExperimentLogError.self) {
                try log.createRun(client: "acme", source: "a.json", mutator: "heuristic", settings: RunSettings(), scorerVersion: "1",
                                  initialContainer: [1, 2, 3], initialScore: ScoreVector(overall: 0.5, dimensions: [0.5]), outDir: nil)
            }
            #expect(error.description == "invalid run: initial score has 1 dimension scores, expected 9 (client acme)")
            #expect(try LogFixtures.scalar(log, "SELECT count(*) FROM blobs", as: Int.self) == 0)
        }
    }

    @Test func theStaticRecordJoinsTheCallersTransaction() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            let candidate = LogFixtures.container(seed: 2)
            let kept = LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: candidate)
            // The caller's transaction rolls back: the round, its blob and the run update go with it.
            try log.pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let recorded = try ExperimentLog.record(kept, candidate: candidate, in: db)
                    #expect(recorded)
                    return .rollback
                }
            }
            #expect(try log.run(run.id) == run)
            #expect(try log.blob(ExperimentLog.sha256Hex(candidate)) == nil)
            // A record that fails half-way inside a transaction the caller goes on to commit leaves
            // nothing behind: the injected failure comes after the candidate blob was inserted.
            try log.pool.write { db in
                try db.execute(sql: "CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT)")
                try db.execute(sql: "INSERT INTO jobs (state) VALUES ('done')")
                try db.execute(sql: "CREATE TEMP TRIGGER refuse_rounds BEFORE INSERT ON rounds BEGIN SELECT RAISE(ABORT, 'injected'); END")
                #expect(throws: DatabaseError.self) { try ExperimentLog.record(kept, candidate: candidate, in: db) }
                #expect(try ExperimentLog.blob(ExperimentLog.sha256Hex(candidate), in: db) == nil)
                try db.execute(sql: "DROP TRIGGER refuse_rounds")
                #expect(try ExperimentLog.record(kept, candidate: candidate, in: db))
            }
            #expect(try LogFixtures.scalar(log, "SELECT count(*) FROM jobs", as: Int.self) == 1)
            #expect(try log.run(run.id)?.bestRound == 1)
        }
    }
}
