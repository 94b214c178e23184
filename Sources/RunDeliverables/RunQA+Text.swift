import PreviewSimulator

extension RunQA.Entry {
    /// The round's QA for a terminal, one line per item: the checks passed and the change against
    /// the parent, then each new finding (`+`), or with `allFindings` every finding.
    public func textLines(allFindings: Bool = false) -> [String] {
        var summary = "qa: \(verdicts.count { $0.passed }) of \(verdicts.count) checks passed"
        if let comparison {
            summary += comparison.isRegression
                ? "; QA REGRESSION: \(comparison.added.count) new finding\(comparison.added.count == 1 ? "" : "s") against the parent"
                : "; no new finding against the parent"
            if !comparison.cleared.isEmpty { summary += ", \(comparison.cleared.count) cleared" }
        }
        var lines = [summary]
        if allFindings {
            for verdict in verdicts {
                lines.append("qa \(verdict.passed ? "pass" : "FAIL") \(verdict.scenario) \(verdict.check.rawValue)")
                for finding in verdict.findings { lines.append("    \(finding.message)") }
            }
        } else if let comparison {
            for entry in comparison.added { lines.append("qa + \(entry.scenario) \(entry.check.rawValue): \(entry.finding.message)") }
        }
        return lines
    }
}
