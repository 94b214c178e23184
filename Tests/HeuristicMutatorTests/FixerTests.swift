@testable import HeuristicMutator
import Mutation
import Scoring
import Testing

/// Every fixer on a container made for it: the proposal resolves, decodes, removes the finding,
/// raises the dimension's score, and keeps the guard's invariants.
@Suite struct FixerTests {
    static let cases = CoverageCases.all + ParameterCases.all + DedupCases.all + ConsentCases.all + NamingCases.all
        + VariableCases.all + TriggerCases.all + FolderCases.all + AlignmentCases.all

    @Test(arguments: cases)
    func fixRemovesTheFinding(_ fixture: FixerCase) throws {
        let analysis = try Harness.analysis(fixture.export)
        let report = Harness.scorer.score(analysis)
        let before = report.findings.filter { $0.rule == fixture.rule }
        let rules = report.findings.map { $0.rule }
        try #require(!before.isEmpty, "the fixture has no \(fixture.rule) finding: \(rules)")
        let request = Harness.request(analysis, report: report, target: fixture.dimension, rule: fixture.rule)
        let applied = try Harness.apply(request)
        let outcome = try #require(applied, "no proposal for \(fixture.rule)")
        #expect(outcome.proposal.rule == fixture.rule)
        let after = outcome.afterReport.findings.filter { $0.rule == fixture.rule }
        let remaining = after.map { $0.message }
        #expect(after.count < before.count, "still \(remaining)")
        let (old, new) = (outcome.score(report, fixture.dimension), outcome.score(outcome.afterReport, fixture.dimension))
        if fixture.movesScore {
            #expect(new > old, "\(fixture.dimension.rawValue) \(old) → \(new)")
        } else {
            #expect(new >= old, "\(fixture.dimension.rawValue) \(old) → \(new)")
        }
        #expect(GuardCheck.violations(outcome).isEmpty, "\(GuardCheck.violations(outcome))")
        #expect(outcome.resolved.touched.count <= 3)
    }

    @Test func everyCaseNamesACoveredRule() {
        let covered = HeuristicMutator.repairableRules
        for fixture in Self.cases { #expect(covered.contains(fixture.rule), "\(fixture.rule)") }
        // Each covered rule has at least one case.
        let tested = Set(Self.cases.map(\.rule))
        #expect(covered.subtracting(tested).isEmpty, "untested: \(covered.subtracting(tested).sorted())")
    }
}
