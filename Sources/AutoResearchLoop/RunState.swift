public import ExperimentLog
public import GTMModel
public import Mutation
import LosslessJSON
public import PatchGuard
public import Scoring

/// Everything the next round depends on, rebuilt from the experiment log alone, so a resumed
/// run (after Ctrl-C or `kill -9`) continues exactly where the log says it is.
public struct RunState: Sendable {
    public var run: RunRecord
    public private(set) var best: ContainerAnalysis
    public private(set) var bestReport: ScoreReport
    public private(set) var baseline: GuardBaseline
    /// Digests of every patch proposed so far.
    public var tried: Set<String> = []
    /// The latest proposals that were not kept, for the mutator's prompt.
    public var rejected: [RejectedProposal] = []
    /// Per dimension: rounds on it since its last keep.
    public var misses: [Dimension: Int] = [:]
    /// Rounds since the last keep, across dimensions (the plateau counter).
    public var trailingMisses = 0
    public var kept = 0, reverted = 0, rejectedCount = 0

    /// How many rejected proposals the mutator is shown.
    static let rejectedMemory = 20

    public init(run: RunRecord, best: ContainerAnalysis, bestReport: ScoreReport) {
        self.run = run
        self.best = best
        self.bestReport = bestReport
        baseline = GuardBaseline(best)
    }

    /// Rebuilds the state from the run's rows and its best blob.
    public static func restore(run: RunRecord, rounds: [RoundRecord], bestBytes: [UInt8], scorer: Scorer) throws -> RunState {
        let container = try Container(document: JSONParser().parse(bestBytes))
        let analysis = ContainerAnalysis(container)
        var state = RunState(run: run, best: analysis, bestReport: scorer.score(analysis))
        for round in rounds { state.note(round) }
        return state
    }

    /// Folds one recorded round into the counters.
    mutating func note(_ round: RoundRecord) {
        if let digest = RunState.digest(ofPatchText: round.patch) { tried.insert(digest) }
        let dimension = Dimension(rawValue: round.target) ?? .coverage
        switch round.decision {
        case .kept:
            kept += 1
            misses[dimension] = 0
            trailingMisses = 0
        case .reverted, .rejected:
            if round.decision == .reverted { reverted += 1 } else { rejectedCount += 1 }
            misses[dimension, default: 0] += 1
            trailingMisses += 1
            rejected.append(RejectedProposal(round: round.round, target: dimension, patch: round.patch, reason: round.reason, detail: round.detail))
            if rejected.count > RunState.rejectedMemory { rejected.removeFirst(rejected.count - RunState.rejectedMemory) }
        }
    }

    /// The state after `round`, as the log will have it once the round is committed: counters,
    /// totals, and for a kept round the new best.
    public mutating func advance(by round: RoundRecord, kept: RoundRunner.Outcome.Kept?) {
        note(round)
        run.advance(by: round)
        if let kept { adopt(kept.analysis, report: kept.report) }
    }

    /// Makes a kept candidate the new best.
    mutating func adopt(_ analysis: ContainerAnalysis, report: ScoreReport) {
        best = analysis
        bestReport = report
        baseline = GuardBaseline(analysis)
    }

    static func digest(ofPatchText text: String) -> String? {
        guard text != "[]", let json = try? JSONParser().parse(text), let patch = try? JSONPatch(json: json) else { return nil }
        return EntityPatch.digest(of: patch)
    }
}
