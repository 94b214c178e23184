import Foundation
import Testing
@testable import ExperimentLog

@Suite struct RoundValidationTests {
    /// A kept round with a candidate, broken in one way each, and the reason its error must contain.
    static let cases: [(name: String, reason: String, breakIt: @Sendable (inout RoundRecord) -> Void)] = [
        ("NaN score", "before.consent is nan", { $0.before.dimensions[3] = .nan }),
        ("overall above 1", "after.overall is 1.5", { $0.after?.overall = 1.5 }),
        ("negative dimension", "after.alignment is -0.1", { $0.after?.dimensions[8] = -0.1 }),
        ("infinite overall", "before.overall is inf", { $0.before.overall = .infinity }),
        ("eight dimensions", "before has 8 dimension scores, expected 9", { $0.before.dimensions.removeLast() }),
        ("bad parent sha", "parent SHA-256", { $0.parentSHA = String(repeating: "G", count: 64) }),
        ("short candidate sha", "candidate SHA-256", { $0.candidateSHA = "abc" }),
        ("kept without candidate", "kept without a candidate", { $0.candidateSHA = nil }),
        ("kept without after", "kept without an after score", { $0.after = nil }),
        ("reverted without after", "reverted without an after score", { $0.decision = .reverted; $0.after = nil }),
        ("round zero", "rounds are numbered from 1", { $0.round = 0 }),
        ("unknown target", "target \"speed\" is not a dimension", { $0.target = "speed" }),
        ("unknown regressed dimension", "regressed dimension", { $0.regressedDimension = "Consent" }),
        ("negative tokens", "token counts are negative", { $0.outputTokens = -1 }),
        ("NaN cost", "cost nan", { $0.costUSD = .nan }),
        ("negative duration", "duration -1.0 ms", { $0.durationMs = -1 }),
        ("local time", "started_at", { $0.startedAt = "2026-05-02 03:04:05" }),
        ("offset time", "finished_at", { $0.finishedAt = "2026-05-02T03:04:05+02:00" }),
        ("time running backwards", "is before started_at", { $0.finishedAt = "2026-05-02T03:04:04Z" }),
        ("empty reason", "reason is empty", { $0.reason = "" }),
        ("QA that is not an array", "qa is not a JSON array", { $0.qa = #"{"check":"nothing_before_consent"}"# }),
        ("QA that is not JSON", "qa is not a JSON array", { $0.qa = "all good" }),
        ("QA on a reverted round", "kept rounds only", { $0.decision = .reverted; $0.qa = "[]" }),
    ]

    @Test(arguments: cases.indices)
    func anInvalidRoundThrowsAndWritesNothing(index: Int) throws {
        let (name, reason, breakIt) = Self.cases[index]
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            let candidate = LogFixtures.container(seed: 2)
            var round = LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: candidate)
            try round.validate()
            breakIt(&round)
            let error = try #require(throws: ExperimentLogError.self, "\(name)") { try log.record(round, candidate: candidate) }
            guard case .invalidRound(run.id, round.round, let message) = error else { Issue.record("\(name): got \(error)"); return }
            #expect(message.contains(reason), "\(name): \(message)")
            #expect(!error.description.contains("\n"))
            #expect(try log.run(run.id) == run, "\(name)")
            #expect(try LogFixtures.scalar(log, "SELECT count(*) FROM rounds", as: Int.self) == 0)
            #expect(try LogFixtures.scalar(log, "SELECT count(*) FROM blobs", as: Int.self) == 1, "\(name): only the initial container")
        }
    }

    @Test func aKeptRoundWhoseCandidateIsNeitherGivenNorStoredThrows() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            let candidate = LogFixtures.container(seed: 2)
            let round = LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: candidate)
            #expect(throws: ExperimentLogError.missingCandidate(run: run.id, round: 1, sha: ExperimentLog.sha256Hex(candidate))) {
                try log.record(round, candidate: nil)
            }
            #expect(try log.run(run.id) == run)
            #expect(try log.rounds(run: run.id).isEmpty)
        }
    }

    @Test func candidateBytesMustHashToTheDeclaredSHA() throws {
        try LogFixtures.withLog { log, _ in
            let run = try LogFixtures.createRun(log)
            let candidate = LogFixtures.container(seed: 2), other = LogFixtures.container(seed: 3)
            let round = LogFixtures.round(1, of: run.id, .kept, parent: run.initialSHA, candidate: candidate)
            let error = try #require(throws: ExperimentLogError.self) { try log.record(round, candidate: other) }
            #expect(error == .candidateMismatch(run: run.id, round: 1, declared: ExperimentLog.sha256Hex(candidate),
                                                 actual: ExperimentLog.sha256Hex(other)))
            #expect(try log.run(run.id) == run)
            #expect(try LogFixtures.scalar(log, "SELECT count(*) FROM blobs", as: Int.self) == 1)
        }
    }

    @Test func timesWithAndWithoutFractionsAreAccepted() throws {
        var round = LogFixtures.round(1, of: 1, .rejected, parent: String(repeating: "0", count: 64))
        round.startedAt = "2026-05-02T03:04:05Z"
        round.finishedAt = "2026-05-02T03:04:05.5Z"
        try round.validate()
        #expect(Timestamp.date(from: Timestamp.string(from: LogFixtures.fixedNow)) == LogFixtures.fixedNow)
    }
}
