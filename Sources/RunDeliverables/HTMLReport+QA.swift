import ExperimentLog
import GTMModel
import PreviewSimulator

extension HTMLReport {
    /// The QA section: the winner's verdicts per scenario and check, what the purchase check
    /// expects, and how the winner and each kept round compare with their parents.
    func qaSection() -> String {
        var html = "<section>\n<h2>QA (preview simulator)</h2>\n"
        guard let qa else {
            return html + "<p class=\"note\">No QA: the preview simulator runs web containers only.</p>\n</section>\n"
        }
        let winner: [QAVerdict]?
        let label: String
        if run.bestRound == 0 {
            (winner, label) = (qa.initial, "the initial container (no round was kept)")
        } else {
            (winner, label) = (qaEntries[run.bestRound]?.verdicts, "round \(run.bestRound)")
        }
        guard let winner else {
            return html + "<p class=\"note\">The winner, round \(run.bestRound), has no QA recorded (it was recorded before QA existed).</p>\n</section>\n"
        }
        let scenarios = Self.scenarioNames(winner)
        html += "<p class=\"qa-summary\">Winner, \(HTMLText.escape(label)): <strong>\(winner.count { $0.passed }) of \(winner.count)</strong> "
        html += "checks passed over \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s").</p>\n"
        if run.bestRound > 0 {
            let overall = QAComparison(candidate: winner, parent: qa.initial)
            html += Self.comparisonLine(overall, against: "the initial container")
            html += Self.findingList(overall.added, cssClass: "qa-new")
        }
        let regressions = qaEntries.values.filter { $0.comparison?.isRegression == true }.map(\.round).sorted()
        if !regressions.isEmpty {
            let list = regressions.map(String.init).joined(separator: ", ")
            html += "<p class=\"qa-regression\">QA regression against the parent in kept round\(regressions.count == 1 ? "" : "s") \(list).</p>\n"
        }
        html += purchaseExpectations(qa.plan)
        html += Self.verdictTable(winner, scenarios: scenarios)
        let findings = winner.flatMap { verdict in verdict.findings.map { QAComparison.Entry(scenario: verdict.scenario, check: verdict.check, finding: $0) } }
        if !findings.isEmpty {
            html += "<details><summary>The winner's findings (\(findings.count))</summary>\(Self.findingList(findings, cssClass: "qa-findings"))</details>\n"
        }
        html += "</section>\n"
        return html
    }

    /// The QA lines of a kept round's detail: checks passed, the change against its parent (new
    /// findings listed), and every finding behind a `<details>`.
    func qaDetail(for round: RoundRecord) -> String {
        guard round.decision == .kept, let entry = qaEntries[round.round] else { return "" }
        let verdicts = entry.verdicts
        var html = "<p class=\"qa\">QA: \(verdicts.count { $0.passed }) of \(verdicts.count) checks passed"
        if let comparison = entry.comparison {
            html += " · \(Self.count(comparison.added.count, "new finding")), \(comparison.cleared.count) cleared against the parent"
        }
        html += "</p>"
        if let comparison = entry.comparison, comparison.isRegression {
            html += Self.findingList(comparison.added, cssClass: "qa-new")
        }
        let findings = verdicts.flatMap { verdict in verdict.findings.map { QAComparison.Entry(scenario: verdict.scenario, check: verdict.check, finding: $0) } }
        if !findings.isEmpty {
            html += "<details><summary>QA findings (\(findings.count))</summary>\(Self.findingList(findings, cssClass: "qa-findings"))</details>"
        }
        return html
    }

    /// The badge beside a kept round's decision when one of its checks has more findings than in
    /// its parent (see `QAComparison`).
    func qaBadge(for round: RoundRecord) -> String {
        guard qaEntries[round.round]?.comparison?.isRegression == true else { return "" }
        return " <span class=\"badge qa-regression\">QA regression</span>"
    }

    // MARK: - Pieces

    private func purchaseExpectations(_ plan: QAPlan) -> String {
        let expected = plan.purchaseDestinations.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        guard !expected.isEmpty else {
            return "<p class=\"note\">The initial container sends no purchase in any scenario, so the purchase check does not run.</p>\n"
        }
        let parts = expected.map { scenario, destinations in
            "\(destinations.map(\.displayName).joined(separator: ", ")) in \(HTMLText.escape(scenario))"
        }
        return "<p class=\"note\">The purchase check expects exactly one purchase, with value, currency and transaction id, "
            + "wherever the initial container sent one: \(parts.joined(separator: "; ")).</p>\n"
    }

    private static func comparisonLine(_ comparison: QAComparison, against parent: String) -> String {
        let cls = comparison.isRegression ? "qa-regression" : "note"
        return "<p class=\"\(cls)\">Against \(parent): \(count(comparison.added.count, "new finding")), \(comparison.cleared.count) cleared.</p>\n"
    }

    /// Scenario rows, check columns: ✓, or ✗ with the number of findings; — where a check did not run.
    private static func verdictTable(_ verdicts: [QAVerdict], scenarios: [String]) -> String {
        var html = "<table class=\"qa-table\">\n<thead><tr><th>Scenario</th>"
        for check in QACheck.allCases { html += "<th>\(title(check))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for scenario in scenarios {
            html += "<tr><th scope=\"row\">\(HTMLText.escape(scenario))</th>"
            for check in QACheck.allCases {
                if let verdict = verdicts.first(where: { $0.scenario == scenario && $0.check == check }) {
                    html += verdict.passed ? "<td class=\"up\">✓ passed</td>" : "<td class=\"down\">✗ \(count(verdict.findings.count, "finding"))</td>"
                } else {
                    html += "<td class=\"flat\">—</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private static func findingList(_ entries: [QAComparison.Entry], cssClass: String) -> String {
        guard !entries.isEmpty else { return "" }
        var html = "<ul class=\"\(cssClass)\">"
        for entry in entries {
            html += "<li><code>\(HTMLText.escape(entry.scenario))</code> · \(title(entry.check)): \(HTMLText.escape(entry.finding.message))</li>"
        }
        return html + "</ul>\n"
    }

    /// Scenario names in the order the verdicts first name them.
    private static func scenarioNames(_ verdicts: [QAVerdict]) -> [String] {
        var names: [String] = []
        for verdict in verdicts where !names.contains(verdict.scenario) { names.append(verdict.scenario) }
        return names
    }

    static func title(_ check: QACheck) -> String {
        switch check {
        case .purchaseReachesDestinations: "Purchase once, complete"
        case .nothingBeforeConsent: "Nothing before consent"
        case .noUndefinedParameters: "No undefined parameters"
        }
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
