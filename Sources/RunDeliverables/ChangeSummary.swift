public import ExperimentLog

/// `CHANGES.md`: what a run changed in the container, for the person who imports it into GTM.
///
/// Only kept rounds appear, in round order: target, rule, score change, the mutator's rationale
/// and the diff. Rationales are model output: they are quoted (so stray Markdown stays inside the
/// quote) with HTML escaped (it still reads the same once rendered), and each diff fence is longer
/// than any backtick run inside it.
public enum ChangeSummary {
    /// The Markdown text for `run` over `rounds` (in any order; non-kept rounds are skipped).
    public static func markdown(run: RunRecord, rounds: [RoundRecord]) -> String {
        let tally = RoundTally(rounds)
        let kept = rounds.filter { $0.decision == .kept }.sorted { $0.round < $1.round }
        let initial = run.initialScore.overall, best = run.bestScore.overall

        var out = "# Changes: \(prose(run.client)), run \(run.id)\n\n"
        out += "Overall score \(NumberText.fixed(initial, places: 4)) → \(NumberText.fixed(best, places: 4))"
        out += " (\(NumberText.signed(best - initial, places: 4))) over \(tally.total) round\(tally.total == 1 ? "" : "s"):"
        out += " \(tally.kept) kept, \(tally.reverted) reverted, \(tally.rejected) rejected.\n"
        out += "Source \(code(run.source)), mutator \(code(run.mutator)), scorer \(code(run.scorerVersion)).\n\n"
        guard !kept.isEmpty else {
            return out + "No patch was kept: the container is unchanged.\n"
        }
        for round in kept {
            var heading = "## Round \(round.round): \(prose(round.target))"
            if let rule = round.rule, !rule.isEmpty { heading += " (\(code(rule)))" }
            if let after = round.after {
                heading += ", \(NumberText.signed(after.overall - round.before.overall, places: 4))"
            }
            out += heading + "\n\n"
            if !round.rationale.isEmpty { out += quote(prose(round.rationale)) + "\n\n" }
            if !round.diff.isEmpty {
                let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: round.diff) + 1))
                out += fence + "diff\n" + round.diff
                if !round.diff.hasSuffix("\n") { out += "\n" }
                out += fence + "\n\n"
            }
        }
        return out
    }

    /// Text for Markdown prose: `& < >` escaped so no model output becomes live HTML.
    private static func prose(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// An inline code span that survives backticks in the text.
    private static func code(_ text: String) -> String {
        let run = longestBacktickRun(in: text)
        let ticks = String(repeating: "`", count: run + 1)
        let pad = run > 0 ? " " : ""
        return ticks + pad + String(text.map { $0.isNewline ? " " : $0 }) + pad + ticks
    }

    /// A block quote: whatever Markdown the text holds (an unclosed fence, a heading) ends with it.
    private static func quote(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
    }

    private static func longestBacktickRun(in text: String) -> Int {
        var longest = 0, current = 0
        for byte in text.utf8 {
            current = byte == UInt8(ascii: "`") ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
