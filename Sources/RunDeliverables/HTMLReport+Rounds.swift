import ExperimentLog
import Scoring

extension HTMLReport {
    /// Every round: a summary row, then a row with its detail, rationale and collapsible diff.
    func roundTable() -> String {
        var html = "<section>\n<h2>Rounds</h2>\n"
        guard !rounds.isEmpty else { return html + "<p>No rounds were recorded.</p>\n</section>\n" }
        html += """
        <table class="rounds">
        <thead><tr><th class="num">#</th><th>Target</th><th>Decision</th><th>Reason</th><th>Score</th>\
        <th class="num">Tokens in/out · cost</th><th class="num">Time</th></tr></thead>

        """
        for round in rounds { html += row(for: round) }
        html += "</table>\n</section>\n"
        return html
    }

    private func row(for round: RoundRecord) -> String {
        let decision = round.decision.rawValue
        var target = HTMLText.escape(round.target)
        if let rule = round.rule, !rule.isEmpty { target += "<br><code>\(HTMLText.escape(rule))</code>" }
        var reason = HTMLText.escape(round.reason)
        if let dimension = round.regressedDimension, !dimension.isEmpty { reason += ": \(HTMLText.escape(dimension))" }

        var score = NumberText.fixed(round.before.overall, places: 4) + " → "
        if let after = round.after {
            let delta = after.overall - round.before.overall
            score += NumberText.fixed(after.overall, places: 4)
            score += " <span class=\"\(Self.deltaClass(delta))\">\(NumberText.signed(delta, places: 4))</span>"
        } else {
            score += "—"
        }
        let usage = "\(NumberText.grouped(round.inputTokens))/\(NumberText.grouped(round.outputTokens)) · \(NumberText.usd(round.costUSD))"

        var html = "<tbody class=\"\(decision)\" id=\"round-\(round.round)\">\n"
        html += "<tr><td class=\"num\">\(round.round)</td><td>\(target)</td><td><span class=\"badge \(decision)\">\(decision)</span>\(qaBadge(for: round))</td>"
        html += "<td>\(reason)</td><td>\(score)</td><td class=\"num\">\(usage)</td>"
        html += "<td class=\"num\">\(NumberText.duration(milliseconds: round.durationMs))</td></tr>\n"
        html += "<tr class=\"more\"><td></td><td colspan=\"6\">"
        if !round.detail.isEmpty { html += "<p class=\"detail\">\(HTMLText.escape(round.detail))</p>" }
        if let changes = Self.dimensionChanges(round) { html += "<p class=\"changes\">\(changes)</p>" }
        if !round.rationale.isEmpty { html += "<p class=\"rationale\">\(HTMLText.escape(round.rationale))</p>" }
        html += qaDetail(for: round)
        if !round.diff.isEmpty {
            html += Self.collapsible(round.diff, label: "Diff", isDiff: true)
        } else if !round.patch.isEmpty {
            // Nothing applied: the proposal itself is what explains the verdict.
            html += Self.collapsible(round.patch, label: "Proposed patch (not applied)", isDiff: false)
        }
        html += "</td></tr>\n</tbody>\n"
        return html
    }

    /// The dimensions a scored round moved, e.g. `naming +0.050 · consent -0.030`; nil when none did.
    private static func dimensionChanges(_ round: RoundRecord) -> String? {
        guard let after = round.after else { return nil }
        var parts: [String] = []
        for (index, dimension) in Dimension.allCases.enumerated()
        where index < after.dimensions.count && index < round.before.dimensions.count {
            let delta = after.dimensions[index] - round.before.dimensions[index]
            let text = NumberText.signed(delta, places: 3)
            guard text != NumberText.fixed(0, places: 3), delta.isFinite else { continue }
            parts.append("\(dimension.rawValue) <span class=\"\(text.hasPrefix("-") ? "down" : "up")\">\(text)</span>")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// A `<details>` block holding `text`, at most ``maxDiffLines`` lines, diff lines coloured.
    private static func collapsible(_ text: String, label: String, isDiff: Bool) -> String {
        // Split on the byte: "\r\n" is one Character, so a Character split would miss it.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        let shown = min(lines.count, maxDiffLines)
        var html = "<details><summary>\(label) (\(lines.count) line\(lines.count == 1 ? "" : "s"))</summary><pre class=\"diff\">"
        var previousWasOldHeader = false
        for index in 0..<shown {
            let line = lines[index]
            let escaped = HTMLText.escape(String(line))
            var cls: String?
            if isDiff {
                // `--- x` followed by `+++ y` is a file header; elsewhere `---` is a deleted "--" line.
                let isOldHeader = line.hasPrefix("--- ") && index + 1 < lines.count && lines[index + 1].hasPrefix("+++ ")
                let isNewHeader = previousWasOldHeader && line.hasPrefix("+++ ")
                cls = isOldHeader || isNewHeader ? "file" : lineClass(line)
                previousWasOldHeader = isOldHeader
            }
            if let cls {
                html += "<span class=\"\(cls)\">\(escaped)</span>\n"
            } else {
                html += escaped + "\n"
            }
        }
        if lines.count > shown {
            html += "<span class=\"cut\">… \(lines.count - shown) more lines in rounds.jsonl</span>\n"
        }
        html += "</pre></details>"
        return html
    }

    /// The CSS class of a unified-diff body line; nil for context lines.
    private static func lineClass(_ line: Substring) -> String? {
        switch line.utf8.first {
        case UInt8(ascii: "@"): "hunk"
        case UInt8(ascii: "+"): "add"
        case UInt8(ascii: "-"): "del"
        case UInt8(ascii: "\\"): "note"
        default: nil
        }
    }
}
