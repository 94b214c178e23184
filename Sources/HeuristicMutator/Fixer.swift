import LosslessJSON
import Scoring

/// One candidate edit for a finding: an id-addressed patch and why it helps.
struct FixProposal: Sendable {
    var patch: JSONPatch
    /// One sentence for the experiment log.
    var rationale: String

    init(_ operations: [JSONPatch.Operation], _ rationale: String) {
        patch = JSONPatch(operations)
        self.rationale = rationale
    }
}

/// Repairs the findings of some rules with minimal, guard-safe patches.
///
/// A fixer returns its candidates best first; the mutator takes the first whose digest the run
/// has not tried and that fits the entity budget, so a fixer offers alternatives (another
/// variable, another folder) rather than repeating one that was reverted. A fixer proposes
/// nothing it cannot do safely: no invented ids or names, no removal of live tags that are not
/// duplicates, no edit that stops a live tag sending a (destination, event) pair nobody else sends.
protocol Fixer: Sendable {
    /// The rule ids this fixer repairs.
    var rules: Set<String> { get }
    /// Candidate patches for `finding` (one of `rules`), best first; empty when no safe fix exists.
    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal]
}
