import ExperimentLog
import Foundation
import GTMModel
import LosslessJSON
import PreviewSimulator
@testable import RunDeliverables
import Testing

/// QA in the deliverables: the report's QA section and per-round lines, `rounds.jsonl`'s `qa`.
@Suite struct QAReportTests {
    static func verdict(_ check: QACheck, _ scenario: String, _ findings: [String] = []) -> QAVerdict {
        QAVerdict(check: check, scenario: scenario, findings: findings.map { QAFinding(message: $0, event: 3, step: 5, tag: "GA4 - purchase") })
    }

    /// The initial container: two findings. Round 1 clears one; round 3 brings a new one (a QA regression).
    static let initial = [
        verdict(.purchaseReachesDestinations, "ecommerce-journey", ["GA4 - purchase sends purchase to GA4 on #3 purchase (step 5) without a transaction id"]),
        verdict(.nothingBeforeConsent, "ecommerce-journey"),
        verdict(.noUndefinedParameters, "ecommerce-journey", ["GA4 - purchase on #3 purchase (step 5): value uses {{DLV - value}}, which is undefined"]),
        verdict(.nothingBeforeConsent, "lead-form"),
        verdict(.noUndefinedParameters, "lead-form"),
    ]

    static func rounds() throws -> [RoundRecord] {
        var first = SampleRun.round(1, decision: .kept, before: 0.6, after: 0.65)
        var round1 = initial
        round1[2] = verdict(.noUndefinedParameters, "ecommerce-journey")
        first.qa = try QAVerdict.jsonText(round1)
        var third = SampleRun.round(3, decision: .kept, before: 0.65, after: 0.7)
        var round3 = round1
        round3[3] = verdict(.nothingBeforeConsent, "lead-form", ["Meta Pixel <script> (Meta) fires on #1 gtm.js (step 1) while ad_storage is denied"])
        third.qa = try QAVerdict.jsonText(round3)
        return [first, SampleRun.round(2, decision: .reverted, before: 0.65, after: 0.6), third]
    }

    static let qa = RunQA(initial: initial, plan: QAPlan(purchaseDestinations: ["ecommerce-journey": [.ga4, .meta]]))

    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func theReportShowsTheWinnersQAAndMarksTheRegression() throws {
        let rounds = try Self.rounds()
        let html = HTMLReport(run: SampleRun.run(rounds: rounds), rounds: rounds, generatedAt: "2026-03-01T06:00:00Z", qa: Self.qa).render()
        #expect(html.contains("<h2>QA (preview simulator)</h2>"))
        // The winner (round 3): 3 of 5 checks passed; against the initial container one new, one cleared.
        #expect(html.contains("Winner, round 3: <strong>3 of 5</strong> checks passed over 2 scenarios."), "\(html)")
        #expect(html.contains("<p class=\"qa-regression\">Against the initial container: 1 new finding, 1 cleared.</p>"))
        #expect(html.contains("QA regression against the parent in kept round 3."))
        #expect(html.contains("GA4, Meta in ecommerce-journey"))
        // One badge, on round 3's row; round 1 only cleared a finding.
        #expect(count("<span class=\"badge qa-regression\">QA regression</span>", in: html) == 1)
        let round3 = try #require(html.range(of: "id=\"round-3\"")).upperBound
        #expect(html[round3...].contains("QA regression</span>"))
        #expect(html.contains("<p class=\"qa\">QA: 4 of 5 checks passed · 0 new findings, 1 cleared against the parent</p>"))
        #expect(html.contains("<p class=\"qa\">QA: 3 of 5 checks passed · 1 new finding, 0 cleared against the parent</p>"))
        // Per scenario and check, in a table; the findings are escaped.
        #expect(html.contains("<th>Purchase once, complete</th><th>Nothing before consent</th><th>No undefined parameters</th>"))
        #expect(html.contains("<tr><th scope=\"row\">lead-form</th><td class=\"flat\">—</td><td class=\"down\">✗ 1 finding</td><td class=\"up\">✓ passed</td></tr>"))
        #expect(html.contains("Meta Pixel &lt;script&gt; (Meta) fires"))
        #expect(!html.contains("<script"))
        #expect(count("<details>", in: html) == count("</details>", in: html))
    }

    @Test func withoutQAOrWhenNothingWasKeptTheSectionSaysWhy() throws {
        let rejected = [SampleRun.round(1, decision: .rejected, before: 0.6, after: nil)]
        let server = HTMLReport(run: SampleRun.run(rounds: rejected), rounds: rejected, generatedAt: "x").render()
        #expect(server.contains("No QA: the preview simulator runs web containers only."))
        let unchanged = HTMLReport(run: SampleRun.run(rounds: rejected), rounds: rejected, generatedAt: "x", qa: Self.qa).render()
        #expect(unchanged.contains("Winner, the initial container (no round was kept): <strong>3 of 5</strong>"))
        #expect(!unchanged.contains("badge qa-regression"))
    }

    @Test func roundsJSONLCarriesTheVerdictsAsJSON() throws {
        let rounds = try Self.rounds()
        let line = try #require(try JSONParser().parse(RoundsJSONL.line(for: rounds[2])).objectValue)
        let qa = try #require(line["qa"]?.arrayValue)
        #expect(qa.count == 5)
        #expect(qa[3]["check"] == "nothing_before_consent" && qa[3]["passed"] == false && qa[3]["scenario"] == "lead-form")
        #expect(qa[3]["findings"]?.arrayValue?.first?["tag"] == "GA4 - purchase")
        let reverted = try #require(try JSONParser().parse(RoundsJSONL.line(for: rounds[1])).objectValue)
        #expect(reverted["qa"]?.isNull == true)
    }

    @Test func theLogCommandsLinesNameTheRegression() throws {
        let history = Self.qa.history(of: try Self.rounds())
        #expect(history.map(\.round) == [1, 3])
        let lines = try #require(history.last).textLines()
        #expect(lines.first == "qa: 3 of 5 checks passed; QA REGRESSION: 1 new finding against the parent")
        #expect(lines.dropFirst().first?.hasPrefix("qa + lead-form nothing_before_consent: Meta Pixel") == true)
        let all = try #require(history.first).textLines(allFindings: true)
        #expect(all.first == "qa: 4 of 5 checks passed; no new finding against the parent, 1 cleared")
        #expect(all.contains("qa FAIL ecommerce-journey purchase_reaches_destinations"))
    }
}
