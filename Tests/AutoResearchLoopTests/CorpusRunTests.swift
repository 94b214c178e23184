import AutoResearchLoop
import ExperimentLog
import Foundation
import GTMModel
import HeuristicMutator
import LosslessJSON
import Mutation
import PatchGuard
import PreviewSimulator
import Scoring
import Testing
import TestSupport

/// The issue's bar, on every corpus container: a 100-round heuristic run (no other stop rule)
/// leaves exactly 100 rounds and a winner that passes the guard against the initial container and
/// scores as recorded; at least 90% of the web containers scoring below 0.9 end higher.
@Suite("Heuristic runs over the corpus")
struct CorpusRunTests {
    struct Outcome: Sendable {
        var name: String
        var isWeb: Bool
        var before: Double, after: Double
        var kept: Int
        var problems: [String]
    }

    static func run(_ file: URL, log: ExperimentLog) async throws -> Outcome {
        let bytes = try ContainerLoader().read(path: file.path)
        let scorer = Scorer()
        let driver = RunDriver(log: log, runner: RoundRunner(mutator: HeuristicMutator(), scorer: scorer, program: Program.embedded.text))
        let name = file.lastPathComponent
        let seed = name.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        let started = try driver.start(client: name, source: file.path, bytes: bytes, settings: RunSettings(rounds: 100, seed: seed), outDir: nil)
        let run = try await driver.execute(runId: started.id)
        var problems: [String] = []
        let rounds = try log.rounds(run: run.id)
        if rounds.map(\.round) != Array(1...100) { problems.append("rounds \(rounds.count), not 1…100") }
        if run.status != .completed || run.stopReason != "rounds" { problems.append("ended \(run.status.rawValue) (\(run.stopReason ?? "-"))") }

        let initial = ContainerAnalysis(try Container(document: JSONParser().parse(bytes)))
        let winnerBytes = try #require(try log.blob(run.bestSHA))
        let winner = ContainerAnalysis(try Container(document: JSONParser().parse(winnerBytes)))
        // Judged as the loop judged each round: with the run's scenarios (the shipped ones).
        let baseline = GuardBaseline(initial, scenarios: try ShippedScenarios.all())
        if let rejection = PatchGuard().validate(winner, against: baseline) { problems.append("winner fails the guard: \(rejection)") }
        if run.bestRound > 0, baseline.isSimulated, rounds[run.bestRound - 1].qa == nil { problems.append("the winning round has no QA") }
        let rescored = scorer.score(winner).score
        if abs(rescored - run.bestScore.overall) > 1e-12 { problems.append("winner scores \(rescored), recorded \(run.bestScore.overall)") }
        if run.bestRound > 0, rounds[run.bestRound - 1].candidateSHA != run.bestSHA { problems.append("best is not the blob of its round") }
        return Outcome(name: name, isWeb: file.path.contains("/web/"), before: run.initialScore.overall, after: run.bestScore.overall,
                       kept: rounds.count { $0.decision == .kept }, problems: problems)
    }

    @Test(.timeLimit(.minutes(20)))
    func everyCorpusContainer() async throws {
        let files = Corpus.files()
        guard !files.isEmpty else {
            print(Corpus.missingMessage)
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try ExperimentLog(path: dir.appendingPathComponent("corpus.sqlite").path)
        // Two at a time: the runs share one database, as a fleet's workers do.
        var outcomes: [Outcome] = []
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            var pending = files.makeIterator()
            for _ in 0..<2 { if let f = pending.next() { group.addTask { try await Self.run(f, log: log) } } }
            while let outcome = try await group.next() {
                outcomes.append(outcome)
                if let f = pending.next() { group.addTask { try await Self.run(f, log: log) } }
            }
        }
        outcomes.sort { $0.name < $1.name }
        for o in outcomes {
            print(String(format: "%@ %@ %.4f → %.4f  kept %d", o.before < 0.9 && o.isWeb ? (o.after > o.before ? "+" : "=") : " ", o.name, o.before, o.after, o.kept))
        }
        let problems = outcomes.flatMap { o in o.problems.map { "\(o.name): \($0)" } }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        let judged = outcomes.filter { $0.isWeb && $0.before < 0.9 }
        let improved = judged.count { $0.after > $0.before }
        print("improved \(improved) of \(judged.count) web containers scoring below 0.9")
        #expect(Double(improved) >= 0.9 * Double(judged.count))
    }
}
