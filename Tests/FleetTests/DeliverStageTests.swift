import Delivery
import ExperimentLog
@testable import Fleet
import Foundation
import JobQueue
import Testing

@Suite("The deliver stage: a finished run's deliverables as a job")
struct DeliverStageTests {
    @Test("the commit that ends a run enqueues its delivery once; the deliver worker writes the files and the staging workspace")
    func endOfRunIsDelivered() async throws {
        try await FleetFixture.with { fleet in
            let (queued, _) = try fleet.enqueue(rounds: 5, seed: 3)
            _ = try await fleet.drain(fleet.roundStage())
            let deliveries = try fleet.store.jobs(wherePayload: "run_id", equals: queued.id, queue: .deliver)
            #expect(deliveries.count == 1 && deliveries.first?.state == .available)
            #expect(deliveries.first?.idempotencyKey == "run-\(queued.id)-deliver")

            let worker = try await fleet.drain(DeliverStage(delivery: Delivery(log: fleet.log)))
            #expect(worker.processed.succeeded == 1)
            let run = try #require(try fleet.log.run(queued.id))
            let out = try #require(run.outDir)
            let best = try #require(try fleet.log.blob(run.bestSHA))
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: "\(out)/winning-config.json"))) == best)
            #expect(FileManager.default.fileExists(atPath: "\(out)/report.html"))
            // A run folder chosen with --out holds its own staging workspace.
            let staging = fleet.directory.appendingPathComponent("out/acme/staging/autoresearch-nightly/container.json")
            #expect(Array(try Data(contentsOf: staging)) == best)
            let id = try #require(deliveries.first?.id)
            let done = try #require(try fleet.store.job(id))
            #expect(done.state == .succeeded)
            #expect(done.result?.contains("\"winner_run\":\"\(queued.id)\"") == true)
        }
    }

    @Test("the round worker writes the run's own files at once and leaves the staging workspace to the deliver job")
    func roundWorkerWritesFilesOnly() async throws {
        try await FleetFixture.with { fleet in
            let (queued, _) = try fleet.enqueue(rounds: 3, seed: 5)
            let stage = RoundStage(log: fleet.log, store: fleet.store) { try MutatorFactory(environment: [:]).makeRunner(for: $0) }
            _ = try await fleet.drain(stage)
            let out = try #require(try fleet.log.run(queued.id)?.outDir)
            #expect(FileManager.default.fileExists(atPath: "\(out)/winning-config.json"))
            #expect(FileManager.default.fileExists(atPath: "\(out)/report.html"))
            #expect(!FileManager.default.fileExists(atPath: fleet.directory.appendingPathComponent("out/acme/staging").path))
        }
    }

    @Test("a deliver job for an unknown run fails without retrying")
    func unknownRun() async throws {
        try await FleetFixture.with { fleet in
            let job = try fleet.store.enqueue(try DeliverJob(runId: 999).newJob())
            _ = try await fleet.drain(DeliverStage(delivery: Delivery(log: fleet.log)))
            let dead = try #require(try fleet.store.job(job.id))
            #expect(dead.state == .dead && dead.attempts == 1)
            #expect(dead.lastError?.contains("there is no run 999") == true)
        }
    }
}
