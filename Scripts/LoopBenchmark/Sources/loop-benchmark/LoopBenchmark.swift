// Measures the loop's own cost per round against one scoring pass of the same container, in the
// same process: `loop-benchmark FILE [--rounds N]`.
//
// The baseline, a scoring pass, is what a round cannot avoid: analyse the candidate and score it
// (`Scorer.score(ContainerAnalysis(container))` on a decoded container). A round's overhead is
// everything else too (target choice, patch resolution, decoding the candidate, the guard, the
// diff, serialising and hashing a kept candidate, the SQLite transaction; for a web container the
// preview simulator running the candidate through the shipped scenarios, and the QA checks of a
// kept one), i.e. the wall time of a round minus the mutator's own `propose`.
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
import Synchronization

/// Wraps a mutator and adds up the time spent in `propose`.
final class TimedMutator: Mutator, Sendable {
    let inner: any Mutator
    let spent = Mutex<[Double]>([])
    var name: String { inner.name }
    init(_ inner: any Mutator) { self.inner = inner }
    func isActionable(_ finding: Finding) -> Bool { inner.isActionable(finding) }
    func propose(_ request: MutationRequest) async throws -> Proposal {
        let start = ContinuousClock.now
        let proposal = try await inner.propose(request)
        let ms = (ContinuousClock.now - start).milliseconds
        spent.withLock { $0.append(ms) }
        return proposal
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

@main
struct LoopBenchmark {
    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var roundCount = 300
        if let i = arguments.firstIndex(of: "--rounds"), i + 1 < arguments.count {
            roundCount = Int(arguments[i + 1]) ?? roundCount
            arguments.removeSubrange(i...(i + 1))
        }
        guard let path = arguments.first else {
            FileHandle.standardError.write(Data("usage: loop-benchmark FILE [--rounds N]\n".utf8))
            exit(64)
        }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let container = try Container(document: JSONParser().parse(bytes))
        let scorer = Scorer()

        // Baseline: one scoring pass, median of 15 after a warm-up.
        _ = scorer.score(ContainerAnalysis(container))
        var passes: [Double] = []
        for _ in 0..<15 {
            let start = ContinuousClock.now
            _ = scorer.score(ContainerAnalysis(container))
            passes.append((ContinuousClock.now - start).milliseconds)
        }
        let pass = median(passes)

        // What the steps of a round cost on this container, median of 5. A round decodes only the
        // entities its patch touched, and the kept candidate's export, hash and compression run on
        // the recorder, beside the next round.
        func time(_ body: () throws -> Void) rethrows -> Double {
            var samples: [Double] = []
            for _ in 0..<5 {
                let start = ContinuousClock.now
                try body()
                samples.append((ContinuousClock.now - start).milliseconds)
            }
            return median(samples)
        }
        let analysis = ContainerAnalysis(container)
        let exported = JSONWriter.gtmExport.bytes(of: container.document)
        let scenarios = try ShippedScenarios.all()
        let preview = try ContainerSimulator(analysis: analysis).run(scenarios)
        let steps: [(String, Double)] = [
            ("decode the whole export", try time { _ = try Container(document: container.document) }),
            ("analyse", time { _ = ContainerAnalysis(container) }),
            ("score an analysis", time { _ = scorer.score(analysis) }),
            ("guard baseline, static", time { _ = GuardBaseline(analysis) }),
            ("simulate \(scenarios.count) scenarios", try time { _ = try ContainerSimulator(analysis: analysis).run(scenarios) }),
            ("QA checks", time { _ = QAPlan(expectingPurchasesAsIn: preview).verdicts(for: preview) }),
            ("write the export", time { _ = JSONWriter.gtmExport.bytes(of: container.document) }),
            ("SHA-256", time { _ = ExperimentLog.sha256Hex(exported) }),
            ("zstd level 3", try time { _ = try Zstd.compress(exported, level: 3) }),
        ]
        for (step, ms) in steps { print(String(format: "  %-28@ %7.1f ms", step, ms)) }

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loop-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try ExperimentLog(path: dir.appendingPathComponent("bench.sqlite").path)
        let mutator = TimedMutator(HeuristicMutator())
        let driver = RunDriver(log: log, runner: RoundRunner(mutator: mutator, scorer: scorer, program: Program.embedded.text))
        let run = try driver.start(client: "bench", source: path, bytes: bytes, settings: RunSettings(rounds: roundCount, seed: 1), outDir: nil)

        let wallStart = ContinuousClock.now
        let lastTick = Mutex(ContinuousClock.now)
        let roundTimes = Mutex<[Double]>([])
        let finished = try await driver.execute(runId: run.id, progress: { _ in
            let now = ContinuousClock.now
            let ms = lastTick.withLock { last in
                defer { last = now }
                return (now - last).milliseconds
            }
            roundTimes.withLock { $0.append(ms) }
        })
        let wall = (ContinuousClock.now - wallStart).milliseconds
        let times = roundTimes.withLock { $0 }
        let proposes = mutator.spent.withLock { $0 }
        let overheads = zip(times, proposes).map { $0 - $1 }
        let records = try log.rounds(run: run.id)
        let kept = records.filter { $0.decision == .kept }.count
        let reverted = records.filter { $0.decision == .reverted }.count

        print(String(format: "container: %@ (%d tags, %.1f MB)", path, container.tags.count, Double(bytes.count) / 1e6))
        print(String(format: "scoring pass (analyse + score), median of 15: %.1f ms", pass))
        print(String(format: "rounds: %d (kept %d, reverted %d, rejected %d); score %.4f → %.4f", finished.roundsDone, kept, reverted,
                     finished.roundsDone - kept - reverted, finished.initialScore.overall, finished.bestScore.overall))
        print(String(format: "per round, median: wall %.1f ms, mutator %.1f ms, overhead %.1f ms = %.2f× a scoring pass",
                     median(times), median(proposes), median(overheads), median(overheads) / pass))
        print(String(format: "whole run: %.1f s (%.1f s in the mutator)", wall / 1000, proposes.reduce(0, +) / 1000))
    }
}
