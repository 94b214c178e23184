import Foundation
import GTMModel
@testable import HeuristicMutator
import LosslessJSON
import Mutation
import PatchGuard
import Scoring
import Testing

/// Foundation's `Dimension` (units) would otherwise shadow the scorer's.
typealias Dimension = Scoring.Dimension

/// One proposal applied: the container and scores before and after.
struct Outcome {
    var before: ContainerAnalysis
    var beforeReport: ScoreReport
    var proposal: Proposal
    var resolved: EntityPatch
    var after: ContainerAnalysis
    var afterReport: ScoreReport

    func score(_ report: ScoreReport, _ dimension: Dimension) -> Double { report.result(for: dimension)?.score ?? 0 }
}

enum Harness {
    static let scorer = Scorer()

    /// The request a round would send for `dimension`, with the findings narrowed to `rule` when given.
    static func request(_ analysis: ContainerAnalysis, report: ScoreReport, target: Dimension, rule: String? = nil,
                        seed: UInt64 = 1, tried: Set<String> = []) -> MutationRequest
    {
        let findings = report.findings.filter { $0.dimension == target && (rule == nil || $0.rule == rule) }
        return MutationRequest(round: 1, analysis: analysis, report: report, target: target, findings: findings, triedDigests: tried, seed: seed)
    }

    /// Proposes for `request` and applies the patch; throws when the patch does not resolve or decode.
    static func apply(_ request: MutationRequest, mutator: HeuristicMutator = HeuristicMutator()) throws -> Outcome? {
        let proposal = mutator.proposal(for: request)
        guard case .patch(let patch) = proposal.patch else { return nil }
        let resolved = try EntityPatch.resolve(patch, against: request.container.document)
        let after = ContainerAnalysis(try Container(document: resolved.document))
        return Outcome(before: request.analysis, beforeReport: request.report, proposal: proposal, resolved: resolved,
                       after: after, afterReport: scorer.score(after))
    }

    /// A decoded fixture container.
    static func analysis(_ text: String) throws -> ContainerAnalysis {
        ContainerAnalysis(try ContainerLoader().decode(Array(text.utf8), path: "fixture"))
    }
}

/// The real guard (SPEC §2.4) on an applied proposal: its rejection, if any, as text.
enum GuardCheck {
    static func violations(_ outcome: Outcome, maxEntities: Int = 3) -> [String] {
        let verdict = PatchGuard(maxEntities: maxEntities).check(outcome.proposal.patch, against: GuardBaseline(outcome.before))
        switch verdict {
        case .accepted: return []
        case .rejected(let rejection, _): return [rejection.description]
        case .declined(let reason, let detail): return ["\(reason): \(detail)"]
        }
    }
}
