import AutoResearchLoop
import ExperimentLog
@testable import Fleet
import Foundation
import HeuristicMutator
import JobQueue
import Logging
import Mutation
import Scoring
import TestSupport
import Testing

/// A temp database with the log and the queue, the bundled example, and helpers to run a fleet in
/// process.
struct FleetFixture {
    let directory: URL
    let log: ExperimentLog
    let store: JobStore
    var path: String { directory.appendingPathComponent("state.sqlite").path }

    static let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json")

    static func with<T>(_ body: (FleetFixture) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = try ExperimentLog(path: directory.appendingPathComponent("state.sqlite").path)
        let fixture = FleetFixture(directory: directory, log: log, store: try JobStore(pool: log.pool))
        return try await body(fixture)
    }

    var enqueuer: RunEnqueuer { RunEnqueuer(log: log, store: store) }

    /// Enqueues a heuristic run of the example.
    @discardableResult
    func enqueue(client: String = "acme", rounds: Int = 12, seed: UInt64 = 1, maxAttempts: Int = 5) throws -> (run: RunRecord, job: Job) {
        let bytes = Array(try Data(contentsOf: Self.example))
        let request = RunEnqueuer.Request(client: client, source: Self.example.path, container: bytes,
                                          settings: RunSettings(rounds: rounds, seed: seed, mutatorOptions: ["kind": "heuristic"]),
                                          mutatorName: "heuristic", outDir: directory.appendingPathComponent("out/\(client)").path,
                                          maxAttempts: maxAttempts)
        return try #require(try enqueuer.enqueue(request))
    }

    func roundStage(makeRunner: (@Sendable (RunSettings) throws -> RoundRunner)? = nil) -> RoundStage {
        RoundStage(log: log, store: store, writesDeliverables: false,
                   makeRunner: makeRunner ?? { try MutatorFactory(environment: [:]).makeRunner(for: $0) })
    }

    /// Runs a worker in this process until the queue is empty.
    func drain(_ handler: any JobHandler, concurrency: Int = 2) async throws -> Worker {
        var configuration = WorkerConfiguration(queue: handler.queue, name: "test")
        configuration.concurrency = concurrency
        configuration.exitWhenIdle = true
        configuration.pollInterval = 0.01
        let worker = Worker(store: store, handler: handler, configuration: configuration, logger: Logger(label: "test"))
        try await worker.run()
        return worker
    }
}
