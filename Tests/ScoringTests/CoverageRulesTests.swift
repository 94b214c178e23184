import GTMModel
import Testing
import TestSupport
@testable import Scoring

@Suite struct CoverageRulesTests {
    func findings(_ container: Container, rule: String, plan: TrackingPlan = .ecommerceFunnel) -> [Finding] {
        Scorer(plan: plan).score(container).findings.filter { $0.rule == rule }
    }

    @Test func pausedTagIsFlagged() throws {
        let c = try Fixtures.container(tags: [
            #"{"tagId":"1","name":"Old pixel","type":"html","paused":true,"firingTriggerId":["2147479553"],"parameter":[{"type":"TEMPLATE","key":"html","value":"<script>fbq('track','PageView')</script>"}]}"#,
            #"{"tagId":"2","name":"Live pixel","type":"html","firingTriggerId":["2147479553"],"parameter":[{"type":"TEMPLATE","key":"html","value":"<script>fbq('track','PageView')</script>"}]}"#,
        ])
        let found = findings(c, rule: "coverage.paused_tag")
        #expect(found.map(\.entity.id) == ["1"])
        #expect(found[0].severity == .warning)
    }

    @Test func noFiringTriggerExceptSequencedTags() throws {
        let c = try Fixtures.container(tags: [
            #"{"tagId":"1","name":"Meta - Base","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script>fbq('init','1')</script>"}]}"#,
            #"{"tagId":"2","name":"Meta - Purchase","type":"html","firingTriggerId":["10"],"setupTag":[{"tagName":"Meta - Base"}],"parameter":[{"type":"TEMPLATE","key":"html","value":"<script>fbq('track','Purchase')</script>"}]}"#,
            #"{"tagId":"3","name":"Orphan","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script>fbq('track','Lead')</script>"}]}"#,
        ], triggers: [Fixtures.customEventTrigger(id: "10", name: "CE - purchase", event: "purchase")])
        #expect(findings(c, rule: "coverage.no_firing_trigger").map(\.entity.id) == ["3"])
    }

    @Test func deprecatedTypes() throws {
        let c = try Fixtures.container(tags: [
            #"{"tagId":"1","name":"UA","type":"ua","firingTriggerId":["2147479553"]}"#,
            #"{"tagId":"2","name":"GA classic","type":"ga","firingTriggerId":["2147479553"]}"#,
            #"{"tagId":"3","name":"UA AMP","type":"ua_amp","firingTriggerId":["2147479553"]}"#,
            #"{"tagId":"4","name":"GA4","type":"googtag","firingTriggerId":["2147479573"],"parameter":[{"type":"TEMPLATE","key":"tagId","value":"G-1"}]}"#,
        ])
        let found = findings(c, rule: "coverage.deprecated_tag_type")
        #expect(found.map(\.entity.id) == ["1", "2", "3"])
        #expect(found.allSatisfy { $0.severity == .error })
    }

    @Test func planCoverageCountsVendorSpellings() throws {
        let c = try Fixtures.container(tags: [
            #"{"tagId":"1","name":"Meta - Purchase","type":"html","firingTriggerId":["10"],"parameter":[{"type":"TEMPLATE","key":"html","value":"<script>fbq('track', 'Purchase', {value: 1, currency: 'EUR'})</script>"}]}"#,
        ], triggers: [Fixtures.customEventTrigger(id: "10", name: "CE - purchase", event: "purchase")])
        let plan = TrackingPlan(name: "p", events: ["purchase", "generate_lead"])
        let missing = findings(c, rule: "coverage.plan_event_missing", plan: plan)
        #expect(missing.map(\.ref) == ["generate_lead"])
    }

    @Test func emptyContainerScoresZeroNotHigh() throws {
        let report = Scorer().score(try Fixtures.container())
        #expect(report.score == 0)
        #expect(report.result(for: .coverage)?.isApplicable == true)
        #expect(report.result(for: .naming)?.isApplicable == false)
    }

    @Test func deletingALiveTagNeverRaisesCoverage() throws {
        let tags = [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"]),
            #"{"tagId":"2","name":"HTML risky","type":"html","firingTriggerId":["10"],"parameter":[{"type":"TEMPLATE","key":"html","value":"<script>document.write('x'); fbq('track','Purchase')</script>"}]}"#,
            #"{"tagId":"3","name":"Google tag","type":"googtag","firingTriggerId":["2147479573"],"parameter":[{"type":"TEMPLATE","key":"tagId","value":"G-1"}]}"#,
            #"{"tagId":"4","name":"Paused","type":"gaawe","paused":true,"firingTriggerId":["10"]}"#,
        ]
        let triggers = [Fixtures.customEventTrigger(id: "10", name: "CE - purchase", event: "purchase")]
        let full = Scorer().score(try Fixtures.container(tags: tags, triggers: triggers)).result(for: .coverage)!.score
        for i in 0..<3 {
            var fewer = tags
            fewer.remove(at: i)
            let after = Scorer().score(try Fixtures.container(tags: fewer, triggers: triggers)).result(for: .coverage)!.score
            #expect(after <= full, "deleting live tag \(i + 1) raised coverage from \(full) to \(after)")
        }
    }
}
