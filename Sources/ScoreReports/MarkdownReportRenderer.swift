import GTMModel
import Scoring

/// `--format markdown`: a review comment with a dimension table and findings by severity.
public struct MarkdownReportRenderer: Sendable {
    public init() {}

    public func render(_ files: [ScoredFile]) -> String {
        files.map(render).joined(separator: "\n---\n\n")
    }

    func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|": out += "\\|"
            case "\n": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }

    public func render(_ file: ScoredFile) -> String {
        let r = file.report
        var out = "## GTM container score: \(NumberFormatting.fixed(r.score, places: 2)) — `\(escape(file.path))`\n\n"
        out += "\(r.counts.tags) tags, \(r.counts.triggers) triggers, \(r.counts.variables) variables, \(r.counts.folders) folders · scorer \(r.scorerVersion)\n\n"
        out += "| dimension | score | weight | checks |\n|---|---:|---:|---:|\n"
        for d in r.dimensions {
            let score = d.isApplicable ? NumberFormatting.fixed(d.score, places: 2) : "n/a"
            let checks = d.isApplicable ? "\(d.checks - d.failedChecks)/\(d.checks)" : "—"
            out += "| \(d.dimension.rawValue) | \(score) | \(NumberFormatting.fixed(d.weight, places: 2)) | \(checks) |\n"
        }
        out += "\nTracking plan *\(escape(r.plan.planName))*: \(r.plan.covered.count) of \(r.plan.covered.count + r.plan.missing.count) events covered"
        out += r.plan.missing.isEmpty ? ".\n" : "; missing \(r.plan.missing.map { "`\($0)`" }.joined(separator: ", ")).\n"
        for severity in Severity.allCases {
            let group = r.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += "\n### \(severity.rawValue.prefix(1).uppercased() + severity.rawValue.dropFirst())s (\(group.count))\n\n"
            for f in group {
                out += "- **`\(f.rule)`** \(f.entity.kind.rawValue) *\(escape(f.entity.name))* (`\(escape(f.entity.id))`): \(escape(f.message))  \n  _Fix:_ \(escape(f.hint))\n"
            }
        }
        if r.findings.isEmpty { out += "\nNo findings.\n" }
        return out
    }
}
