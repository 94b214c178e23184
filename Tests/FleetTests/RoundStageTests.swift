import AutoResearchLoop
import ExperimentLog
@testable import Fleet
import Foundation
import GRDB
import JobQueue
import Logging
import Mutation
import PreviewSimulator
import Scoring
import Testing

@Suite("Runs as chains of round jobs")
struct RoundStageTests {
    @Test("a queued run advances one round per job to the very rounds `run` records in one process")
    func sameAsRunDriver() async throws {
        try await FleetFixture.with { fleet in
            let (queued, first) = try fleet.enqueue(rounds: 12, seed: 7)
            #expect(queued.status == .queued && first.queue == .round)
            #expect(try fleet.log.run(queued.id)?.status == .queued)
            let worker = try await fleet.drain(fleet.roundStage())
            #expect(worker.processed.succeeded == 12)

            // The same run driven in process by `RunDriver`, as `gtm-autoresearch run` does.
            let settings = queued.settings
            let runner = try MutatorFactory(environment: [:]).makeRunner(for: settings)
            let driver = RunDriver(log: fleet.log, runner: runner)
            let bytes = Array(try Data(contentsOf: FleetFixture.example))
            let reference = try driver.start(client: "reference", source: "x", bytes: bytes, settings: settings, outDir: nil)
            _ = try await driver.execute(runId: reference.id)

            let chained = try fleet.log.rounds(run: queued.id), direct = try fleet.log.rounds(run: reference.id)
            #expect(chained.count == 12)
            #expect(chained.map(\.decision) == direct.map(\.decision))
            #expect(chained.map(\.patch) == direct.map(\.patch))
            #expect(chained.map(\.candidateSHA) == direct.map(\.candidateSHA))
            // Each kept round carries its QA verdicts, written in the job's completion, as `run` writes them.
            #expect(chained.map(\.qa) == direct.map(\.qa))
            #expect(chained.contains { $0.decision == .kept })
            for round in chained { #expect((round.qa != nil) == (round.decision == .kept), "round \(round.round)") }
            let verdicts = try QAVerdict.decode(jsonText: try #require(chained.first { $0.decision == .kept }?.qa))
            #expect(Set(verdicts.map(\.scenario)) == Set(ShippedScenarios.names))
            let finished = try #require(try fleet.log.run(queued.id))
            #expect(finished.status == .completed && finished.stopReason == "rounds")
            #expect(finished.bestSHA == (try fleet.log.run(reference.id))?.bestSHA)
            // One job per round, each enqueued once, all succeeded; round 13 was never enqueued.
            let jobs = try fleet.store.jobs(wherePayload: "run_id", equals: queued.id, queue: .round)
            #expect(jobs.count == 12 && jobs.allSatisfy { $0.state == .succeeded && $0.attempts == 1 })
            #expect(Set(jobs.compactMap(\.idempotencyKey)).count == 12)
        }
    }

    @Test("several runs advance in parallel on one worker's slots")
    func parallelRuns() async throws {
        try await FleetFixture.with { fleet in
            let runs = try (1...4).map { try fleet.enqueue(client: "c\($0)", rounds: 6, seed: UInt64($0)).run }
            _ = try await fleet.drain(fleet.roundStage(), concurrency: 3)
            for run in runs {
                let done = try #require(try fleet.log.run(run.id))
                #expect(done.status == .completed && done.roundsDone == 6)
                #expect(try fleet.log.rounds(run: run.id).map(\.round) == Array(1...6))
            }
        }
    }

    @Test("a run whose mutator cannot be built fails at once with the reason; retry puts it back")
    func deadLetterFailsTheRun() async throws {
        try await FleetFixture.with { fleet in
            let (run, job) = try fleet.enqueue(rounds: 3)
            struct NoKey: Error, CustomStringConvertible { var description: String { "ANTHROPIC_API_KEY is not set" } }
            let broken = fleet.roundStage(makeRunner: { _ in throw NoKey() })
            _ = try await fleet.drain(broken)
            let dead = try #require(try fleet.store.job(job.id))
            #expect(dead.state == .dead && dead.attempts == 1)
            #expect(dead.lastError?.contains("ANTHROPIC_API_KEY is not set") == true)
            let failed = try #require(try fleet.log.run(run.id))
            #expect(failed.status == .failed && failed.stopReason?.contains("ANTHROPIC_API_KEY") == true)

            let stage = fleet.roundStage()
            try fleet.store.retry(job.id) { job, db in try stage.jobRetried(job, in: db) }
            #expect(try fleet.log.run(run.id)?.status == .running)
            _ = try await fleet.drain(stage)
            #expect(try fleet.log.run(run.id)?.status == .completed)
            #expect(try fleet.log.run(run.id)?.roundsDone == 3)
        }
    }

    @Test("a mutator fault is retried with backoff, not recorded as a round")
    func transientFault() async throws {
        try await FleetFixture.with { fleet in
            let (run, job) = try fleet.enqueue(rounds: 2)
            struct Overloaded: Error {}
            let flaky = fleet.roundStage(makeRunner: { _ in RoundRunner(mutator: FailingMutator(), scorer: .init(), program: "") })
            _ = try await fleet.drain(flaky)
            let waiting = try #require(try fleet.store.job(job.id))
            #expect(waiting.state == .failed && waiting.attempts == 1)
            #expect(try fleet.log.rounds(run: run.id).isEmpty)
            #expect(try fleet.log.run(run.id)?.status == .queued)
        }
    }

    @Test("cancelling a queued run's job stops the run as cancelled; a worker then skips nothing")
    func cancel() async throws {
        try await FleetFixture.with { fleet in
            let (run, job) = try fleet.enqueue(rounds: 3)
            let stage = fleet.roundStage()
            try fleet.store.cancel(job.id) { job, db in try stage.jobEnded(job, in: db) }
            let stopped = try #require(try fleet.log.run(run.id))
            #expect(stopped.status == .stopped && stopped.stopReason == "cancelled")
            let worker = try await fleet.drain(stage)
            #expect(worker.processed.succeeded == 0)
        }
    }

    @Test("a stale or duplicate round job completes without recording anything")
    func staleJob() async throws {
        try await FleetFixture.with { fleet in
            let (run, _) = try fleet.enqueue(rounds: 2)
            _ = try await fleet.drain(fleet.roundStage())
            // Someone enqueues round 1 again under another key: it is skipped, the log is unchanged.
            try fleet.store.enqueue(NewJob(queue: .round, encoding: RoundJob(runId: run.id, round: 1)))
            _ = try await fleet.drain(fleet.roundStage())
            #expect(try fleet.log.rounds(run: run.id).count == 2)
            let skipped = try fleet.store.jobs(state: .succeeded, limit: 1).first
            #expect(skipped?.result?.contains("skipped") == true)
        }
    }
}

/// A mutator whose API is down.
struct FailingMutator: Mutator {
    let name = "failing"
    struct Down: Error, CustomStringConvertible { var description: String { "HTTP 529 overloaded (retries used up)" } }
    func propose(_ request: MutationRequest) async throws -> Proposal { throw Down() }
    func isActionable(_ finding: Finding) -> Bool { true }
}
