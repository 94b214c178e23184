import GTMModel
import Testing
import TestSupport
@testable import Scoring

@Suite struct TriggerRulesTests {
    func findings(_ container: Container, rule: String) -> [Finding] {
        Scorer().score(container).findings.filter { $0.rule == rule }
    }

    static func condition(_ type: String, _ left: String, _ right: String, negate: Bool? = nil, ignoreCase: Bool? = nil) -> String {
        var parameters = [Fixtures.param("arg0", left), Fixtures.param("arg1", right)]
        if let negate { parameters.append(Fixtures.param("negate", negate ? "true" : "false", type: "BOOLEAN")) }
        if let ignoreCase { parameters.append(Fixtures.param("ignore_case", ignoreCase ? "true" : "false", type: "BOOLEAN")) }
        return #"{"type":"\#(type)","parameter":[\#(parameters.joined(separator: ","))]}"#
    }

    static func trigger(_ id: String, _ name: String, type: String, filter: [String] = [], extra: String = "") -> String {
        let filters = filter.isEmpty ? "" : #","filter":[\#(filter.joined(separator: ","))]"#
        return #"{"triggerId":"\#(id)","name":"\#(name)","type":"\#(type)"\#(filters)\#(extra)}"#
    }

    static func tag(_ id: String, _ name: String, type: String, firing: [String], blocking: [String] = [], parameters: [String] = [], paused: Bool = false) -> String {
        func ids(_ list: [String]) -> String { list.map { "\"\($0)\"" }.joined(separator: ",") }
        let blockingPart = blocking.isEmpty ? "" : #","blockingTriggerId":[\#(ids(blocking))]"#
        return #"{"tagId":"\#(id)","name":"\#(name)","type":"\#(type)","paused":\#(paused),"firingTriggerId":[\#(ids(firing))]\#(blockingPart),"parameter":[\#(parameters.joined(separator: ","))]}"#
    }

    /// A custom-event trigger whose pattern may need JSON escaping.
    static func customEvent(_ id: String, _ name: String, _ pattern: String, _ type: String) -> String {
        #"{"triggerId":"\#(id)","name":"\#(name)","type":"CUSTOM_EVENT","customEventFilter":[\#(condition(type, "{{_event}}", pattern))]}"#
    }

    static func group(_ id: String, _ name: String, members: [String]) -> String {
        let list = members.map { #"{"type":"TRIGGER_REFERENCE","value":"\#($0)"}"# }.joined(separator: ",")
        return #"{"triggerId":"\#(id)","name":"\#(name)","type":"TRIGGER_GROUP","parameter":[{"type":"LIST","key":"triggerIds","list":[\#(list)]}]}"#
    }

    static func timer(_ id: String, interval: String?, limit: String?) -> String {
        var extra = #","eventName":{"type":"TEMPLATE","value":"gtm.timer"}"#
        if let interval { extra += #","interval":{"type":"TEMPLATE","value":"\#(interval)"}"# }
        if let limit { extra += #","limit":{"type":"TEMPLATE","value":"\#(limit)"}"# }
        return trigger(id, "Timer \(id)", type: "TIMER", extra: extra)
    }

    // MARK: orphan

    @Test func orphanTriggerIsUsedByNothing() throws {
        let c = try Fixtures.container(
            tags: [Self.tag("1", "HTML", type: "html", firing: ["10"], blocking: ["11"])],
            triggers: [
                Fixtures.customEventTrigger(id: "10", name: "CE - lead", event: "generate_lead"),
                Self.trigger("11", "PV - internal", type: "PAGEVIEW", filter: [Self.condition("CONTAINS", "{{Page Hostname}}", "staging")]),
                Fixtures.customEventTrigger(id: "12", name: "CE - step 1", event: "step_1"),
                Self.group("13", "Group - steps", members: ["12"]),
                Fixtures.customEventTrigger(id: "14", name: "CE - forgotten", event: "forgotten"),
            ])
        let results = run(TriggerRules.Orphan(), c)
        // 13 (the group) fires no tag either: it is an orphan too.
        #expect(results.findings.map(\.entity.id) == ["13", "14"])
        #expect(results.findings.allSatisfy { $0.severity == .warning && $0.entity.kind == .trigger })
        #expect(results.passed == 3)
    }

    // MARK: duplicate

    @Test func duplicateTriggersCompareConditionsAsSets() throws {
        let a = Self.trigger("10", "Click - CTA", type: "CLICK", filter: [
            Self.condition("CONTAINS", "{{Click Classes}}", "cta"), Self.condition("EQUALS", "{{Page Path}}", "/", negate: false),
        ])
        let b = Self.trigger("11", "Click - CTA (copy)", type: "CLICK", filter: [
            Self.condition("EQUALS", "{{Page Path}}", "/"), Self.condition("CONTAINS", "{{Click Classes}}", "cta", ignoreCase: false),
        ])
        let negated = Self.trigger("12", "Click - CTA not home", type: "CLICK", filter: [
            Self.condition("CONTAINS", "{{Click Classes}}", "cta"), Self.condition("EQUALS", "{{Page Path}}", "/", negate: true),
        ])
        let linkClick = Self.trigger("13", "Link - CTA", type: "LINK_CLICK", filter: [
            Self.condition("CONTAINS", "{{Click Classes}}", "cta"), Self.condition("EQUALS", "{{Page Path}}", "/"),
        ])
        let c = try Fixtures.container(triggers: [
            a, b, negated, linkClick,
            Fixtures.customEventTrigger(id: "20", name: "CE - purchase", event: "purchase"),
            Fixtures.customEventTrigger(id: "21", name: "Event - purchase", event: "purchase"),
            Fixtures.customEventTrigger(id: "22", name: "CE - refund", event: "refund"),
        ])
        let found = findings(c, rule: "triggers.duplicate")
        #expect(found.map(\.entity.id) == ["11", "21"])
        #expect(found.map(\.ref) == ["Click - CTA", "CE - purchase"])
        #expect(found.allSatisfy { $0.severity == .warning })
    }

    @Test func duplicateTriggersIgnoreUniqueIdsButNotOperators() throws {
        func unique(_ id: String) -> String { #","parameter":[\#(Fixtures.param("uniqueTriggerId", id))]"# }
        let c = try Fixtures.container(triggers: [
            Self.trigger("10", "Click - a", type: "CLICK", filter: [Self.condition("CONTAINS", "{{Click Classes}}", "cta")], extra: unique("1")),
            Self.trigger("11", "Click - b", type: "CLICK", filter: [Self.condition("CONTAINS", "{{Click Classes}}", "cta")], extra: unique("2")),
            Self.trigger("12", "Click - c", type: "CLICK", filter: [Self.condition("EQUALS", "{{Click Classes}}", "cta")]),
            Self.trigger("13", "Click - d", type: "click", filter: [Self.condition("contains", "{{Click Classes}}", "cta", ignoreCase: false)]),
        ])
        let found = findings(c, rule: "triggers.duplicate")
        #expect(found.map(\.entity.id) == ["11", "13"])
        #expect(found.map(\.ref) == ["Click - a", "Click - a"])
        #expect(TriggerRules.normalized("CUSTOM_EVENT") == "customevent")
        #expect(TriggerRules.normalized("customEvent") == "customevent")
        #expect(TriggerRules.normalized("ÉVÉNEMENT_X") == "événementx")
    }

    // MARK: custom_event_not_equals

    @Test func customEventsMustMatchWholeNames() throws {
        let c = try Fixtures.container(triggers: [
            Fixtures.customEventTrigger(id: "10", name: "equals", event: "purchase"),
            Fixtures.customEventTrigger(id: "11", name: "contains", event: "purchase", matchType: "CONTAINS"),
            Fixtures.customEventTrigger(id: "12", name: "starts", event: "add_", matchType: "STARTS_WITH"),
            Fixtures.customEventTrigger(id: "13", name: "anchored group", event: "^(purchase|refund)$", matchType: "MATCH_REGEX"),
            Fixtures.customEventTrigger(id: "14", name: "unanchored", event: "view_item|view_item_list", matchType: "MATCH_REGEX"),
            Fixtures.customEventTrigger(id: "15", name: "half anchored", event: "^purchase|refund$", matchType: "MATCH_REGEX"),
            Fixtures.customEventTrigger(id: "16", name: "each anchored", event: "^purchase$|^refund$", matchType: "MATCH_REGEX"),
            Fixtures.customEventTrigger(id: "17", name: "catch-all", event: ".*", matchType: "MATCH_REGEX"),
            Self.customEvent("18", "escaped dollar", "^purchase\\$", "MATCH_REGEX"),
            Fixtures.customEventTrigger(id: "19", name: "ends", event: "_complete", matchType: "ENDS_WITH"),
        ])
        let results = run(TriggerRules.CustomEventNotEquals(), c)
        #expect(results.findings.map(\.entity.id) == ["11", "12", "14", "15", "18", "19"])
        #expect(results.findings.map(\.ref) == ["purchase", "add_", "view_item|view_item_list", "^purchase|refund$", "^purchase\\$", "_complete"])
        #expect(results.findings.allSatisfy { $0.severity == .warning })
        #expect(results.passed == 4)
    }

    // MARK: conversion_on_all_pages

    @Test func conversionTagsOnEveryPageAreErrors() throws {
        let adsParameters = [Fixtures.param("conversionId", "{{Const - Ads id}}"), Fixtures.param("conversionLabel", "abc")]
        let c = try Fixtures.container(
            tags: [
                Self.tag("1", "Ads - conversion", type: "awct", firing: ["2147479553"], parameters: adsParameters),
                Self.tag("2", "Ads - conversion DOM", type: "awct", firing: ["11"], parameters: adsParameters),
                Self.tag("3", "Ads - conversion thank you", type: "awct", firing: ["12"], parameters: adsParameters),
                Fixtures.ga4EventTag(id: "4", name: "GA4 - purchase", event: "purchase", triggers: ["13"]),
                Self.tag("5", "Ads - remarketing", type: "sp", firing: ["2147479553"], parameters: adsParameters),
                Self.tag("6", "Ads - paused", type: "awct", firing: ["2147479553"], parameters: adsParameters, paused: true),
                Self.tag("7", "Floodlight counter", type: "flc", firing: ["2147479553"]),
                Self.tag("8", "Floodlight sales", type: "fls", firing: ["2147479573"]),
            ],
            triggers: [
                Self.trigger("11", "DOM ready", type: "DOM_READY"),
                Self.trigger("12", "PV - thank you", type: "PAGEVIEW", filter: [Self.condition("EQUALS", "{{Page Path}}", "/thank-you")]),
                Self.trigger("13", "PV - any URL", type: "PAGEVIEW", filter: [Self.condition("MATCH_REGEX", "{{Page URL}}", ".*")]),
            ])
        let results = run(TriggerRules.ConversionOnAllPages(), c)
        #expect(results.findings.map(\.entity.id) == ["1", "2", "4", "8"])
        #expect(results.findings.map(\.ref) == ["2147479553", "11", "13", "2147479573"])
        #expect(results.findings.allSatisfy { $0.severity == .error && $0.entity.kind == .tag })
        #expect(results.passed == 1) // tag 3, on the thank-you page
    }

    // MARK: fires_and_blocks

    @Test func triggerThatFiresAndBlocksTheSameTag() throws {
        let c = try Fixtures.container(
            tags: [
                Self.tag("1", "HTML both", type: "html", firing: ["10", "11"], blocking: ["11"]),
                Self.tag("2", "HTML fine", type: "html", firing: ["10"], blocking: ["12"]),
                Self.tag("3", "HTML no blocking", type: "html", firing: ["10"]),
            ],
            triggers: [
                Fixtures.customEventTrigger(id: "10", name: "CE - a", event: "a"),
                Fixtures.customEventTrigger(id: "11", name: "CE - b", event: "b"),
                Fixtures.customEventTrigger(id: "12", name: "CE - c", event: "c"),
            ])
        let results = run(TriggerRules.FiresAndBlocks(), c)
        #expect(results.findings.map(\.entity.id) == ["1"])
        #expect(results.findings.map(\.ref) == ["11"])
        #expect(results.findings.first?.severity == .error)
        #expect(results.passed == 1)
    }

    // MARK: invalid_regex

    @Test func regexesMustCompileAndNotBacktrack() throws {
        func pv(_ id: String, _ pattern: String, ignoreCase: Bool? = nil) -> String {
            Self.trigger(id, "PV \(id)", type: "PAGEVIEW", filter: [Self.condition("MATCH_REGEX", "{{Page Path}}", pattern, ignoreCase: ignoreCase)])
        }
        let c = try Fixtures.container(triggers: [
            pv("10", "^/(checkout|cart)"),
            pv("11", "^/(checkout"),
            pv("12", "^/product/{{DL - id}}("),
            pv("13", "(?P<section>[a-z]+)/x"),
            pv("14", "(a+)+$"),
            pv("15", "^(.*)*/thanks"),
            pv("16", "\\pL+/x{,3}", ignoreCase: true),
            pv("17", "a**"),
            pv("18", "^/(?:[a-z]+-)?\\d{2,4}$"),
            Self.customEvent("19", "CE regex", "^(\\w+\\s?)*$", "MATCH_REGEX"),
        ])
        let results = run(TriggerRules.InvalidRegex(), c)
        #expect(results.findings.map(\.entity.id) == ["11", "14", "15", "17", "19"])
        #expect(results.findings.map(\.ref) == ["^/(checkout", "(a+)+$", "^(.*)*/thanks", "a**", "^(\\w+\\s?)*$"])
        #expect(results.findings.allSatisfy { $0.severity == .error })
        #expect(results.findings[0].message.contains("never closed"))
        #expect(results.findings[1].message.contains("(a+)+"))
        #expect(results.passed == 4) // 10, 13, 16, 18; 12 holds a {{variable}} and is not judged
    }

    @Test func repeatedPatternsAreJudgedForEveryTrigger() throws {
        func pv(_ id: String, _ pattern: String, ignoreCase: Bool? = nil) -> String {
            Self.trigger(id, "PV \(id)", type: "PAGEVIEW", filter: [Self.condition("MATCH_REGEX", "{{Page Path}}", pattern, ignoreCase: ignoreCase)])
        }
        let c = try Fixtures.container(triggers: [
            pv("10", "^/(a"), pv("11", "^/(a", ignoreCase: true), pv("12", "(a+)+"), pv("13", "(a+)+"), pv("14", "^/a$"), pv("15", "^/a$"),
        ])
        let results = run(TriggerRules.InvalidRegex(), c)
        #expect(results.findings.map(\.entity.id) == ["10", "11", "12", "13"])
        #expect(results.findings.map(\.entity.name) == ["PV 10", "PV 11", "PV 12", "PV 13"])
        #expect(results.passed == 2)
    }

    @Test func nestedQuantifierDetection() {
        typealias R = TriggerRules.RegexCheck
        #expect(R.nestedQuantifier(in: "(a+)+") == "(a+)+")
        #expect(R.nestedQuantifier(in: "x(?:\\d+,?){2,}") == "(?:\\d+,?){2,}")
        #expect(R.nestedQuantifier(in: "((.*)utm_source=(.*))|((.*)gclid=(.*))") == nil)
        #expect(R.nestedQuantifier(in: "(a+){2}") == nil)
        #expect(R.nestedQuantifier(in: "([a-z+]*)") == nil)
        #expect(R.nestedQuantifier(in: "(?<n>[+*]\\+)*") == nil)
        #expect(R.nestedQuantifier(in: "((a)+b)*") == "((a)+b)*")
    }

    // MARK: unbounded_timer

    @Test func timersNeedALimitAndASaneInterval() throws {
        let c = try Fixtures.container(triggers: [
            Self.timer("10", interval: "30000", limit: "1"),
            Self.timer("11", interval: "30000", limit: nil),
            Self.timer("12", interval: "500", limit: "3"),
            Self.timer("13", interval: "1000", limit: "0"),
            Self.timer("14", interval: "{{Const - interval}}", limit: "{{Const - limit}}"),
            Fixtures.customEventTrigger(id: "15", name: "CE", event: "x"),
        ])
        let results = run(TriggerRules.UnboundedTimer(), c)
        #expect(results.findings.map(\.entity.id) == ["11", "12", "13"])
        #expect(results.findings.allSatisfy { $0.severity == .warning })
        #expect(results.findings[1].message.contains("500 ms"))
        #expect(results.passed == 2)
    }

    // MARK: group_missing_member

    @Test func triggerGroupWithAMissingMember() throws {
        let c = try Fixtures.container(
            tags: [Self.tag("1", "HTML", type: "html", firing: ["20", "21"])],
            triggers: [
                Fixtures.customEventTrigger(id: "10", name: "CE - a", event: "a"),
                Self.group("20", "Group - broken", members: ["10", "99"]),
                Self.group("21", "Group - with built-in", members: ["10", "2147479553"]),
            ])
        let results = run(TriggerRules.GroupMissingMember(), c)
        #expect(results.findings.map(\.entity.id) == ["20"])
        #expect(results.findings.map(\.ref) == ["99"])
        #expect(results.findings.first?.severity == .error)
        #expect(results.passed == 3)
    }

    // MARK: dimension

    @Test func noTriggersLeaveTheDimensionNotApplicable() throws {
        let report = Scorer().score(try Fixtures.container(tags: [Self.tag("1", "HTML", type: "html", firing: ["2147479553"])]))
        #expect(report.result(for: .triggers)?.isApplicable == false)
    }
}
