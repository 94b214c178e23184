import AutoResearchLoop
import ExperimentLog
import RunDeliverables
import Foundation

/// The run's progress on stderr: one live line on a terminal, one plain line per round otherwise.
struct ProgressDisplay {
    let total: Int?
    let isTerminal = isatty(STDERR_FILENO) == 1

    func started(_ run: RunRecord) {
        let resumed = run.roundsDone > 0 ? ", resuming after round \(run.roundsDone)" : ""
        write("run \(run.id) (\(run.client), \(run.mutator)): starting at \(format(run.bestScore.overall))\(resumed)\n")
    }

    func round(_ p: RunDriver.Progress) {
        let r = p.record
        let of = total.map { "/\($0)" } ?? ""
        let score = r.after.map { format($0.overall) } ?? "  —   "
        let cost = p.run.costUSD > 0 ? String(format: "  $%.4f", p.run.costUSD) : ""
        let verdict = "\(r.decision.rawValue) (\(r.reason))"
        if isTerminal {
            let bar = total.map { Self.bar(done: r.round, of: $0) } ?? ""
            write("\r\u{1B}[2K\(bar) round \(r.round)\(of)  score \(score)  best \(format(p.run.bestScore.overall))  kept \(p.kept)  reverted \(p.reverted)  rejected \(p.rejected)\(cost)  \(r.target): \(verdict)")
        } else {
            write("round \(r.round)\(of) \(r.target) \(verdict) score \(score) best \(format(p.run.bestScore.overall)) kept \(p.kept) reverted \(p.reverted) rejected \(p.rejected)\(cost)\n")
        }
    }

    func finish() {
        if isTerminal { write("\n") }
    }

    private func format(_ score: Double) -> String { String(format: "%.4f", score) }

    private static func bar(done: Int, of total: Int) -> String {
        let width = 20
        let filled = min(width, total > 0 ? done * width / total : width)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// The lines printed when a run ends.
enum RunSummary {
    static func text(_ run: RunRecord, folder: RunOutput.Written) -> String {
        let gain = run.bestScore.overall - run.initialScore.overall
        var lines = [
            String(format: "run %lld %@ after %d rounds (%@): score %.4f → %.4f (%+.4f), best from round %d",
                   run.id, run.status.rawValue, run.roundsDone, run.stopReason ?? "—", run.initialScore.overall, run.bestScore.overall, gain, run.bestRound),
        ]
        if run.costUSD > 0 || run.inputTokens > 0 {
            lines.append(String(format: "tokens %d in, %d out; cost $%.4f", run.inputTokens, run.outputTokens, run.costUSD))
        }
        lines.append("winning config: \(folder.winningConfig)")
        lines.append("report:         \(folder.report)")
        lines.append("rounds:         \(folder.rounds)")
        lines.append("staging:        \(folder.staging)")
        return lines.joined(separator: "\n")
    }
}
