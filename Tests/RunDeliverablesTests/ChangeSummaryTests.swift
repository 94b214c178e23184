import Foundation
import ExperimentLog
import RunDeliverables
import Testing

@Suite struct ChangeSummaryTests {
    @Test func listsKeptRoundsOnlyInRoundOrder() {
        let rounds = [
            SampleRun.round(3, decision: .kept, before: 0.62, after: 0.65, target: "consent", rule: "consent.missing_settings",
                            rationale: "Add consent settings."),
            SampleRun.round(1, decision: .kept, before: 0.6, after: 0.62),
            SampleRun.round(2, decision: .reverted, before: 0.62, after: 0.61, rationale: "REVERTED"),
            SampleRun.round(4, decision: .rejected, before: 0.65, after: nil, rationale: "REJECTED"),
        ]
        let text = ChangeSummary.markdown(run: SampleRun.run(rounds: rounds.sorted { $0.round < $1.round }), rounds: rounds)
        #expect(text.hasPrefix("# Changes: acme, run 7\n\nOverall score 0.6000 → 0.6500 (+0.0500) over 4 rounds: 2 kept, 1 reverted, 1 rejected.\n"))
        #expect(!text.contains("REVERTED") && !text.contains("REJECTED"))
        let first = text.range(of: "## Round 1: naming (`naming.convention`), +0.0200\n\n> Rename the tag to match the convention.\n\n```diff\n--- a/tag/1\n")
        let third = text.range(of: "## Round 3: consent (`consent.missing_settings`), +0.0300\n\n> Add consent settings.\n\n```diff\n")
        #expect(first != nil && third != nil)
        if let first, let third { #expect(first.lowerBound < third.lowerBound) }
        #expect(text.contains(SampleRun.entityDiff(1) + "```\n"))
    }

    @Test func modelOutputCannotBreakTheDocument() {
        let rationale = "<script>alert(1)</script>\n```\n# not a heading"
        let diff = "--- a\n+++ b\n@@ -1 +1 @@\n-x ```` y\n+z"
        let rounds = [SampleRun.round(1, decision: .kept, before: 0.6, after: 0.7, rationale: rationale, diff: diff)]
        let text = ChangeSummary.markdown(run: SampleRun.run(rounds: rounds), rounds: rounds)
        #expect(!text.contains("<script"))
        #expect(text.contains("> &lt;script&gt;alert(1)&lt;/script&gt;\n> ```\n> # not a heading\n"))
        // The fence outgrows the longest backtick run, and a diff without a final newline still closes it.
        #expect(text.contains("`````diff\n" + diff + "\n`````\n"))
    }

    @Test func saysSoWhenNothingWasKept() {
        let rounds = [SampleRun.round(1, decision: .reverted, before: 0.6, after: 0.59)]
        let text = ChangeSummary.markdown(run: SampleRun.run(rounds: rounds), rounds: rounds)
        #expect(text.hasSuffix("No patch was kept: the container is unchanged.\n"))
        #expect(!text.contains("## Round"))
    }
}
