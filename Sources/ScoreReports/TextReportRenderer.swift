import GTMModel
import Scoring

/// `--format text`: the overall score, the nine dimensions as bars, then findings by severity.
public struct TextReportRenderer: Sendable {
    /// ANSI colour; the CLI turns it on only when stdout is a terminal.
    public var useColor: Bool
    /// Findings shown per severity before "… and N more" (0 = all).
    public var findingLimit: Int

    public init(useColor: Bool = false, findingLimit: Int = 0) {
        self.useColor = useColor
        self.findingLimit = findingLimit
    }

    private func paint(_ text: String, _ code: String) -> String { useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    private func colorCode(for score: Double) -> String { score >= 0.8 ? "32" : score >= 0.5 ? "33" : "31" }

    private func bar(_ score: Double, width: Int = 20) -> String {
        let filled = Int((score * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    public func render(_ files: [ScoredFile]) -> String {
        files.map(render).joined(separator: "\n")
    }

    public func render(_ file: ScoredFile) -> String {
        let r = file.report
        var out = ""
        let title = [r.containerName, r.publicId].filter { !$0.isEmpty }.joined(separator: " · ")
        out += paint(file.path, "1") + (title.isEmpty ? "" : "  (\(title), \(r.usageContext.rawValue))") + "\n"
        out += "Score \(paint(NumberFormatting.fixed(r.score, places: 2), "1;" + colorCode(for: r.score)))"
        out += "   \(r.counts.tags) tags · \(r.counts.triggers) triggers · \(r.counts.variables) variables · \(r.counts.folders) folders   scorer \(r.scorerVersion)\n\n"
        for d in r.dimensions {
            let name = d.dimension.rawValue.padding(11)
            let weight = "w \(NumberFormatting.fixed(d.weight, places: 2))"
            if d.isApplicable {
                let score = NumberFormatting.fixed(d.score, places: 2)
                out += "  \(name) \(paint(bar(d.score), colorCode(for: d.score))) \(score)  \(weight)  \(d.checks - d.failedChecks)/\(d.checks) checks pass\n"
            } else {
                out += "  \(name) \(paint(String(repeating: "·", count: 20), "2"))  n/a  \(weight)  nothing to judge\n"
            }
        }
        out += "\n  Plan \"\(r.plan.planName)\": \(r.plan.covered.count)/\(r.plan.covered.count + r.plan.missing.count) events covered"
        out += r.plan.missing.isEmpty ? "\n" : " (missing: \(r.plan.missing.joined(separator: ", ")))\n"
        for severity in Severity.allCases {
            let group = r.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            let label = severity.rawValue.uppercased() + (group.count == 1 ? "" : "S")
            out += "\n" + paint("\(group.count) \(label)", severity == .error ? "1;31" : severity == .warning ? "1;33" : "1;36") + "\n"
            let shown = findingLimit > 0 ? Array(group.prefix(findingLimit)) : group
            for f in shown {
                out += "  \(paint(f.rule, "2")) \(f.entity.kind.rawValue) \"\(f.entity.name)\" (\(f.entity.id))\n"
                out += "    \(f.message)\n"
                out += "    \(paint("fix:", "2")) \(f.hint)\n"
            }
            if shown.count < group.count { out += "  … and \(group.count - shown.count) more (--format json lists all)\n" }
        }
        if r.findings.isEmpty { out += "\nNo findings.\n" }
        return out
    }
}

extension String {
    /// Right-padded with spaces to `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
