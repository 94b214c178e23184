import Delivery
import ExperimentLog
import RunDeliverables
import Testing

@Suite("Nightly winners: the best finished run of each night")
struct NightlyWinnersTests {
    static func run(_ id: Int64, _ night: String, _ score: Double, _ status: RunStatus = .completed) -> RunRecord {
        let vector = ScoreVector(overall: score, dimensions: Array(repeating: score, count: 9))
        return RunRecord(id: id, client: "acme", source: "x.json", mutator: "heuristic", settings: RunSettings(), scorerVersion: "1",
                         status: status, stopReason: nil, initialSHA: "a", initialScore: vector, bestSHA: "b\(id)", bestScore: vector,
                         bestRound: 0, roundsDone: 0, inputTokens: 0, outputTokens: 0, costUSD: 0, elapsedMs: 0, outDir: nil,
                         createdAt: "\(night)T01:00:00.000Z", updatedAt: "\(night)T02:00:00.000Z")
    }

    @Test func theHighestScoreWinsEachNightAndATieGoesToTheLaterRun() {
        let runs = [
            Self.run(1, "2026-11-20", 0.70), Self.run(2, "2026-11-20", 0.81), Self.run(3, "2026-11-20", 0.75),
            Self.run(4, "2026-11-21", 0.60), Self.run(5, "2026-11-21", 0.60),
        ]
        let nights = NightlyWinners.nights(from: runs)
        #expect(nights.map(\.night) == ["2026-11-20", "2026-11-21"])
        #expect(nights.map(\.run.id) == [2, 5])
        #expect(nights.map(\.runsThatNight) == [3, 2])
    }

    @Test func onlyCompletedAndStoppedRunsCount() {
        let runs = [
            Self.run(1, "2026-11-20", 0.70, .stopped), Self.run(2, "2026-11-20", 0.99, .failed), Self.run(3, "2026-11-20", 0.98, .running),
            Self.run(4, "2026-11-21", 0.90, .queued),
        ]
        #expect(NightlyWinners.nights(from: runs).map(\.run.id) == [1])
        #expect(NightlyWinners.winner(of: "2026-11-21", from: runs) == nil)
        #expect(NightlyWinners.winner(of: "2026-11-20", from: runs)?.run.id == 1)
    }

    @Test func theStagingWorkspaceIsTheClientFoldersOrTheChosenFolders() {
        var run = Self.run(1, "2026-11-20", 0.5)
        #expect(RunOutput.staging(for: run) == "out/acme/staging")
        for (outDir, staging) in [("/var/lib/gtm-autoresearch/out/acme/2026-11-20", "/var/lib/gtm-autoresearch/out/acme/staging"),
                                  ("out/acme/2026-11-20/", "out/acme/staging"), ("/2026-11-20", "/staging"), ("2026-11-20", "staging"),
                                  ("/tmp/acme-run", "/tmp/acme-run/staging"), ("results/", "results/staging")] {
            run.outDir = outDir
            #expect(RunOutput.staging(for: run) == staging, "\(outDir)")
        }
    }
}
