import Foundation

/// How a candidate's QA verdicts differ from its parent's, check by check (a check is a scenario
/// and a ``QACheck``).
///
/// A check **worsens** when it has more findings than in the parent (a check that passed now
/// fails, or fails more often): that is a QA regression. Counting per check rather than matching
/// messages keeps a renamed tag, or a finding that changed wording (an unknown variable that now
/// exists but is undefined), from reading as a regression. The findings listed as added are the
/// worsened checks' findings the parent's same check did not have, matched by message with the
/// event's place left out (a tag that now fires on a later page load is the same finding);
/// cleared ones are the same for the checks that improved.
public struct QAComparison: Sendable, Equatable {
    /// One finding, with the scenario and check it belongs to.
    public struct Entry: Sendable, Equatable {
        public var scenario: String
        public var check: QACheck
        public var finding: QAFinding

        /// Creates the value from its parts.
        public init(scenario: String, check: QACheck, finding: QAFinding) {
            self.scenario = scenario
            self.check = check
            self.finding = finding
        }
    }

    /// Findings of the checks that worsened, in the candidate's order.
    public var added: [Entry]
    /// Findings gone from the checks that improved, in the parent's order.
    public var cleared: [Entry]

    /// Compares `candidate` with `parent`.
    public init(candidate: [QAVerdict], parent: [QAVerdict]) {
        func key(_ verdict: QAVerdict) -> String { verdict.scenario + "\u{1}" + verdict.check.rawValue }
        var before: [String: [QAFinding]] = [:], after: [String: [QAFinding]] = [:]
        for verdict in parent { before[key(verdict), default: []] += verdict.findings }
        for verdict in candidate { after[key(verdict), default: []] += verdict.findings }
        // The findings of `to` left once each of `from` has matched one (a multiset difference).
        func changed(_ from: [QAFinding], _ to: [QAFinding]) -> [QAFinding] {
            var known: [String: Int] = [:]
            for finding in from { known[QAComparison.identity(of: finding), default: 0] += 1 }
            return to.filter { finding in
                let identity = QAComparison.identity(of: finding)
                guard let count = known[identity], count > 0 else { return true }
                known[identity] = count - 1
                return false
            }
        }
        var added: [Entry] = [], cleared: [Entry] = [], seen = Set<String>()
        for verdict in candidate where seen.insert(key(verdict)).inserted {
            let now = after[key(verdict)] ?? [], then = before[key(verdict)] ?? []
            guard now.count > then.count else { continue }
            added += changed(then, now).map { Entry(scenario: verdict.scenario, check: verdict.check, finding: $0) }
        }
        seen = []
        for verdict in parent where seen.insert(key(verdict)).inserted {
            let now = after[key(verdict)] ?? [], then = before[key(verdict)] ?? []
            guard then.count > now.count else { continue }
            cleared += changed(now, then).map { Entry(scenario: verdict.scenario, check: verdict.check, finding: $0) }
        }
        self.added = added
        self.cleared = cleared
    }

    /// A finding's message without its event's place (`#12 gtm.js (step 7)` becomes `#`).
    static func identity(of finding: QAFinding) -> String {
        let message = finding.message
        guard let event = finding.event, let step = finding.step, let start = message.range(of: "#\(event) "),
              let end = message.range(of: "(step \(step))", range: start.upperBound..<message.endIndex)
        else { return message }
        return message.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "#")
    }

    /// True when some check has more findings than in the parent.
    public var isRegression: Bool { !added.isEmpty }
}
