import Testing
@testable import PreviewSimulator

/// The CSS selector subset.
@Suite struct CSSSelectorTests {
    static let element = ScenarioElement(
        tag: "a", id: "buy", classes: ["btn", "primary"], text: "Buy", url: "https://shop.example.com/cart?x=1", target: "_blank",
        attributes: ["data-sku": "A1"],
        ancestors: [ScenarioElement(tag: "li", classes: ["card"]), ScenarioElement(tag: "ul", id: "list"), ScenarioElement(tag: "main")])

    @Test(arguments: [
        ("a", true), ("A", true), ("button", false), ("*", true), ("#buy", true), ("#sell", false),
        (".btn", true), (".btn.primary", true), (".btn.secondary", false), ("a#buy.btn", true),
        ("[data-sku]", true), ("[data-sku=A1]", true), ("[data-sku='A1']", true), ("[data-sku=\"B2\"]", false),
        ("[href^='https://shop']", true), ("[href$='.pdf']", false), ("[href*=cart]", true), ("[class~=primary]", true),
        ("a[target=_blank]", true), ("[data-missing]", false),
        ("li.card a", true), ("ul#list a", true), ("main a", true), ("div a", false),
        ("li > a", true), ("ul > a", false), ("ul > li > a", true), ("main li > a.btn", true), ("main > li a", false),
        ("a, button", true), ("button, .primary", true), ("button, span", false),
        ("a:hover", false), ("li + a", false), ("a::before", false), ("", false), ("a[", false),
    ])
    func matches(_ selector: String, _ expected: Bool) {
        let matched = CSSSelector(selector)?.matches(CSSSelectorTests.element) ?? false
        #expect(matched == expected, "\(selector)")
    }

    @Test func unsupportedSyntaxDoesNotParse() {
        #expect(CSSSelector("a:nth-child(2)") == nil)
        #expect(CSSSelector("a ~ b") == nil)
        #expect(CSSSelector("a.btn") != nil)
        #expect(CSSSelector("#order_review > div.c-checkout-box.\\|.c-order-coupon") != nil)
    }
}
