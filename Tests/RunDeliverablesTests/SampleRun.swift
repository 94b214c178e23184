import ExperimentLog
@testable import RunDeliverables
import Scoring
import TestSupport

/// Runs and rounds for tests: hand-made ones, and seeded random nights of any length.
enum SampleRun {
    static let parentSHA = String(repeating: "a", count: 64)
    static let candidateSHA = String(repeating: "b", count: 64)

    static func vector(_ overall: Double, _ dimensions: [Double]? = nil) -> ScoreVector {
        ScoreVector(overall: overall, dimensions: dimensions ?? Array(repeating: overall, count: Dimension.allCases.count))
    }

    static func round(_ number: Int, decision: RoundDecision, before: Double, after: Double?, target: String = "naming",
                      rule: String? = "naming.convention", rationale: String = "Rename the tag to match the convention.",
                      patch: String = #"[{"op":"replace","path":"/tag/7/name","value":"GA4 - purchase"}]"#,
                      diff: String? = nil, detail: String = "") -> RoundRecord
    {
        let reason = switch decision {
        case .kept: "improved"
        case .reverted: "not_improved"
        case .rejected: "dangling_reference"
        }
        return RoundRecord(
            runId: 7, round: number, target: target, rule: rule, mutator: "heuristic", rationale: rationale, patch: patch,
            appliedPatch: decision == .rejected ? nil : patch, diff: diff ?? (decision == .rejected ? "" : entityDiff(number)),
            before: vector(before), after: after.map { vector($0) }, decision: decision, reason: reason, detail: detail,
            regressedDimension: nil, parentSHA: parentSHA, candidateSHA: decision == .rejected ? nil : candidateSHA,
            inputTokens: 1200 + number, outputTokens: 180, costUSD: 0.0009, durationMs: 850 + Double(number),
            startedAt: "2026-03-01T02:00:00Z", finishedAt: "2026-03-01T02:00:01Z")
    }

    static func run(rounds: [RoundRecord], client: String = "acme", source: String = "acme.json") -> RunRecord {
        let initial = rounds.first?.before.overall ?? 0.6
        let kept = rounds.filter { $0.decision == .kept }.sorted { $0.round < $1.round }.last
        let best = kept?.after ?? vector(initial)
        return RunRecord(
            id: 7, client: client, source: source, mutator: "heuristic", settings: RunSettings(rounds: rounds.count),
            scorerVersion: "1.0.0", status: .completed, stopReason: "rounds", initialSHA: parentSHA, initialScore: vector(initial),
            bestSHA: candidateSHA, bestScore: best, bestRound: kept?.round ?? 0, roundsDone: rounds.count,
            inputTokens: rounds.reduce(0) { $0 + $1.inputTokens }, outputTokens: rounds.reduce(0) { $0 + $1.outputTokens },
            costUSD: rounds.reduce(0) { $0 + $1.costUSD }, elapsedMs: rounds.reduce(0) { $0 + $1.durationMs }, outDir: "out/acme",
            createdAt: "2026-03-01T02:00:00Z", updatedAt: "2026-03-01T03:00:00Z")
    }

    /// A night of `count` rounds: about a quarter kept (each a small rise), the rest reverted or rejected.
    static func night(count: Int, seed: UInt64 = 42) -> [RoundRecord] {
        var random = SplitMix64(seed: seed)
        var best = 0.61
        var rounds: [RoundRecord] = []
        let targets = Dimension.allCases.map(\.rawValue)
        for number in 1...max(1, count) {
            let roll = Int.random(in: 0..<100, using: &random)
            let target = targets[Int.random(in: 0..<targets.count, using: &random)]
            if roll < 25 {
                let after = best + Double.random(in: 0.0005...0.004, using: &random)
                rounds.append(round(number, decision: .kept, before: best, after: after, target: target))
                best = after
            } else if roll < 75 {
                let after = best - Double.random(in: 0...0.05, using: &random)
                rounds.append(round(number, decision: .reverted, before: best, after: after, target: target))
            } else {
                rounds.append(round(number, decision: .rejected, before: best, after: nil, target: target))
            }
        }
        return rounds
    }

    /// A realistic diff of one touched tag (about 20 lines), as the loop records it.
    static func entityDiff(_ number: Int) -> String {
        let old = tagJSON(name: "purchase tag \(number)", triggers: ["10"])
        let new = tagJSON(name: "GA4 - purchase \(number)", triggers: ["10", "11"])
        return UnifiedDiff.make(old: old, new: new, oldLabel: "a/tag/\(number)", newLabel: "b/tag/\(number)")
    }

    private static func tagJSON(name: String, triggers: [String]) -> String {
        """
        {
            "tagId": "7",
            "name": "\(name)",
            "type": "gaawe",
            "parameter": [
                {
                    "type": "TEMPLATE",
                    "key": "eventName",
                    "value": "purchase"
                },
                {
                    "type": "TEMPLATE",
                    "key": "measurementIdOverride",
                    "value": "{{Const - GA4 ID}}"
                }
            ],
            "firingTriggerId": [
        \(triggers.map { "        \"\($0)\"" }.joined(separator: ",\n"))
            ],
            "tagFiringOption": "ONCE_PER_EVENT"
        }

        """
    }
}
