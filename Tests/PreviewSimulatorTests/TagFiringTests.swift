import GTMModel
import LosslessJSON
import PreviewSimulator
import Testing
import TestSupport

/// Consent, firing options, sequencing, pausing, priority and what tags send.
@Suite struct TagFiringTests {
    static let needsAds = #""consentSettings":{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"ad_storage"},{"type":"TEMPLATE","value":"ad_user_data"}]}}"#

    @Test func consentBlocksThenTheTagFiresAfterTheUpdate() throws {
        let c = try Sim.container(tags: [Sim.html("1", "ads pixel", triggers: ["10"], extra: TagFiringTests.needsAds)],
                                  triggers: [Sim.customEvent("10", "view_item")])
        let result = try Sim.run(c, [
            .consentDefault(["ad_storage": .denied, "ad_user_data": .denied, "analytics_storage": .denied]),
            Sim.page(), Sim.push(#"{"event":"view_item"}"#),
            .consentUpdate(["ad_storage": .granted]), Sim.push(#"{"event":"view_item"}"#),
            .consentUpdate(["ad_user_data": .granted]), Sim.push(#"{"event":"view_item"}"#),
            .consentDefault(["ad_storage": .denied]), Sim.push(#"{"event":"view_item"}"#),
        ])
        let views = result.events.filter { $0.event == "view_item" }
        #expect(views.map { $0.fired.map(\.name) } == [[], [], ["ads pixel"], ["ads pixel"]],
                "blocked while any required type is denied, not queued, and a later default does not undo an update")
        #expect(views[0].blocked.first?.reason == .consent)
        #expect(views[0].blocked.first?.deniedConsent == ["ad_storage", "ad_user_data"])
        #expect(views[1].blocked.first?.deniedConsent == ["ad_user_data"])
        #expect(result.events.first?.kind == .consentDefault && result.events.first?.pageURL == "")
    }

    @Test func unsetConsentCountsAsGranted() throws {
        let c = try Sim.container(tags: [Sim.html("1", "ads pixel", triggers: [BuiltInTrigger.allPages], extra: TagFiringTests.needsAds)])
        #expect(try Sim.run(c, [Sim.page()]).fired(on: "gtm.js") == ["ads pixel"])
    }

    @Test func googleTagsFireInConsentModeAndRecordTheDeniedTypes() throws {
        let ga4 = Fixtures.ga4EventTag(id: "1", name: "GA4 - page", event: "page_view", triggers: [BuiltInTrigger.allPages], consent: #"{"consentStatus":"NOT_SET"}"#)
        let c = try Sim.container(tags: [ga4])
        let denied = try Sim.run(c, [.consentDefault(["analytics_storage": .denied]), Sim.page()])
        #expect(denied.firedTag("GA4 - page")?.consentModeDenied == ["analytics_storage"])
        #expect(try Sim.run(c, [Sim.page()]).firedTag("GA4 - page")?.consentModeDenied == [])
    }

    @Test func firingOptions() throws {
        let c = try Sim.container(tags: [
            Sim.html("1", "per event", triggers: ["10", "11"]),
            Sim.html("2", "unlimited", triggers: ["10", "11"], option: "UNLIMITED"),
            Sim.html("3", "per page", triggers: ["12"], option: "ONCE_PER_LOAD"),
        ], triggers: [Sim.trigger("10", "pv a", type: "PAGEVIEW"), Sim.trigger("11", "pv b", type: "PAGEVIEW"), Sim.customEvent("12", "x")])
        let result = try Sim.run(c, [Sim.page(), Sim.push(#"{"event":"x"}"#), Sim.push(#"{"event":"x"}"#), Sim.page(), Sim.push(#"{"event":"x"}"#)])
        #expect(result.fired(on: "gtm.js") == ["per event", "unlimited", "unlimited"])
        let xs = result.events.filter { $0.event == "x" }
        #expect(xs.map { $0.fired.map(\.name) } == [["per page"], [], ["per page"]])
        #expect(xs[1].blocked.map(\.reason) == [.oncePerPage])
        #expect(result.firedTag("unlimited")?.firedBy == ["pv a", "pv b"])
    }

    @Test func sequencingFiresSetupBeforeAndTeardownAfter() throws {
        let main = Sim.html("1", "Main", triggers: ["10"], option: "UNLIMITED",
                            extra: #""setupTag":[{"tagName":"Setup","stopOnSetupFailure":true}],"teardownTag":[{"tagName":"Teardown"}]"#)
        let c = try Sim.container(tags: [Sim.html("2", "Teardown", triggers: []), main, Sim.html("3", "Setup", triggers: [], option: "ONCE_PER_LOAD")],
                                  triggers: [Sim.customEvent("10", "go")])
        let result = try Sim.run(c, [Sim.page(), Sim.push(#"{"event":"go"}"#), Sim.push(#"{"event":"go"}"#)])
        let gos = result.events.filter { $0.event == "go" }
        #expect(gos.map { $0.fired.map(\.name) } == [["Setup", "Main", "Teardown"], ["Main", "Teardown"]],
                "a once-per-page setup tag that already fired counts as done")
        #expect(gos[0].fired[0].setupFor == "Main" && gos[0].fired[2].teardownFor == "Main" && gos[0].fired[1].firedBy == ["CE - go"])
    }

    @Test func aFailedSetupStopsTheMainTagOnlyWhenAskedTo() throws {
        func container(stop: Bool) throws -> Container {
            try Sim.container(tags: [
                Sim.html("1", "Main", triggers: [BuiltInTrigger.allPages], extra: #""setupTag":[{"tagName":"Base","stopOnSetupFailure":\#(stop)}]"#),
                Sim.html("2", "Base", triggers: [], extra: #""paused":true"#),
            ])
        }
        let stopped = try #require(try Sim.run(container(stop: true), [Sim.page()]).events.first { $0.event == "gtm.js" })
        #expect(stopped.fired.isEmpty)
        #expect(Set(stopped.blocked.map(\.reason)) == [.paused, .setupFailed])
        #expect(try Sim.run(container(stop: false), [Sim.page()]).fired(on: "gtm.js") == ["Main"])
    }

    @Test func pausedTagsNeverFire() throws {
        let c = try Sim.container(tags: [Sim.html("1", "paused", triggers: [BuiltInTrigger.allPages], extra: #""paused":true"#)])
        let event = try #require(try Sim.run(c, [Sim.page()]).events.first { $0.event == "gtm.js" })
        #expect(event.fired.isEmpty && event.blocked.map(\.reason) == [.paused])
    }

    @Test func higherPriorityFiresFirst() throws {
        let c = try Sim.container(tags: [
            Sim.html("1", "low", triggers: [BuiltInTrigger.allPages]),
            Sim.html("2", "high", triggers: [BuiltInTrigger.allPages], extra: #""priority":{"type":"INTEGER","value":"10"}"#),
            Sim.html("3", "also low", triggers: [BuiltInTrigger.allPages]),
        ])
        #expect(try Sim.run(c, [Sim.page()]).fired(on: "gtm.js") == ["high", "low", "also low"])
    }

    @Test func tagsSendDestinationEventPairsNamedAsTheScorerNamesThem() throws {
        let meta = Sim.html("2", "Meta purchase", triggers: ["10"], code: "<script>fbq('track', 'Purchase', {value: {{DLV - value}}, currency: 'EUR'});</script>")
        let ads = #"{"tagId":"3","name":"Ads conversion","type":"awct","parameter":[\#(Fixtures.param("conversionId", "123")),\#(Fixtures.param("conversionValue", "{{DLV - value}}"))],"firingTriggerId":["10"]}"#
        let ua = #"{"tagId":"4","name":"UA","type":"ua","parameter":[\#(Fixtures.param("trackType", "TRACK_EVENT"))],"firingTriggerId":["10"]}"#
        let ga4 = Fixtures.ga4EventTag(id: "1", name: "GA4 event", event: "{{Event}}", triggers: ["10"],
                                       extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN"), Fixtures.param("getEcommerceDataFrom", "dataLayer")])
        let page = Sim.html("5", "util", triggers: ["10"])
        let c = try Sim.container(tags: [ga4, meta, ads, ua, page], triggers: [Sim.customEvent("10", "purchase")],
                                  variables: [Sim.dataLayerVariable("6", "DLV - value", key: "ecommerce.value"),
                                              Sim.variable("7", "Const - GA4 ID", type: "c", [Fixtures.param("value", "G-1")])])
        let result = try Sim.run(c, [Sim.page(), Sim.push(#"{"event":"purchase","ecommerce":{"value":10,"currency":"EUR","transaction_id":"T1"}}"#)])
        let event = try #require(result.events.first { $0.event == "purchase" })
        #expect(event.fired.map(\.sends) == [
            [SentEvent(destination: .ga4, event: "purchase")], [SentEvent(destination: .meta, event: "purchase")],
            [SentEvent(destination: .googleAds, event: "purchase")], [], [],
        ])
        #expect(event.fired[0].ecommerce?.jsonValue?["transaction_id"] == "T1")
        #expect(event.fired[0].parameters["eventName"]?.value == .string("purchase"))
        #expect(event.fired[2].parameters["conversionValue"]?.value == .json(10))
        #expect(event.fired[1].parameters["html"]?.value?.jsonValue?.stringValue?.contains("value: 10,") == true)
        #expect(result.sentEvents.contains(SentEvent(destination: .ga4, event: "purchase")))
    }

    @Test func parametersKeepListsAndMaps() throws {
        let table = #"{"type":"LIST","key":"eventSettingsTable","list":[{"type":"MAP","map":[\#(Fixtures.param("parameter", "currency")),\#(Fixtures.param("parameterValue", "{{DLV - currency}}"))]}]}"#
        let ga4 = Fixtures.ga4EventTag(id: "1", name: "GA4", event: "view_item", triggers: [BuiltInTrigger.allPages], extra: [table, Fixtures.param("flag", "true", type: "BOOLEAN")])
        let c = try Sim.container(tags: [ga4], variables: [Sim.dataLayerVariable("6", "DLV - currency", key: "currency")])
        let tag = try #require(try Sim.run(c, [Sim.page()]).firedTag("GA4"))
        guard case .list(let rows)? = tag.parameters["eventSettingsTable"], case .map(let row)? = rows.first else {
            Issue.record("eventSettingsTable is not a list of maps")
            return
        }
        #expect(row["parameter"]?.value == .string("currency"))
        #expect(row["parameterValue"]?.value == .undefined)
        #expect(tag.parameters["flag"]?.value == .json(true))
        #expect(tag.diagnostics.map(\.parameter).contains("eventSettingsTable[currency].parameterValue"))
    }

    @Test func templateTagsNameTheirEventLikeTheClassifier() throws {
        let template = #"{"templateId":"50","name":"Meta Pixel","templateData":"___INFO___\n{}\n___SANDBOXED_JS_FOR_WEB_TEMPLATE___\nconst injectScript = require('injectScript');\n","galleryReference":{"host":"github.com","owner":"facebookarchive","repository":"GoogleTagManager-WebTemplate-For-FacebookPixel","version":"1"}}"#
        func metaTag(_ id: String, _ name: String, _ params: [String]) -> String {
            #"{"tagId":"\#(id)","name":"\#(name)","type":"cvt_2_50","parameter":[\#(params.joined(separator: ","))],"firingTriggerId":["10"]}"#
        }
        let c = try Sim.container(tags: [
            metaTag("1", "standard", [Fixtures.param("eventName", "standard"), Fixtures.param("eventNameStandard", "{{DLV - meta event}}")]),
            metaTag("2", "inherit", [Fixtures.param("eventName", "inherit")]),
        ], triggers: [Sim.customEvent("10", "begin_checkout")], variables: [Sim.dataLayerVariable("5", "DLV - meta event", key: "meta_event")], templates: [template])
        let result = try Sim.run(c, [Sim.page(), Sim.push(#"{"event":"begin_checkout","meta_event":"AddPaymentInfo"}"#)])
        let sends = result.events.first { $0.event == "begin_checkout" }?.fired.map(\.sends)
        #expect(sends == [[SentEvent(destination: .meta, event: "add_payment_info")], [SentEvent(destination: .meta, event: "begin_checkout")]])
    }
}
