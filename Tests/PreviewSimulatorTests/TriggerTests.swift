import GTMModel
import LosslessJSON
import PreviewSimulator
import Testing
import TestSupport

/// Trigger types: lifecycle, custom events, clicks, forms, history, timers, groups, blocking.
@Suite struct TriggerTests {
    @Test func pageLoadsFireLifecycleEventsInGTMOrder() throws {
        let c = try Sim.container(tags: [
            Sim.html("1", "consent init", triggers: [BuiltInTrigger.consentInitialization]),
            Sim.html("2", "init", triggers: [BuiltInTrigger.initialization]),
            Sim.html("3", "all pages", triggers: [BuiltInTrigger.allPages]),
            Sim.html("4", "page view", triggers: ["10"]),
            Sim.html("5", "dom ready", triggers: ["11"]),
            Sim.html("6", "window loaded", triggers: ["12"]),
            Sim.html("7", "pre-snippet push", triggers: ["13"]),
        ], triggers: [
            Sim.trigger("10", "pv", type: "PAGEVIEW"), Sim.trigger("11", "dom", type: "DOM_READY"),
            Sim.trigger("12", "load", type: "WINDOW_LOADED"), Sim.customEvent("13", "early"),
        ])
        let load = ScenarioStep.pageLoad(.init(url: "https://a.example/", dataLayer: [Sim.object(#"{"event":"early"}"#)]))
        let result = try Sim.run(c, [load])
        #expect(result.firingSequence.map(\.event) == ["gtm.init_consent", "gtm.init", "early", "gtm.js", "gtm.dom", "gtm.load"])
        #expect(result.allFired == ["consent init", "init", "pre-snippet push", "all pages", "page view", "dom ready", "window loaded"])
        #expect(result.events.allSatisfy { $0.step == 0 })
        #expect(result.events.map(\.number) == Array(1...6))
    }

    @Test func customEventsMatchByNameOrRegex() throws {
        let c = try Sim.container(tags: [Sim.html("1", "cart or purchase", triggers: ["10"]), Sim.html("2", "anything", triggers: ["11"])],
                                  triggers: [Sim.customEvent("10", "^(add_to_cart|purchase)$", matchType: "MATCH_REGEX"),
                                             Sim.customEvent("11", ".*", matchType: "MATCH_REGEX")])
        let result = try Sim.run(c, [Sim.page(), Sim.push(#"{"event":"add_to_cart"}"#), Sim.push(#"{"event":"view_item"}"#),
                                     Sim.push(#"{"event":"purchase"}"#), Sim.push(#"{"no_event":true}"#)])
        #expect(result.fired(on: "add_to_cart") == ["cart or purchase", "anything"])
        #expect(result.fired(on: "view_item") == ["anything"])
        #expect(result.fired(on: "purchase") == ["cart or purchase", "anything"])
        #expect(result.fired(on: "gtm.js") == ["anything"], "a custom event trigger on .* also fires on GTM's own events")
        #expect(result.events.count == 8, "a push without event adds no event")
    }

    @Test func clicksOnLinksAndOtherElements() throws {
        let c = try Sim.container(tags: [Sim.html("1", "all clicks", triggers: ["10"]), Sim.html("2", "link clicks", triggers: ["11"]),
                                         Sim.html("3", "pdf links", triggers: ["12"])],
                                  triggers: [Sim.trigger("10", "click", type: "CLICK"), Sim.trigger("11", "links", type: "LINK_CLICK"),
                                             Sim.trigger("12", "pdf", type: "LINK_CLICK", filters: [Sim.condition("ENDS_WITH", "{{Click URL}}", ".pdf")],
                                                         autoEvent: [Sim.condition("MATCH_REGEX", "{{Page URL}}", ".*")])])
        let button = ScenarioElement(tag: "button", id: "b")
        let spanInPDFLink = ScenarioElement(tag: "span", text: "Download", ancestors: [ScenarioElement(tag: "a", url: "https://a.example/f.pdf")])
        let result = try Sim.run(c, [Sim.page(), .click(button), .click(spanInPDFLink)])
        #expect(result.firingSequence.filter { $0.event.hasPrefix("gtm.") && $0.event.contains("lick") }.map(\.tags) ==
            [["all clicks"], ["all clicks"], ["link clicks", "pdf links"]])
        let linkEvent = try #require(result.events.last)
        #expect(linkEvent.event == "gtm.linkClick" && linkEvent.step == 2)
    }

    @Test func disabledListenerAndNoListenerSkipTheStep() throws {
        let c = try Sim.container(tags: [Sim.html("1", "links", triggers: ["11"])],
                                  triggers: [Sim.trigger("11", "links", type: "LINK_CLICK", autoEvent: [Sim.condition("CONTAINS", "{{Page Path}}", "/checkout")])])
        let link = ScenarioElement(url: "https://a.example/x")
        #expect(try Sim.run(c, [Sim.page("https://a.example/home"), .click(link)]).fired(on: "gtm.linkClick") == [])
        #expect(try Sim.run(c, [Sim.page("https://a.example/checkout"), .click(link)]).fired(on: "gtm.linkClick") == ["links"])
        let skipped = try Sim.run(c, [Sim.page(), .click(ScenarioElement(tag: "div")), .formSubmit(ScenarioElement(tag: "form"))]).skippedSteps
        #expect(skipped.map(\.step) == [1, 2])
    }

    @Test func formSubmitsUseFormVariables() throws {
        let c = try Sim.container(tags: [Sim.html("1", "lead form", triggers: ["10"])],
                                  triggers: [Sim.trigger("10", "form", type: "FORM_SUBMISSION", filters: [Sim.condition("EQUALS", "{{Form ID}}", "contact")])])
        let result = try Sim.run(c, [Sim.page(), .formSubmit(ScenarioElement(tag: "form", id: "newsletter")),
                                     .formSubmit(ScenarioElement(tag: "form", id: "contact", url: "https://a.example/thanks"))])
        #expect(result.firingSequence.filter { $0.event == "gtm.formSubmit" }.map(\.tags) == [[], ["lead form"]])
    }

    @Test func historyChangesUpdateThePageAndFireHistoryTriggers() throws {
        let c = try Sim.container(tags: [Sim.html("1", "virtual page", triggers: ["10"]), Sim.html("2", "step 2", triggers: ["11"])],
                                  triggers: [Sim.trigger("10", "history", type: "HISTORY_CHANGE", filters: [Sim.condition("EQUALS", "{{Page Path}}", "/pricing")]),
                                             Sim.trigger("11", "fragment", type: "HISTORY_CHANGE", filters: [
                                                 Sim.condition("EQUALS", "{{New History Fragment}}", "step-2"),
                                                 Sim.condition("EQUALS", "{{History Source}}", "hashchange")])])
        let result = try Sim.run(c, [Sim.page("https://app.example/"), .historyChange(.init(url: "/pricing")),
                                     .historyChange(.init(url: "#step-2", source: "hashchange"))])
        let history = result.events.filter { $0.event == "gtm.historyChange-v2" }
        #expect(history.map { $0.fired.map(\.name) } == [["virtual page"], ["virtual page", "step 2"]])
        #expect(history.map(\.pageURL) == ["https://app.example/pricing", "https://app.example/pricing#step-2"])
    }

    @Test func timersFireEachIntervalUpToTheirLimitInTimeOrder() throws {
        func timer(_ id: String, interval: String, limit: String) -> String {
            Sim.trigger(id, "timer \(id)", type: "TIMER", extra: #""eventName":{"type":"TEMPLATE","value":"gtm.timer"},"interval":{"type":"TEMPLATE","value":"\#(interval)"},"limit":{"type":"TEMPLATE","value":"\#(limit)"}"#)
        }
        let c = try Sim.container(tags: [Sim.html("1", "A", triggers: ["10"], option: "UNLIMITED"), Sim.html("2", "B", triggers: ["11"], option: "UNLIMITED")],
                                  triggers: [timer("10", interval: "1000", limit: "3"), timer("11", interval: "2000", limit: "")])
        let result = try Sim.run(c, [Sim.page(), .wait(milliseconds: 2500), .wait(milliseconds: 2000)])
        let timers = result.events.filter { $0.kind == .timer }
        #expect(timers.map { $0.fired.map(\.name) } == [["A"], ["A"], ["B"], ["A"], ["B"]])
        #expect(timers.map(\.step) == [1, 1, 1, 2, 2])
        // A new page restarts the timers.
        let again = try Sim.run(c, [Sim.page(), .wait(milliseconds: 1000), Sim.page(), .wait(milliseconds: 1000)])
        #expect(again.events.filter { $0.kind == .timer }.count == 2)
    }

    @Test func triggerGroupsFireOncePerPageWhenEveryMemberHasFired() throws {
        let group = Sim.trigger("20", "group", type: "TRIGGER_GROUP",
                                extra: #""parameter":[{"type":"LIST","key":"triggerIds","list":[{"type":"TRIGGER_REFERENCE","value":"10"},{"type":"TRIGGER_REFERENCE","value":"11"},{"type":"TRIGGER_REFERENCE","value":"2147479553"}]}]"#)
        let c = try Sim.container(tags: [Sim.html("1", "engaged", triggers: ["20"])],
                                  triggers: [Sim.customEvent("10", "scrolled"), Sim.trigger("11", "click", type: "CLICK"), group])
        let steps: [ScenarioStep] = [Sim.page(), Sim.push(#"{"event":"scrolled"}"#), .click(ScenarioElement(tag: "div")),
                                     Sim.push(#"{"event":"scrolled"}"#), .click(ScenarioElement(tag: "div")),
                                     Sim.page(), .click(ScenarioElement(tag: "div")), Sim.push(#"{"event":"scrolled"}"#)]
        let result = try Sim.run(c, steps)
        let firing = result.events.filter { !$0.fired.isEmpty }.map { "\($0.step):\($0.event)" }
        #expect(firing == ["2:gtm.click", "7:scrolled"], "once per page, on the completing event; a new page starts over")
    }

    @Test func blockingTriggersHoldATagBackOnTheSameEvent() throws {
        let c = try Sim.container(tags: [Sim.html("1", "tracker", triggers: [BuiltInTrigger.allPages], blocking: ["10"])],
                                  triggers: [Sim.trigger("10", "internal pages", type: "PAGEVIEW", filters: [Sim.condition("STARTS_WITH", "{{Page Path}}", "/admin")])])
        let admin = try Sim.run(c, [Sim.page("https://a.example/admin/users")])
        let event = try #require(admin.events.first { $0.event == "gtm.js" })
        #expect(event.fired.isEmpty)
        #expect(event.blocked.map(\.reason) == [.blockingTrigger])
        #expect(event.blocked.first?.blockingTriggers == ["internal pages"])
        #expect(try Sim.run(c, [Sim.page("https://a.example/shop")]).fired(on: "gtm.js") == ["tracker"])
    }

    @Test func listenerTriggersFireOnTheirPushedEvent() throws {
        let c = try Sim.container(tags: [Sim.html("1", "scroll", triggers: ["10"])],
                                  triggers: [Sim.trigger("10", "scroll", type: "SCROLL_DEPTH", filters: [Sim.condition("GREATER_OR_EQUALS", "{{DLV - threshold}}", "50")])],
                                  variables: [Sim.dataLayerVariable("5", "DLV - threshold", key: "gtm.scrollThreshold")])
        let result = try Sim.run(c, [Sim.page(), Sim.push(#"{"event":"gtm.scrollDepth","gtm.scrollThreshold":25}"#),
                                     Sim.push(#"{"event":"gtm.scrollDepth","gtm.scrollThreshold":75}"#)])
        #expect(result.events.filter { $0.event == "gtm.scrollDepth" }.map { $0.fired.map(\.name) } == [[], ["scroll"]])
    }
}
