import AutoResearchLoop
import Delivery
import ExperimentLog
import Foundation
import GRDB
import HeuristicMutator
import Scoring
import TestSupport

/// A temp database and folder, and heuristic runs of the bundled example.
struct DeliveryFixture {
    let directory: URL
    let log: ExperimentLog

    static let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log = try ExperimentLog(path: directory.appendingPathComponent("state.sqlite").path)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    /// A finished heuristic run of the example with `rounds` rounds, dated `night` when given.
    func finishedRun(client: String = "acme", rounds: Int, seed: UInt64 = 1, night: String? = nil) async throws -> RunRecord {
        let driver = RunDriver(log: log, runner: RoundRunner(mutator: HeuristicMutator(), scorer: Scorer(), program: ""))
        let run = try driver.start(client: client, source: Self.example.path, bytes: Array(try Data(contentsOf: Self.example)),
                                   settings: RunSettings(rounds: rounds, seed: seed), outDir: path("out/\(client)/run-\(UUID().uuidString.prefix(6))"))
        var finished = try await driver.execute(runId: run.id)
        if let night {
            try await log.pool.write { db in
                try db.execute(sql: "UPDATE runs SET created_at = ? || substr(created_at, 11) WHERE id = ?", arguments: [night, run.id])
            }
            finished = try require(try log.run(run.id))
        }
        return finished
    }

    func file(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
}

/// `#require` outside a test body.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw DeliveryFixtureError.missing }
    return value
}

private enum DeliveryFixtureError: Error { case missing }
