import Foundation
import GTMModel
import Testing
import TestSupport
@testable import Scoring

@Suite struct DedupRulesTests {
    typealias F = ParameterFixtures

    @Test func rulesAreInTheCatalogUnderTheirDimension() {
        #expect(DedupRules.all.allSatisfy { $0.descriptor.dimension == .dedup })
        #expect(DedupRules.all.map(\.descriptor.id).allSatisfy { RuleCatalog.rule(id: $0) != nil })
    }

    @Test func transactionIdOnGA4Purchases() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase no id", event: "purchase", triggers: ["10"],
                                 extra: [F.table("eventSettingsTable", [("value", "{{DLV - value}}")])]),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - purchase ok", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            Fixtures.ga4EventTag(id: "3", name: "GA4 - purchase literal id", event: "purchase", triggers: ["10"],
                                 extra: [F.table("eventSettingsTable", [("transaction_id", "12345")])]),
            Fixtures.ga4EventTag(id: "4", name: "GA4 - purchase ecommerce", event: "purchase", triggers: ["10"],
                                 extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")]),
            Fixtures.ga4EventTag(id: "5", name: "GA4 - lead", event: "generate_lead", triggers: ["10"]),
            #"{"tagId":"6","name":"GA4 - paused purchase","type":"gaawe","paused":true,"firingTriggerId":["10"],"parameter":[\#(Fixtures.param("eventName", "purchase"))]}"#,
        ], triggers: [F.purchaseTrigger])
        let found = F.findings(c, rule: "dedup.transaction_id")
        #expect(found.map(\.entity.id) == ["1", "3"])
        #expect(found.allSatisfy { $0.severity == .error && $0.ref == "transaction_id" })
        // Lead and paused tags are not judged.
        #expect(F.checks(c, rule: "dedup.transaction_id") == (4, 2))
    }

    @Test func transactionIdOnAdsConversions() throws {
        let formTrigger = #"{"triggerId":"12","name":"Form","type":"FORM_SUBMISSION"}"#
        let c = try Fixtures.container(tags: [
            F.awct(id: "1", name: "Ads - purchase no order id", triggers: ["10"], value: "{{DLV - value}}", currency: "EUR"),
            F.awct(id: "2", name: "Ads - purchase", triggers: ["10"], value: "{{DLV - value}}", currency: "EUR", orderId: "{{DLV - transaction_id}}"),
            F.awct(id: "3", name: "Ads - thank-you page with dynamic value", triggers: ["2147479553"], value: "{{DLV - value}}", currency: "EUR", orderId: ""),
            F.awct(id: "4", name: "Ads - lead form", triggers: ["12"], value: "10", currency: "EUR"),
        ], triggers: [F.purchaseTrigger, formTrigger])
        let found = F.findings(c, rule: "dedup.transaction_id")
        #expect(found.map(\.entity.id) == ["1", "3"])
        #expect(found.allSatisfy { $0.ref == "orderId" })
        #expect(F.checks(c, rule: "dedup.transaction_id") == (3, 2))
    }

    @Test func metaEventId() throws {
        let c = try Fixtures.container(tags: [
            F.html(id: "1", name: "Meta - Purchase", code: "<script>fbq('track', 'Purchase', {value: {{V}}, currency: 'EUR'});</script>", triggers: ["10"]),
            F.html(id: "2", name: "Meta - Purchase dedup", code: "<script>fbq('track', 'Purchase', {value: {{V}}, currency: 'EUR'}, {eventID: '{{Event ID}}'});</script>", triggers: ["10"]),
            F.html(id: "3", name: "Meta - PageView", code: "<script>fbq('track', 'PageView');</script>", triggers: ["2147479553"]),
            F.metaTemplateTag(id: "4", name: "Meta - Lead template", event: "Lead", triggers: ["11"], params: [Fixtures.param("eventId", "")]),
            F.metaTemplateTag(id: "5", name: "Meta - Lead template dedup", event: "Lead", triggers: ["11"], params: [Fixtures.param("eventId", "{{Event ID}}")]),
        ], triggers: [F.purchaseTrigger, F.leadTrigger], templates: [F.metaTemplate])
        let found = F.findings(c, rule: "dedup.meta_event_id")
        #expect(found.map(\.entity.id) == ["1", "4"])
        #expect(found.map(\.ref) == ["purchase", "generate_lead"])
        #expect(found.allSatisfy { $0.severity == .warning })
        // PageView is not a conversion.
        #expect(F.checks(c, rule: "dedup.meta_event_id") == (4, 2))
    }

    @Test func metaEventIdIsNotJudgedInServerContainers() throws {
        let c = try Fixtures.container(tags: [
            F.metaTemplateTag(id: "1", name: "Meta CAPI - Lead", event: "Lead", triggers: ["11"]),
        ], triggers: [F.leadTrigger], templates: [F.metaTemplate], usageContext: "SERVER")
        #expect(F.checks(c, rule: "dedup.meta_event_id") == (0, 0))
    }

    @Test func sameEventTwice() throws {
        let other = [Fixtures.param("eventName", "purchase"), Fixtures.param("measurementIdOverride", "G-OTHER12345")]
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - purchase (copy)", event: "purchase", triggers: ["10"],
                                 extra: [F.table("eventSettingsTable", [("transaction_id", "{{DLV - transaction_id}}")])]),
            F.tag(id: "3", name: "GA4 - purchase other property", type: "gaawe", params: other, triggers: ["10"]),
            Fixtures.ga4EventTag(id: "4", name: "GA4 - purchase other trigger", event: "purchase", triggers: ["13"], extra: [F.completePurchaseRows]),
            F.awct(id: "5", name: "Ads - purchase", triggers: ["10"]),
            F.awct(id: "6", name: "Ads - purchase again", triggers: ["10"], value: "{{DLV - value}}"),
            F.awct(id: "7", name: "Ads - other label", triggers: ["10"], label: "XYZ"),
        ], triggers: [F.purchaseTrigger, Fixtures.customEventTrigger(id: "13", name: "CE - order", event: "order")])
        let found = F.findings(c, rule: "dedup.same_event_twice")
        #expect(found.map(\.entity.id) == ["2", "6"])
        #expect(found.map(\.ref) == ["1", "5"])
        #expect(found.allSatisfy { $0.severity == .warning })
    }

    @Test func sameEventTwiceForPixelPageViews() throws {
        let c = try Fixtures.container(tags: [
            F.html(id: "1", name: "Meta - Base", code: "<script>fbq('init', '111'); fbq('track', 'PageView');</script>", triggers: ["2147479553"]),
            F.html(id: "2", name: "Meta - Base (import)", code: "<script>\nfbq('init', '111');\nfbq('track', 'PageView');\n</script>", triggers: ["2147479553"]),
            F.html(id: "3", name: "Meta - Second pixel", code: "<script>fbq('init', '222'); fbq('track', 'PageView');</script>", triggers: ["2147479553"]),
        ])
        let found = F.findings(c, rule: "dedup.same_event_twice")
        #expect(found.map(\.entity.id) == ["2"])
        #expect(found.first?.ref == "1")
    }

    @Test func duplicateTag() throws {
        let a = F.tag(id: "1", name: "Ads - purchase", type: "awct",
                      params: [Fixtures.param("conversionId", "1"), Fixtures.param("conversionLabel", "L")], triggers: ["10"])
        let reordered = F.tag(id: "2", name: "Ads - purchase copy", type: "awct",
                              params: [Fixtures.param("conversionLabel", "L"), Fixtures.param("conversionId", "1")], triggers: ["10"])
        let different = F.tag(id: "3", name: "Ads - purchase other label", type: "awct",
                              params: [Fixtures.param("conversionId", "1"), Fixtures.param("conversionLabel", "M")], triggers: ["10"])
        let c = try Fixtures.container(tags: [a, reordered, different], triggers: [F.purchaseTrigger])
        let found = F.findings(c, rule: "dedup.duplicate_tag")
        #expect(found.map(\.entity.id) == ["2"])
        #expect(found.first?.ref == "1")
        #expect(found.first?.severity == .warning)
        // Identical tags are reported once, by duplicate_tag, not again by same_event_twice.
        #expect(F.findings(c, rule: "dedup.same_event_twice").isEmpty)
    }

    @Test func conversionFiringOption() throws {
        let c = try Fixtures.container(tags: [
            F.awct(id: "1", name: "Ads - purchase unlimited", triggers: ["10"], option: "UNLIMITED"),
            F.awct(id: "2", name: "Ads - purchase once", triggers: ["10"], label: "other"),
            Fixtures.ga4EventTag(id: "3", name: "GA4 - purchase", event: "purchase", triggers: ["10"]).replacingOccurrences(of: "ONCE_PER_EVENT", with: "UNLIMITED"),
            Fixtures.ga4EventTag(id: "4", name: "GA4 - scroll", event: "scroll", triggers: ["10"]).replacingOccurrences(of: "ONCE_PER_EVENT", with: "UNLIMITED"),
        ], triggers: [F.purchaseTrigger])
        let found = F.findings(c, rule: "dedup.conversion_firing_option")
        #expect(found.map(\.entity.id) == ["1", "3"])
        #expect(found.allSatisfy { $0.severity == .warning && $0.ref == "tagFiringOption" })
        #expect(F.checks(c, rule: "dedup.conversion_firing_option") == (3, 2))
    }

    @Test func duplicateGoogleTag() throws {
        let c = try Fixtures.container(tags: [
            F.tag(id: "1", name: "Google tag", type: "googtag", params: [Fixtures.param("tagId", "G-AB12CD34EF")], triggers: ["2147479573"]),
            F.tag(id: "2", name: "Google tag again", type: "googtag", params: [Fixtures.param("tagId", "g-ab12cd34ef")], triggers: ["2147479553"]),
            F.tag(id: "3", name: "Google tag Ads", type: "googtag", params: [Fixtures.param("tagId", "AW-123456789")], triggers: ["2147479573"]),
        ])
        let found = F.findings(c, rule: "dedup.duplicate_google_tag")
        #expect(found.map(\.entity.id) == ["2"])
        #expect(found.first?.ref == "1")
        #expect(found.first?.severity == .warning)
    }

    @Test func sameEventTwiceReportsTheFirstEarlierTagOnAnySharedTrigger() throws {
        func purchase(_ id: String, _ name: String, triggers: [String]) -> String {
            F.tag(id: id, name: name, type: "gaawe", params: [Fixtures.param("eventName", "purchase"), Fixtures.param("measurementIdOverride", "G-AAA111")], triggers: triggers)
        }
        let c = try Fixtures.container(tags: [
            purchase("1", "GA4 - purchase", triggers: ["10"]),
            purchase("2", "GA4 - purchase (checkout)", triggers: ["12"]),
            purchase("3", "GA4 - purchase (both)", triggers: ["12", "10", "10"]),
        ], triggers: [F.purchaseTrigger, Fixtures.customEventTrigger(id: "12", name: "CE - checkout purchase", event: "purchase")])
        let found = F.findings(c, rule: "dedup.same_event_twice")
        #expect(found.map(\.entity.id) == ["3"])
        #expect(found.map(\.ref) == ["1"])
        #expect(F.checks(c, rule: "dedup.same_event_twice") == (3, 1))
    }

    @Test func sameEventTwiceComparesTemplatesOnlyWhenTheyNameTheirEvent() throws {
        let c = try Fixtures.container(tags: [
            F.tag(id: "1", name: "Meta - template", type: "cvt_2_155", params: [Fixtures.param("pixelId", "111")], triggers: ["10"]),
            F.tag(id: "2", name: "Meta - template again", type: "cvt_2_155", params: [Fixtures.param("pixelId", "111"), Fixtures.param("x", "y")], triggers: ["10"]),
            F.metaTemplateTag(id: "3", name: "Meta - Purchase", event: "Purchase", triggers: ["10"]),
            F.metaTemplateTag(id: "4", name: "Meta - Purchase again", event: "Purchase", triggers: ["10"], params: [Fixtures.param("x", "y")]),
        ], triggers: [F.purchaseTrigger], templates: [F.metaTemplate])
        let found = F.findings(c, rule: "dedup.same_event_twice")
        #expect(found.map(\.entity.id) == ["4"])
        #expect(found.map(\.ref) == ["3"])
    }

    @Test func duplicateTagComparesParametersAsSets() throws {
        let rows = #"{"type":"LIST","key":"eventSettingsTable","list":[{"type":"MAP","map":[\#(Fixtures.param("parameter", "value")),\#(Fixtures.param("parameterValue", "{{V}}"))]},{"type":"MAP","map":[\#(Fixtures.param("parameter", "currency")),\#(Fixtures.param("parameterValue", "EUR"))]}]}"#
        let reordered = #"{"type":"LIST","key":"eventSettingsTable","list":[{"type":"MAP","map":[\#(Fixtures.param("parameterValue", "EUR")),\#(Fixtures.param("parameter", "currency"))]},{"type":"MAP","map":[\#(Fixtures.param("parameter", "value")),\#(Fixtures.param("parameterValue", "{{V}}"))]}]}"#
        let name = Fixtures.param("eventName", "purchase")
        let c = try Fixtures.container(tags: [
            F.tag(id: "1", name: "GA4 - purchase", type: "gaawe", params: [name, rows], triggers: ["10"]),
            F.tag(id: "2", name: "GA4 - purchase reordered", type: "gaawe", params: [reordered, name], triggers: ["10", "10"]),
            F.tag(id: "3", name: "GA4 - purchase blocked", type: "gaawe", params: [name, rows], triggers: ["10"], extra: #","blockingTriggerId":["12"]"#),
            F.tag(id: "4", name: "GA4 - purchase paused", type: "gaawe", params: [name, rows], triggers: ["10"], extra: #","paused":true"#),
            F.tag(id: "5", name: "GA4 - purchase other value", type: "gaawe", params: [name, rows.replacingOccurrences(of: "EUR", with: "USD")], triggers: ["10"]),
        ], triggers: [F.purchaseTrigger, Fixtures.customEventTrigger(id: "12", name: "CE - test", event: "test")])
        let found = F.findings(c, rule: "dedup.duplicate_tag")
        #expect(found.map(\.entity.id) == ["2"])
        #expect(found.map(\.ref) == ["1"])
        #expect(F.checks(c, rule: "dedup.duplicate_tag") == (4, 1))
    }
}
