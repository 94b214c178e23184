import Foundation
public import Mutation
public import Scoring

/// The built-in, offline mutator (SPEC §4): a fixer per rule that proposes one minimal patch.
///
/// Each round it orders the target dimension's findings by a draw from the round's seed, weighted
/// by severity (errors tend to come first, but a reverted fix does not block the rest), and
/// returns the first fix that the run has not tried and that fits the entity budget. Everything
/// it reads comes with the request (analysis, report, tried digests), so a proposal costs
/// lookups, not a re-analysis, and the same request always gives the same proposal.
public struct HeuristicMutator: Mutator {
    /// `heuristic`, as the experiment log records it.
    public let name = "heuristic"
    /// The naming scheme names are built for; the scorer's, so renames pass its naming rules.
    public let naming: NamingConvention
    private let fixersByRule: [String: [any Fixer]]

    /// The heuristic for the default naming scheme (`Platform - Type - Detail`).
    public init() { self.init(naming: .default) }

    /// The heuristic for a client's naming scheme (the one its scorer is configured with).
    public init(naming: NamingConvention) {
        self.naming = naming
        var byRule: [String: [any Fixer]] = [:]
        for fixer in FixerCatalog.all {
            for rule in fixer.rules.sorted() { byRule[rule, default: []].append(fixer) }
        }
        fixersByRule = byRule
    }

    /// The rule ids some fixer repairs.
    public static var repairableRules: Set<String> { Set(FixerCatalog.all.flatMap(\.rules)) }

    /// True when a fixer handles the finding's rule (it may still find no safe fix for this one).
    public func isActionable(_ finding: Finding) -> Bool { fixersByRule[finding.rule] != nil }

    /// One proposal for `request`; `.none(reason: "nothing_to_propose", …)` when every fix of its
    /// findings was tried, is too large for the entity budget, or does not exist. Never throws.
    public func propose(_ request: MutationRequest) async throws -> Proposal {
        proposal(for: request)
    }

    /// The proposal for `request`, computed synchronously (the work is CPU-bound).
    func proposal(for request: MutationRequest) -> Proposal {
        let context = FixContext(request: request, naming: naming)
        var tried = 0, unfit = 0, unfixable = 0
        for finding in ordered(request.findings, seed: request.seed) {
            var offered = false
            for fixer in fixersByRule[finding.rule] ?? [] {
                for fix in fixer.proposals(for: finding, in: context) {
                    offered = true
                    guard PatchPath.touchedCount(fix.patch) <= request.maxEntities, context.canAddress(fix.patch) else {
                        unfit += 1
                        continue
                    }
                    guard !request.triedDigests.contains(EntityPatch.digest(of: fix.patch)) else {
                        tried += 1
                        continue
                    }
                    return Proposal(patch: .patch(fix.patch), rationale: fix.rationale, rule: finding.rule)
                }
            }
            if !offered { unfixable += 1 }
        }
        let detail = "\(request.findings.count) \(request.target.rawValue) finding(s): \(tried) fix(es) already tried, \(unfit) over the \(request.maxEntities)-entity limit or on entities without an id, \(unfixable) without a safe fix"
        return Proposal(patch: .none(reason: "nothing_to_propose", detail: detail),
                        rationale: "The heuristic has no untried fix for the \(request.target.rawValue) findings.")
    }

    /// Coverage rules that explain the coverage formula without feeding it (a dangling trigger id,
    /// the live-only flag): their fixes remove the finding but cannot raise the score, so they
    /// come after every other finding.
    static let explanatoryRules: Set<String> = ["coverage.dangling_trigger", "coverage.live_only"]

    /// The actionable findings in a seeded order weighted by severity: each gets the key u^(1/w)
    /// for a uniform draw u and its severity weight w, and the largest key comes first (a
    /// weighted shuffle), so errors usually lead while every finding keeps a chance.
    private func ordered(_ findings: [Finding], seed: UInt64) -> [Finding] {
        var generator = SplitMix64(seed: seed)
        var keyed: [(key: Double, index: Int)] = []
        keyed.reserveCapacity(findings.count)
        for (index, finding) in findings.enumerated() {
            let draw = generator.nextUnit()
            guard fixersByRule[finding.rule] != nil else { continue }
            let key = pow(draw, 1 / finding.severity.weight)
            keyed.append((HeuristicMutator.explanatoryRules.contains(finding.rule) ? key - 1 : key, index))
        }
        keyed.sort { $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index }
        return keyed.map { findings[$0.index] }
    }
}
