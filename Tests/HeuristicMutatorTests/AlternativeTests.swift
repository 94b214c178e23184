import GTMModel
@testable import HeuristicMutator
import LosslessJSON
import Mutation
import Scoring
import TestSupport
import Testing

/// Every candidate a fixer offers, not only its first: after a revert the next one is proposed,
/// so each must resolve, decode and keep the guard's invariants.
@Suite struct AlternativeTests {
    @Test(arguments: FixerTests.cases)
    func everyAlternativeIsSafe(_ fixture: FixerCase) throws {
        let analysis = try Harness.analysis(fixture.export)
        let report = Harness.scorer.score(analysis)
        var tried = Set<String>()
        for _ in 0..<12 {
            let request = Harness.request(analysis, report: report, target: fixture.dimension, rule: fixture.rule, tried: tried)
            let applied = try Harness.apply(request)
            guard let outcome = applied, case .patch(let patch) = outcome.proposal.patch else { break }
            tried.insert(EntityPatch.digest(of: patch))
            #expect(GuardCheck.violations(outcome).isEmpty, "\(outcome.proposal.rationale): \(GuardCheck.violations(outcome))")
        }
        #expect(!tried.isEmpty)
    }

    /// A template Meta tag whose template declares an event-id field gets it set.
    @Test func metaTemplateGetsItsEventIdField() throws {
        let template = #"{"templateId":"7","name":"Facebook Pixel","templateData":"___TEMPLATE_PARAMETERS___\n[{\"type\": \"TEXT\", \"name\": \"eventId\"}]\n___SANDBOXED_JS_FOR_WEB_TEMPLATE___\nconst injectScript = require('injectScript');\n","galleryReference":{"host":"github.com","owner":"facebookarchive","repository":"GoogleTagManager-WebTemplate-For-FacebookPixel"}}"#
        let tag = #"{"tagId":"30","name":"Meta - Pixel - purchase","type":"cvt_2_7","parameter":[{"type":"TEMPLATE","key":"pixelId","value":"1234567890123"},{"type":"TEMPLATE","key":"eventName","value":"Purchase"},{"type":"LIST","key":"objectPropertyList","list":[{"type":"MAP","map":[{"type":"TEMPLATE","key":"name","value":"value"},{"type":"TEMPLATE","key":"value","value":"{{DLV - value}}"}]},{"type":"MAP","map":[{"type":"TEMPLATE","key":"name","value":"currency"},{"type":"TEMPLATE","key":"value","value":"EUR"}]}]}],"firingTriggerId":["10"],"tagFiringOption":"ONCE_PER_EVENT","consentSettings":\#(Shop.ads)}"#
        let analysis = try Harness.analysis(Shop.export(tags: [tag], variables: [Shop.dlv("51", "DLV - value", "ecommerce.value")], templates: [template]))
        let report = Harness.scorer.score(analysis)
        let outcome = try #require(try Harness.apply(Harness.request(analysis, report: report, target: .dedup, rule: "dedup.meta_event_id")))
        #expect(!outcome.afterReport.findings.contains { $0.rule == "dedup.meta_event_id" })
        let tagAfter = try #require(outcome.after.container.tags.first { $0.id == "30" })
        #expect(tagAfter.parameters.value("eventId") == "{{DLV - event_id}}")
        #expect(outcome.after.container.variables.contains { $0.name == "DLV - event_id" && $0.type == "v" })
        #expect(GuardCheck.violations(outcome).isEmpty)
    }

    /// An undefined `{{DLV - key}}` becomes the data-layer variable its name describes.
    @Test func dataLayerNamedReferenceIsCreated() throws {
        let analysis = try Harness.analysis(Shop.export(tags: [Shop.metaPixel("30", "<script>fbq('track', 'Purchase', {value: {{DLV - ecommerce.value}}, currency: 'EUR'}, {eventID: 'a'});</script>")]))
        let report = Harness.scorer.score(analysis)
        let outcome = try #require(try Harness.apply(Harness.request(analysis, report: report, target: .variables, rule: "variables.undefined_reference")))
        let variable = try #require(outcome.after.container.variables.first { $0.name == "DLV - ecommerce.value" })
        #expect(variable.type == "v" && variable.parameters.value("name") == "ecommerce.value")
        #expect(!outcome.afterReport.findings.contains { $0.rule == "variables.undefined_reference" })
    }

    /// A duplicate trigger with more users than one patch may touch: the first users move, nothing is removed yet.
    @Test func busyDuplicateTriggerMovesUsersFirst() throws {
        let users = (30...32).map { Shop.metaPixel(String($0), ConsentCases.metaCode, trigger: "31", name: "Meta - Pixel - purchase \($0)") }
        let analysis = try Harness.analysis(Shop.export(tags: users, triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - purchase 2", event: "purchase")],
                                                        variables: [ConsentCases.value]))
        let report = Harness.scorer.score(analysis)
        let outcome = try #require(try Harness.apply(Harness.request(analysis, report: report, target: .triggers, rule: "triggers.duplicate")))
        #expect(outcome.resolved.touched.count == 3)
        #expect(outcome.resolved.removed.isEmpty)
        #expect(outcome.after.container.tags.filter { $0.firingTriggerIds == ["10"] }.count >= 3)
        #expect(GuardCheck.violations(outcome).isEmpty)
    }

    /// Entities whose ids are JSON numbers (a few hand-edited exports) are addressed like any other.
    @Test func numericIdsAreAddressed() throws {
        let numeric = #"{"variableId":51,"name":"DLV - coupon","type":"v","parameter":[{"type":"TEMPLATE","key":"name","value":"coupon"}]}"#
        let analysis = try Harness.analysis(Shop.export(variables: [numeric]))
        let report = Harness.scorer.score(analysis)
        let request = Harness.request(analysis, report: report, target: .variables, rule: "variables.unused")
        let outcome = try #require(try Harness.apply(request))
        #expect(outcome.resolved.removed == [EntityKey(.variable, "51")])
        #expect(!outcome.after.container.variables.contains { $0.name == "DLV - coupon" })
        #expect(GuardCheck.violations(outcome).isEmpty)
    }
}
