public import ExperimentLog
import Foundation
public import GTMModel
public import LosslessJSON
public import Mutation
import PatchGuard
public import PreviewSimulator
public import Scoring

/// One round of SPEC §2: choose a target, ask the mutator, guard, score, keep or revert, and
/// produce the row that records it. It writes nothing itself: the caller records the row (and,
/// for the fleet, completes its job in the same transaction).
public struct RoundRunner: Sendable {
    public var mutator: any Mutator
    public var scorer: Scorer
    public var program: String

    public init(mutator: any Mutator, scorer: Scorer, program: String) {
        self.mutator = mutator
        self.scorer = scorer
        self.program = program
    }

    /// What a round produced: its row, and for a kept round the new best.
    ///
    /// The row's `parentSHA` and `candidateSHA` are left for ``sealed(parentSHA:)`` to fill in:
    /// serialising and hashing a kept candidate is the recorder's work, so it can overlap the next
    /// round.
    public struct Outcome: Sendable {
        public var record: RoundRecord
        /// The kept candidate's document, analysis, score and simulation (nil when the simulator
        /// did not judge the container).
        public var kept: Kept?

        public typealias Kept = (document: JSONValue, analysis: ContainerAnalysis, report: ScoreReport, preview: [SimulationResult]?)

        /// The row ready to record against the parent `parentSHA`, and the kept candidate's export
        /// bytes (in the GTM UI layout) when there is one.
        public func sealed(parentSHA: String) -> (record: RoundRecord, candidate: [UInt8]?) {
            var record = self.record
            record.parentSHA = parentSHA
            guard let kept else { return (record, nil) }
            let bytes = JSONWriter.gtmExport.bytes(of: kept.document)
            record.candidateSHA = ExperimentLog.sha256Hex(bytes)
            return (record, bytes)
        }
    }

    /// Runs round `state.run.roundsDone + 1`. Throws only when the mutator does (a fault that
    /// should stop the run); every bad proposal becomes a rejected round.
    public func perform(_ state: RunState) async throws -> Outcome {
        let settings = state.run.settings
        let number = state.run.roundsDone + 1
        let startedAt = Timestamp.now()
        let clock = ContinuousClock.now
        let mutator = self.mutator
        let (target, findings) = TargetSelector(skipAfter: settings.skipAfter)
            .choose(report: state.bestReport, misses: state.misses, isActionable: { mutator.isActionable($0) })
        let request = MutationRequest(
            round: number, analysis: state.best, report: state.bestReport, target: target, findings: findings,
            rejected: state.rejected, triedDigests: state.tried, maxEntities: settings.maxEntities, program: program,
            seed: RoundSeed.make(run: settings.seed, round: number)
        )
        let proposal = try await mutator.propose(request)
        let verdict = PatchGuard(maxEntities: settings.maxEntities).check(proposal.patch, against: state.baseline, tried: state.tried)

        let before = ScoreVector(state.bestReport)
        var after: ScoreVector?
        var decision = RoundDecision.rejected
        var reason: String, detail: String
        var regressed: String?
        var applied: EntityPatch?
        var kept: Outcome.Kept?
        var qa: String?

        switch verdict {
        case .declined(let code, let text):
            (reason, detail) = (code, text)
        case .rejected(let rejection, let patch):
            (reason, detail, applied) = (rejection.reason.rawValue, rejection.detail, patch)
        case .accepted(let candidate):
            applied = candidate.patch
            let report = scorer.score(candidate.analysis)
            after = ScoreVector(report)
            let judgement = KeepRule(epsilon: settings.epsilon, regressionThreshold: settings.regressionThreshold)
                .judge(before: state.bestReport, after: report)
            reason = judgement.reason
            switch judgement {
            case .improved:
                decision = .kept
                detail = String(format: "score %.4f → %.4f", before.overall, report.score)
                kept = (candidate.patch.document, candidate.analysis, report, candidate.preview)
                qa = try RoundRunner.qaText(candidate.preview, plan: state.qaPlan)
            case .notImproved:
                decision = .reverted
                detail = String(format: "score %.4f → %.4f does not rise by more than %g", before.overall, report.score, settings.epsilon)
            case .regressed(let dimension, let drop):
                decision = .reverted
                regressed = dimension.rawValue
                detail = String(format: "%@ drops by %.4f (more than %g)", dimension.rawValue, drop, settings.regressionThreshold)
            }
        }

        let duration = ContinuousClock.now - clock
        let record = RoundRecord(
            runId: state.run.id, round: number, target: target.rawValue, rule: proposal.rule ?? findings.first?.rule,
            mutator: mutator.name, rationale: proposal.rationale, patch: RoundRunner.patchText(proposal.patch),
            appliedPatch: applied.map { String(decoding: JSONWriter().bytes(of: $0.positional.json), as: UTF8.self) },
            diff: applied.map { EntityDiff.make($0, parent: state.best.container.document) } ?? "",
            before: before, after: after, decision: decision, reason: reason, detail: detail, regressedDimension: regressed,
            parentSHA: state.run.bestSHA, candidateSHA: nil,
            inputTokens: proposal.usage.inputTokens, outputTokens: proposal.usage.outputTokens, costUSD: proposal.usage.costUSD,
            durationMs: Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15,
            startedAt: startedAt, finishedAt: Timestamp.now(), qa: qa
        )
        return Outcome(record: record, kept: kept)
    }

    /// The QA verdicts on a kept candidate's simulation, as `rounds.qa` stores them; nil when the
    /// simulator did not run it.
    static func qaText(_ preview: [SimulationResult]?, plan: QAPlan?) throws -> String? {
        guard let preview, let plan else { return nil }
        return try QAVerdict.jsonText(plan.verdicts(for: preview))
    }

    /// The proposal as stored: the patch in normalised JSON, the raw answer, or `[]` for none.
    static func patchText(_ patch: ProposedPatch) -> String {
        switch patch {
        case .patch(let p): String(decoding: JSONWriter().bytes(of: p.json), as: UTF8.self)
        case .json(let v): String(decoding: JSONWriter().bytes(of: v), as: UTF8.self)
        case .unparsable(let text, _): text.isEmpty ? "[]" : text
        case .none: "[]"
        }
    }
}

/// The mutator's seed for a round: the run seed and the round number mixed (SplitMix64), so a
/// resumed run asks exactly what an uninterrupted one would have.
public enum RoundSeed {
    public static func make(run seed: UInt64, round: Int) -> UInt64 {
        // The generator's round-th output for the run seed, computed directly.
        var generator = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: round &- 1) &* 0x9E37_79B9_7F4A_7C15)
        return generator.next()
    }
}

extension Timestamp {
    /// Now, as every table stores times.
    public static func now() -> String { string(from: Date()) }

    /// Today's UTC date, `YYYY-MM-DD`, for output folders and nightly keys.
    public static func today() -> String { String(now().prefix(10)) }
}
