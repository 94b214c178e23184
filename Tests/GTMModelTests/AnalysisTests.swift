import Foundation
import Testing
import TestSupport
@testable import GTMModel

/// The reference graph, `{{Variable}}` scanning, tag classification and trigger events.
@Suite struct AnalysisTests {
    func html(_ id: String, _ code: String, triggers: [String] = ["2147479553"], extra: String = "") -> String {
        #"{"tagId":"\#(id)","name":"t\#(id)","type":"html","firingTriggerId":[\#(triggers.map { "\"\($0)\"" }.joined(separator: ","))],"parameter":[\#(Fixtures.param("html", code))]\#(extra)}"#
    }

    @Test func variableReferencesFollowGTMParsing() {
        #expect(VariableReferences.names(in: "a {{X}} b {{Y Z}} {{X}}") == ["X", "Y Z", "X"])
        #expect(VariableReferences.names(in: "{{{Inner}}}") == ["Inner"])
        #expect(VariableReferences.names(in: "{{}} {{unclosed") == [])
        #expect(VariableReferences.names(in: "{{a}b}}") == [])
        #expect(VariableReferences.names(in: "é {{Prix €}}") == ["Prix €"])
    }

    @Test func referencesAreFoundInEveryStringButNameAndNotes() throws {
        let c = try Fixtures.container(tags: [
            #"{"tagId":"1","name":"{{NotARef}}","notes":"{{AlsoNot}}","type":"gaawe","parameter":[{"type":"LIST","key":"eventSettingsTable","list":[{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"value"},{"type":"TEMPLATE","key":"parameterValue","value":"{{Nested}}"}]}]}]}"#,
        ], triggers: [
            #"{"triggerId":"2","name":"t","type":"CUSTOM_EVENT","filter":[{"type":"EQUALS","parameter":[{"type":"TEMPLATE","key":"arg0","value":"{{In Filter}}"},{"type":"TEMPLATE","key":"arg1","value":"x"}]}]}"#,
        ], variables: [
            #"{"variableId":"3","name":"v","type":"jsm","parameter":[{"type":"TEMPLATE","key":"javascript","value":"function(){return {{In Code}};}"}],"formatValue":{"convertNullToValue":{"type":"TEMPLATE","value":"{{In Format}}"}}}"#,
        ])
        let graph = ReferenceGraph(c)
        #expect(graph.referrers["Nested"]?.map(\.id) == ["1"])
        #expect(graph.referrers["In Filter"]?.map(\.kind) == [.trigger])
        #expect(graph.referrers["In Code"]?.map(\.id) == ["3"])
        #expect(graph.referrers["In Format"]?.map(\.id) == ["3"])
        #expect(graph.referrers["NotARef"] == nil && graph.referrers["AlsoNot"] == nil)
    }

    @Test func graphLinksTriggersTagsGroupsSequencingFoldersAndTemplates() throws {
        let c = try Fixtures.container(tags: [
            #"{"tagId":"1","name":"Base","type":"cvt_2_50","parentFolderId":"9"}"#,
            #"{"tagId":"2","name":"Event","type":"html","firingTriggerId":["10"],"blockingTriggerId":["11"],"setupTag":[{"tagName":"Base"}]}"#,
        ], triggers: [
            #"{"triggerId":"10","name":"a","type":"PAGEVIEW"}"#,
            #"{"triggerId":"11","name":"b","type":"PAGEVIEW"}"#,
            #"{"triggerId":"12","name":"g","type":"TRIGGER_GROUP","parameter":[{"type":"LIST","key":"triggerIds","list":[{"type":"TRIGGER_REFERENCE","value":"10"},{"type":"TRIGGER_REFERENCE","value":"13"}]}]}"#,
            #"{"triggerId":"13","name":"c","type":"CLICK"}"#,
        ], folders: [#"{"folderId":"9","name":"Vendor"}"#],
        templates: [#"{"templateId":"50","name":"T","templateData":"___INFO___\n{}\n___SANDBOXED_JS_FOR_WEB_TEMPLATE___\nconst injectScript = require('injectScript');\n"}"#])
        let graph = ReferenceGraph(c)
        #expect(graph.tagsFiredBy["10"] == [1])
        #expect(graph.tagsBlockedBy["11"] == [1])
        #expect(graph.groupsContaining["13"] == [2])
        #expect(graph.isTriggerUsed("13") && !graph.isTriggerUsed("12"))
        #expect(graph.sequencedTagNames == ["Base"])
        #expect(graph.folderMembers["9"]?.map(\.id) == ["1"])
        #expect(graph.templateUsers[0]?.map(\.id) == ["1"])
        let analysis = ContainerAnalysis(c)
        #expect(analysis.isLive == [true, true], "a tag sequenced by a live tag is live")
    }

    @Test(arguments: [
        ("<script>fbq('track', 'Purchase', {value: 1});</script>", Destination.meta, TagRole.measurement, ["purchase"]),
        ("<script>ttq.track('CompletePayment')</script>", .tiktok, .measurement, ["purchase"]),
        ("<script>gtag('consent', 'default', {ad_storage: 'denied'});</script>", nil, .consentDefault, []),
        ("<script>gtag('consent', 'update', {ad_storage: 'granted'});</script>", nil, .consentUpdate, []),
        ("<script src=\"https://consent.cookiebot.com/uc.js\"></script>", nil, .consentDefault, []),
        ("<img src=\"https://px.example.com/t.gif\">", .otherVendor, .measurement, []),
        ("<script>dataLayer.push({event: 'x'});</script>", nil, .utility, []),
        ("<script src=\"https://www.google-analytics.com/analytics.js\"></script>", .universalAnalytics, .deprecated, []),
        ("<script>snaptr('track', 'PAGE_VIEW')</script>", .snapchat, .measurement, ["page_view"]),
        ("<script>pintrk('track', 'checkout')</script>", .pinterest, .measurement, ["purchase"]),
    ] as [(String, Destination?, TagRole, [String])])
    func customHTMLIsClassifiedByItsCode(code: String, destination: Destination?, role: TagRole, events: [String]) {
        let profile = TagClassifier.profile(ofCode: code)
        #expect(profile.destination == destination)
        #expect(profile.role == role)
        #expect(profile.declaredEvents == events)
    }

    @Test func namesDoNotDecideTheVendor() throws {
        // A tag called "Meta Pixel" that only pushes to the data layer sends nothing to Meta.
        let c = try Fixtures.container(tags: [#"{"tagId":"1","name":"Meta Pixel - Purchase","type":"html","parameter":[\#(Fixtures.param("html", "<script>dataLayer.push({})</script>"))]}"#])
        #expect(ContainerAnalysis(c).tagProfiles[0].destination == nil)
    }

    @Test func templatesAreClassifiedByCodeAndGallerySource() throws {
        let consent = #"{"templateId":"1","name":"Anything","templateData":"___SANDBOXED_JS_FOR_WEB_TEMPLATE___\nconst setDefaultConsentState = require('setDefaultConsentState');\nconst injectScript = require('injectScript'); injectScript('https://bat.bing.com/x.js');\n"}"#
        let dataTag = #"{"templateId":"2","name":"Anything","templateData":"___SANDBOXED_JS_FOR_WEB_TEMPLATE___\nsendPixel(url); // stape_klaviyo_id\n","galleryReference":{"host":"github.com","owner":"stape-io","repository":"data-tag","version":"x","signature":"y"}}"#
        let tiktok = #"{"templateId":"3","name":"Anything","templateData":"___SANDBOXED_JS_FOR_WEB_TEMPLATE___\ninjectScript('https://analytics.tiktok.com/i18n/pixel/events.js');\n"}"#
        let c = try Fixtures.container(tags: [
            #"{"tagId":"1","name":"a","type":"cvt_2_1"}"#,
            #"{"tagId":"2","name":"b","type":"cvt_2_2","parameter":[\#(Fixtures.param("event_name_custom", "purchase"))]}"#,
            #"{"tagId":"3","name":"c","type":"cvt_2_3","parameter":[\#(Fixtures.param("event", "CompletePayment"))]}"#,
            #"{"tagId":"4","name":"d","type":"cvt_2_99"}"#,
        ], templates: [consent, dataTag, tiktok])
        let profiles = ContainerAnalysis(c).tagProfiles
        #expect(profiles[0].role == .consentDefault && profiles[0].destination == nil)
        #expect(profiles[1].destination == .serverContainer)
        #expect(profiles[2].destination == .tiktok && profiles[2].declaredEvents == ["purchase"])
        #expect(profiles[3].destination == .otherVendor, "a template the export lacks is an unknown vendor")
    }

    @Test(arguments: [
        ("^(purchase|refund)$", ["purchase", "refund"]),
        ("purchase", ["purchase"]),
        ("gtm\\.dom", ["gtm.dom"]),
        ("view_item.*", nil),
        ("^(?:a|b)$", ["a", "b"]),
        ("a||b", nil),
    ] as [(String, [String]?)])
    func regexAlternativesExpandToEventNames(regex: String, names: [String]?) {
        #expect(TriggerEvents.plainAlternatives(regex) == names)
    }

    @Test func eventNamesAreCanonical() {
        #expect(EventNames.canonical("Purchase") == "purchase")
        #expect(EventNames.canonical("AddToCart") == "add_to_cart")
        #expect(EventNames.canonical("CompletePayment") == "purchase")
        #expect(EventNames.canonical("checkout") == "begin_checkout")
        #expect(EventNames.canonical("checkout", for: .pinterest) == "purchase")
        #expect(EventNames.canonical("view_item_list") == "view_item_list")
    }

    @Test func tagsSendTheirOwnEventElseTheirTriggers() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "a", event: "{{Event}}", triggers: ["10"]),
            #"{"tagId":"2","name":"b","type":"awct","firingTriggerId":["10"]}"#,
            #"{"tagId":"3","name":"c","type":"googtag","firingTriggerId":["2147479553"],"parameter":[{"type":"TEMPLATE","key":"tagId","value":"G-1"},{"type":"LIST","key":"configSettingsTable","list":[{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"send_page_view"},{"type":"TEMPLATE","key":"parameterValue","value":"false"}]}]}]}"#,
        ], triggers: [#"{"triggerId":"10","name":"t","type":"CUSTOM_EVENT","customEventFilter":[{"type":"MATCH_REGEX","parameter":[{"type":"TEMPLATE","key":"arg0","value":"{{_event}}"},{"type":"TEMPLATE","key":"arg1","value":"^(purchase|add_to_cart)$"}]}]}"#])
        let analysis = ContainerAnalysis(c)
        #expect(analysis.tagEvents[0].names == ["purchase", "add_to_cart"])
        #expect(analysis.tagEvents[1].names == ["purchase", "add_to_cart"])
        #expect(analysis.tagEvents[2].names.isEmpty, "a Google tag with page views off sends no event")
        #expect(analysis.measuredPairs.contains(MeasuredPair(destination: .googleAds, event: "purchase")))
    }

    @Test func corpusTagsAreClassifiedFromWhatTheyDo() throws {
        guard let url = Corpus.file("001"), let url2 = Corpus.file("002") else { return }
        let meta = ContainerAnalysis(try ContainerLoader().load(path: url.path))
        func profile(_ a: ContainerAnalysis, _ id: String) -> TagProfile? {
            a.graph.tagIndexById[id].map { a.tagProfiles[$0] }
        }
        #expect(profile(meta, "130")?.destination == .meta)       // Custom HTML base pixel
        #expect(profile(meta, "126")?.destination == .meta)       // Custom HTML fbq('track','Lead')
        #expect(profile(meta, "129")?.role == .googleTagConfig)   // googtag
        let stape = ContainerAnalysis(try ContainerLoader().load(path: url2.path))
        #expect(profile(stape, "313")?.destination == .serverContainer)  // Stape Data Tag template
        #expect(profile(stape, "332")?.destination == nil || profile(stape, "332")?.destination == .otherVendor) // a form listener
    }
}
