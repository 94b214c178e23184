public import ExperimentLog
public import GTMModel
public import Mutation
import LosslessJSON
public import PatchGuard
public import PreviewSimulator
public import Scoring

/// Everything the next round depends on, rebuilt from the experiment log alone, so a resumed
/// run (after Ctrl-C or `kill -9`) continues exactly where the log says it is.
public struct RunState: Sendable {
    public var run: RunRecord
    public private(set) var best: ContainerAnalysis
    public private(set) var bestReport: ScoreReport
    public private(set) var baseline: GuardBaseline
    /// The preview scenarios of the run: the shipped ones and the client's (``RunScenarios``).
    public let scenarios: [Scenario]
    /// What QA checks on each kept candidate; nil when the simulator does not run this container.
    public let qaPlan: QAPlan?
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

    /// The state of a run at `best`, guarding patches with `scenarios` and checking kept ones
    /// with `qaPlan`.
    public init(run: RunRecord, best: ContainerAnalysis, bestReport: ScoreReport, scenarios: [Scenario], qaPlan: QAPlan?) {
        self.init(run: run, best: best, bestReport: bestReport, baseline: GuardBaseline(best, scenarios: scenarios), qaPlan: qaPlan)
    }

    private init(run: RunRecord, best: ContainerAnalysis, bestReport: ScoreReport, baseline: GuardBaseline, qaPlan: QAPlan?) {
        self.run = run
        self.best = best
        self.bestReport = bestReport
        self.baseline = baseline
        scenarios = baseline.scenarios
        self.qaPlan = qaPlan
    }

    /// Rebuilds the state from the run's rows, its best blob and its initial blob (the same bytes
    /// while no round was kept), from which the QA plan is derived.
    /// - Throws: a blob that is not a container, or a stored client scenario that no longer decodes.
    public static func restore(run: RunRecord, rounds: [RoundRecord], bestBytes: [UInt8], initialBytes: [UInt8],
                               scorer: Scorer) throws -> RunState
    {
        let scenarios = try RunScenarios.make(client: run.settings.scenarios)
        let analysis = ContainerAnalysis(try Container(document: JSONParser().parse(bestBytes)))
        let baseline = GuardBaseline(analysis, scenarios: scenarios)
        var plan: QAPlan?
        if let preview = baseline.preview {
            if run.bestSHA == run.initialSHA {
                plan = QAPlan(expectingPurchasesAsIn: preview)
            } else {
                let initial = try Container(document: JSONParser().parse(initialBytes))
                plan = QAPlan(expectingPurchasesAsIn: try ContainerSimulator(container: initial).run(scenarios))
            }
        }
        var state = RunState(run: run, best: analysis, bestReport: scorer.score(analysis), baseline: baseline, qaPlan: plan)
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
        if let kept { adopt(kept.analysis, report: kept.report, preview: kept.preview) }
    }

    /// Makes a kept candidate the new best; its simulation (run by the guard) is the new
    /// baseline's, so the parent of the next rounds is not simulated again.
    mutating func adopt(_ analysis: ContainerAnalysis, report: ScoreReport, preview: [SimulationResult]?) {
        best = analysis
        bestReport = report
        baseline = GuardBaseline(analysis, scenarios: scenarios, preview: preview)
    }

    static func digest(ofPatchText text: String) -> String? {
        guard text != "[]", let json = try? JSONParser().parse(text), let patch = try? JSONPatch(json: json) else { return nil }
        return EntityPatch.digest(of: patch)
    }
}
