import Scoring
import Testing

/// One fixer test: a container with a finding of `rule`, and what the fix must achieve.
struct FixerCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var label: String
    var export: String
    /// Whether fixing the finding moves the dimension's score. Some coverage rules only explain
    /// the coverage formula (a dangling trigger id, the live-only flag): their fixes remove the
    /// finding without changing the score.
    var movesScore = true
    var testDescription: String { "\(rule) (\(label))" }

    init(_ rule: String, _ label: String, movesScore: Bool = true, _ export: String) {
        self.rule = rule
        self.label = label
        self.movesScore = movesScore
        self.export = export
    }

    var dimension: Dimension {
        Dimension(rawValue: String(rule.prefix { $0 != "." })) ?? .coverage
    }
}
