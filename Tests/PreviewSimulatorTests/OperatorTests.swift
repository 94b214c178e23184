import GTMModel
import LosslessJSON
import PreviewSimulator
import Testing
import TestSupport

/// Every condition operator, `negate` and `ignore_case`, through a trigger and a tag.
@Suite struct OperatorTests {
    /// Whether a tag on a page-view trigger with this one filter fires on `url`.
    func fires(_ condition: String, url: String = "https://shop.example.com/shop/Shoes") throws -> Bool {
        let c = try Sim.container(tags: [Sim.html("1", "probe", triggers: ["10"])],
                                  triggers: [Sim.trigger("10", "pv", type: "PAGEVIEW", filters: [condition])])
        return try Sim.run(c, [Sim.page(url)]).fired(on: "gtm.js") == ["probe"]
    }

    @Test(arguments: [
        ("EQUALS", "/shop/Shoes", false, false, true),
        ("EQUALS", "/shop/shoes", false, false, false),
        ("EQUALS", "/shop/shoes", false, true, true),
        ("EQUALS", "/shop/Shoes", true, false, false),
        ("CONTAINS", "Shoes", false, false, true),
        ("CONTAINS", "hats", false, false, false),
        ("CONTAINS", "hats", true, false, true),
        ("STARTS_WITH", "/shop", false, false, true),
        ("STARTS_WITH", "/Shoes", false, false, false),
        ("ENDS_WITH", "Shoes", false, false, true),
        ("ENDS_WITH", "/shop", false, false, false),
        ("MATCH_REGEX", "^/shop/(Shoes|Hats)$", false, false, true),
        ("MATCH_REGEX", "shoes", false, false, false),
        ("MATCH_REGEX", "shoes", false, true, true),
        ("MATCH_REGEX", "Sho", false, false, true),
        ("MATCH_REGEX", "(", false, false, false),
        ("MATCH_REGEX", "^/admin", true, false, true),
        ("URL_MATCHES", "SHOES", false, false, true),
        ("NO_SUCH_OPERATOR", "x", false, false, false),
    ])
    func stringOperators(_ type: String, _ right: String, _ negate: Bool, _ ignoreCase: Bool, _ expected: Bool) throws {
        #expect(try fires(Sim.condition(type, "{{Page Path}}", right, negate: negate, ignoreCase: ignoreCase)) == expected)
    }

    @Test(arguments: [
        ("LESS", "10", "20", true), ("LESS", "10", "10", false), ("LESS", "10", "9.5", false),
        ("LESS_OR_EQUALS", "10", "10", true), ("LESS_OR_EQUALS", "10", "9", false),
        ("GREATER", "10", "5", true), ("GREATER", "10", "10", false), ("GREATER", "\"1e3\"", "999", true),
        ("GREATER_OR_EQUALS", "10", "10", true), ("GREATER_OR_EQUALS", "\"10.0\"", "10", true), ("GREATER_OR_EQUALS", "9", "10", false),
        ("GREATER", "\"abc\"", "0", false), ("LESS", "\"abc\"", "0", false), ("LESS_OR_EQUALS", "\"\"", "0", true),
    ])
    func numericOperators(_ type: String, _ pushed: String, _ right: String, _ expected: Bool) throws {
        let c = try Sim.container(tags: [Sim.html("1", "probe", triggers: ["10"])],
                                  triggers: [Sim.customEvent("10", "check", filters: [Sim.condition(type, "{{DLV - value}}", right)])],
                                  variables: [Sim.dataLayerVariable("5", "DLV - value", key: "value")])
        let result = try Sim.run(c, [Sim.page(), Sim.push(#"{"event":"check","value":\#(pushed)}"#)])
        #expect((result.fired(on: "check") == ["probe"]) == expected)
    }

    @Test func negateInvertsANumericComparisonEvenWhenNaN() throws {
        let c = try Sim.container(tags: [Sim.html("1", "probe", triggers: ["10"])],
                                  triggers: [Sim.customEvent("10", "check", filters: [Sim.condition("GREATER", "{{DLV - value}}", "0", negate: true)])],
                                  variables: [Sim.dataLayerVariable("5", "DLV - value", key: "value")])
        #expect(try Sim.run(c, [Sim.page(), Sim.push(#"{"event":"check","value":"n/a"}"#)]).fired(on: "check") == ["probe"])
    }

    @Test func allConditionsOfATriggerMustHold() throws {
        let filters = [Sim.condition("CONTAINS", "{{Page Path}}", "shop"), Sim.condition("EQUALS", "{{Page Hostname}}", "other.example.com")]
        let c = try Sim.container(tags: [Sim.html("1", "probe", triggers: ["10"])], triggers: [Sim.trigger("10", "pv", type: "PAGEVIEW", filters: filters)])
        #expect(try Sim.run(c, [Sim.page("https://shop.example.com/shop")]).fired(on: "gtm.js") == [])
        #expect(try Sim.run(c, [Sim.page("https://other.example.com/shop")]).fired(on: "gtm.js") == ["probe"])
    }

    @Test func cssSelectorConditionMatchesTheClickedElement() throws {
        let c = try Sim.container(tags: [Sim.html("1", "probe", triggers: ["10"])],
                                  triggers: [Sim.trigger("10", "click", type: "CLICK", filters: [Sim.condition("CSS_SELECTOR", "{{Click Element}}", "li.card > a.buy, button#add")])])
        let link = ScenarioElement(tag: "a", classes: ["buy"], url: "https://shop.example.com/cart", ancestors: [ScenarioElement(tag: "li", classes: ["card"])])
        #expect(try Sim.run(c, [Sim.page(), .click(link)]).fired(on: "gtm.click") == ["probe"])
        #expect(try Sim.run(c, [Sim.page(), .click(ScenarioElement(tag: "button", id: "add"))]).fired(on: "gtm.click") == ["probe"])
        #expect(try Sim.run(c, [Sim.page(), .click(ScenarioElement(tag: "button", id: "other"))]).fired(on: "gtm.click") == [])
    }
}
