import ExperimentLog
import Foundation
@testable import RunDeliverables
import Scoring
import Testing

@Suite struct HTMLReportTests {
    private func render(_ rounds: [RoundRecord], run: RunRecord? = nil) -> String {
        HTMLReport(run: run ?? SampleRun.run(rounds: rounds), rounds: rounds, generatedAt: "2026-03-01T06:00:00Z").render()
    }

    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func isOneSelfContainedDocument() {
        let html = render(SampleRun.night(count: 20))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        for external in ["<script", "<link", "src=", "href=", "url(", "@import", "http://", "https://"] {
            #expect(!html.contains(external), "found \(external)")
        }
        #expect(count("<style>", in: html) == 1 && count("<svg", in: html) == 1)
        #expect(count("<details>", in: html) == count("</details>", in: html))
        #expect(count("<tbody class=", in: html) == 20 && count("</tbody>", in: html) == 21)   // 20 rounds, 1 dimension table
    }

    @Test func headerNamesTheRunAndItsNumbers() {
        let rounds = [
            SampleRun.round(1, decision: .kept, before: 0.6, after: 0.65),
            SampleRun.round(2, decision: .reverted, before: 0.65, after: 0.61),
            SampleRun.round(3, decision: .rejected, before: 0.65, after: nil),
        ]
        let html = render(rounds)
        #expect(html.contains("<h1>acme <span class=\"run\">run 7</span></h1>"))
        #expect(html.contains("<dd>acme.json</dd>") && html.contains("<dd>heuristic</dd>"))
        #expect(html.contains("<dd>completed (rounds)</dd>"))
        #expect(html.contains("<dd>3 of 3 done: 1 kept, 1 reverted, 1 rejected</dd>"))
        #expect(html.contains("<dd>3,606 in, 540 out</dd>") && html.contains("<dd>$0.0027</dd>"))
        #expect(html.contains("0.6000</span> → <span class=\"score\">0.6500</span> <span class=\"up\">+0.0500</span>"))
        #expect(html.contains("best found in round 1"))
    }

    @Test func everythingUserDerivedIsEscaped() {
        let hostile = "<script>alert('x')</script> & \"q\""
        var rounds = [SampleRun.round(1, decision: .kept, before: 0.6, after: 0.7, target: hostile, rule: hostile,
                                      rationale: hostile, diff: "--- a\n+++ b\n@@ -1 +1 @@\n-<script>old</script>\n+\(hostile)\n",
                                      detail: hostile)]
        rounds.append(SampleRun.round(2, decision: .rejected, before: 0.7, after: nil, patch: "not a patch <script>x</script>"))
        var run = SampleRun.run(rounds: rounds, client: hostile, source: hostile)
        run.stopReason = hostile
        run.settings.mutatorOptions["model"] = hostile
        let html = render(rounds, run: run)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"q\""))
        #expect(html.contains("<span class=\"del\">-&lt;script&gt;old&lt;/script&gt;</span>"))
        #expect(html.contains("not a patch &lt;script&gt;x&lt;/script&gt;"))
        // Control characters, which HTML does not allow, do not pass through either.
        let controls = render([SampleRun.round(1, decision: .kept, before: 0.6, after: 0.7, rationale: "a\u{0}b\u{1B}c")])
        #expect(controls.contains("a\u{FFFD}b\u{FFFD}c"))
    }

    @Test func dimensionTableShowsAllNineBeforeAndAfter() {
        let before = [0.5, 0.6, 0.7, 0.8, 0.4, 0.9, 1.0, 0.3, 0.2]
        var after = before
        after[4] = 0.55
        var rounds = [SampleRun.round(1, decision: .kept, before: 0.6, after: 0.62)]
        rounds[0].before = ScoreVector(overall: 0.6, dimensions: before)
        rounds[0].after = ScoreVector(overall: 0.62, dimensions: after)
        var run = SampleRun.run(rounds: rounds)
        run.initialScore = rounds[0].before
        run.bestScore = ScoreVector(overall: 0.62, dimensions: after)
        let html = render(rounds, run: run)
        for dimension in Dimension.allCases {
            #expect(html.contains("<th scope=\"row\">\(dimension.title.replacingOccurrences(of: "&", with: "&amp;")) <code>\(dimension.rawValue)</code></th>"))
        }
        #expect(html.contains("<span style=\"width:40.0%\"></span></span> 0.400</td><td><span class=\"bar\"><span style=\"width:55.0%\"></span></span> 0.550</td><td class=\"num up\">+0.1500</td>"))
        #expect(html.contains("<td class=\"num flat\">0.0000</td>"))
        // The round's own line names the dimension it moved.
        #expect(html.contains("<p class=\"changes\">naming <span class=\"up\">+0.150</span></p>"))
    }

    @Test func roundRowsCarryVerdictScoresAndColouredDiff() {
        var reverted = SampleRun.round(2, decision: .reverted, before: 0.65, after: 0.64)
        reverted.reason = "regressed"
        reverted.regressedDimension = "consent"
        let html = render([SampleRun.round(1, decision: .kept, before: 0.6, after: 0.65), reverted])
        #expect(html.contains("<tbody class=\"kept\" id=\"round-1\">"))
        #expect(html.contains("<span class=\"badge kept\">kept</span>"))
        #expect(html.contains("<td>regressed: consent</td>"))
        #expect(html.contains("<td>0.6500 → 0.6400 <span class=\"down\">-0.0100</span></td>"))
        #expect(html.contains("<td class=\"num\">1,202/180 · $0.0009</td><td class=\"num\">852 ms</td>"))
        #expect(html.contains("<span class=\"file\">--- a/tag/1</span>\n<span class=\"file\">+++ b/tag/1</span>\n<span class=\"hunk\">@@"))
        #expect(html.contains(#"<span class="del">-    "name": "purchase tag 1",</span>"#))
        #expect(html.contains(#"<span class="add">+    "name": "GA4 - purchase 1",</span>"#))
    }

    @Test func longDiffsAreCut() {
        let diff = "--- a\n+++ b\n@@ -0,0 +1,1000 @@\n" + (1...1000).map { "+line \($0)\n" }.joined()
        let html = render([SampleRun.round(1, decision: .kept, before: 0.6, after: 0.7, diff: diff)])
        #expect(html.contains("<summary>Diff (1003 lines)</summary>"))
        #expect(html.contains("<span class=\"add\">+line 397</span>") && !html.contains("+line 398<"))
        #expect(html.contains("… 603 more lines in rounds.jsonl"))
    }

    @Test func chartForOneRound() {
        let html = render([SampleRun.round(1, decision: .kept, before: 0.6, after: 0.65)])
        #expect(html.contains("<path class=\"best\" d=\"M56.0 "))
        #expect(count("<circle", in: html) == 2)   // the initial score and the round
        #expect(!html.contains("class=\"rejected\" d="))
        #expect(html.contains(">round</text>") && html.contains(">overall score</text>"))
        #expect(html.contains(">0</text>") && html.contains(">1</text>"))
    }

    @Test func chartForAThousandRoundsStaysReadable() {
        let rounds = SampleRun.night(count: 1000)
        let html = render(rounds)
        let scored = rounds.filter { $0.after != nil }.count
        let rejected = rounds.count - scored
        #expect(count("<circle", in: html) == scored + 1)
        #expect(count("<text", in: html) <= 30)
        #expect(html.contains(">1000</text>"))
        let marks = html.components(separatedBy: "<path class=\"rejected\" d=\"").last?.components(separatedBy: "\"").first ?? ""
        #expect(count("M", in: marks) == rejected)
        // The step line rises once per kept round.
        let kept = rounds.filter { $0.decision == .kept }.count
        let best = html.components(separatedBy: "<path class=\"best\" d=\"").last?.components(separatedBy: "\"").first ?? ""
        #expect(count("V", in: best) == kept)
    }

    @Test func chartScalesPickRoundSteps() {
        #expect(ScoreChart.niceStep(span: 1000, maxTicks: 10) == 100)
        #expect(ScoreChart.niceStep(span: 7, maxTicks: 10) == 1)
        #expect(ScoreChart.niceStep(span: 30, maxTicks: 10) == 5)
        #expect(abs(ScoreChart.niceStep(span: 0.05, maxTicks: 6) - 0.01) < 1e-12)
        let domain = ScoreChart.domain(of: [0.612, 0.655])
        #expect(domain.0 == 0.6 && domain.1 == 0.7)
        let flat = ScoreChart.domain(of: [0.7])
        #expect(flat.1 - flat.0 >= 0.05)
        #expect(ScoreChart.ticks(from: 0.6, to: 0.7, step: 0.02).count == 6)
    }

    @Test func noRoundsStillRenders() {
        let html = render([])
        #expect(html.contains("<p>No rounds were recorded.</p>"))
        #expect(html.contains("the initial container is still the best"))
    }

    @Test func threeHundredRoundsStayReasonablySmallAndDeterministic() {
        let rounds = SampleRun.night(count: 300)
        let report = HTMLReport(run: SampleRun.run(rounds: rounds), rounds: rounds.shuffled(), generatedAt: "2026-03-01T06:00:00Z")
        let html = report.render()
        let size = html.utf8.count
        #expect(size < 1_000_000, "300 rounds: \(size) bytes")
        #expect(html == report.render())
        #expect(html == render(rounds))   // input order does not matter
        print("report for 300 rounds: \(size) bytes")
    }
}
