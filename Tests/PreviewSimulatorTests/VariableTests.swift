import GTMModel
import LosslessJSON
import PreviewSimulator
import Testing
import TestSupport

/// User and built-in variables, resolved into a probe tag's parameter.
@Suite struct VariableTests {
    /// The value of `template` in a probe tag fired by a final `probe` push, after `steps`.
    func probe(_ template: String, variables: [String] = [], steps: [ScenarioStep] = [Sim.page()],
               cookies: [String: String] = [:]) throws -> (value: PreviewValue?, diagnostics: [ValueDiagnostic])
    {
        let tag = #"{"tagId":"1","name":"probe","type":"img","parameter":[\#(Fixtures.param("url", template))],"firingTriggerId":["10"]}"#
        let c = try Sim.container(tags: [tag], triggers: [Sim.customEvent("10", "probe")], variables: variables)
        let result = try Sim.run(c, steps + [Sim.push(#"{"event":"probe"}"#)], cookies: cookies)
        let fired = result.firedTag("probe")
        return (fired?.parameters["url"]?.value, fired?.diagnostics ?? [])
    }

    func value(_ template: String, variables: [String] = [], steps: [ScenarioStep] = [Sim.page()], cookies: [String: String] = [:]) throws -> PreviewValue? {
        try probe(template, variables: variables, steps: steps, cookies: cookies).value
    }

    static let pushEcommerce = Sim.push(#"{"ecommerce":{"value":42,"currency":"EUR","items":[{"price":5},{"price":7}]}}"#)

    @Test func dataLayerVariablesReadDottedPathsArraysAndLength() throws {
        let vars = [Sim.dataLayerVariable("5", "DLV", key: "ecommerce.value"), Sim.dataLayerVariable("6", "Price", key: "ecommerce.items.1.price"),
                    Sim.dataLayerVariable("7", "Count", key: "ecommerce.items.length"), Sim.dataLayerVariable("8", "Eco", key: "ecommerce")]
        let steps = [Sim.page(), VariableTests.pushEcommerce]
        #expect(try value("{{DLV}}", variables: vars, steps: steps) == .json(42), "a sole reference keeps the number")
        #expect(try value("{{Price}}", variables: vars, steps: steps) == .json(7))
        #expect(try value("{{Count}}", variables: vars, steps: steps) == .json(2))
        #expect(try value("v={{DLV}}", variables: vars, steps: steps) == .string("v=42"))
        #expect(try value("{{Eco}}", variables: vars, steps: steps)?.jsonValue?["currency"] == "EUR")
    }

    @Test func dataLayerDefaultsApplyOnlyWhenUndefined() throws {
        let vars = [Sim.dataLayerVariable("5", "With default", key: "missing", defaultValue: "n/a"),
                    Sim.dataLayerVariable("6", "No default", key: "missing"),
                    Sim.dataLayerVariable("7", "Null value", key: "cleared", defaultValue: "n/a")]
        let steps = [Sim.page(), Sim.push(#"{"cleared":null}"#)]
        #expect(try value("{{With default}}", variables: vars, steps: steps) == .string("n/a"))
        #expect(try value("{{Null value}}", variables: vars, steps: steps) == .json(.null))
        let (undefined, diagnostics) = try probe("{{No default}}", variables: vars, steps: steps)
        #expect(undefined == .undefined)
        #expect(diagnostics.map(\.kind) == [.undefined])
        #expect(diagnostics.first?.detail.contains("\"missing\" is not set") == true)
        #expect(try value("x-{{No default}}", variables: vars, steps: steps) == .string("x-undefined"), "GTM splices undefined in as text")
    }

    @Test func versionOneReadsTheLiteralKeyOfTheNewestPush() throws {
        let v1 = Sim.variable("5", "V1", type: "v", [Fixtures.param("name", "user.id"), Fixtures.param("dataLayerVersion", "1", type: "INTEGER")])
        let v2 = Sim.dataLayerVariable("6", "V2", key: "user.id")
        let steps = [Sim.page(), Sim.push(#"{"user.id":"u1"}"#), Sim.push(#"{"other":1}"#)]
        #expect(try value("{{V1}}", variables: [v1, v2], steps: steps) == .string("u1"))
        #expect(try value("{{V2}}", variables: [v1, v2], steps: steps) == .string("u1"), "dotted push keys are expanded")
    }

    @Test func constantsResolveNestedReferences() throws {
        let vars = [Sim.variable("5", "Inner", type: "c", [Fixtures.param("value", "G-123")]),
                    Sim.variable("6", "Outer", type: "c", [Fixtures.param("value", "id:{{Inner}}")]),
                    Sim.variable("7", "Loop", type: "c", [Fixtures.param("value", "{{Loop}}")])]
        #expect(try value("{{Outer}}", variables: vars) == .string("id:G-123"))
        #expect(try value("{{Loop}}", variables: vars)?.isNotEvaluable == true, "a self-reference is not evaluable, not a crash")
    }

    @Test func unknownVariablesAreUndefinedWithADiagnostic() throws {
        let (value, diagnostics) = try probe("{{Nobody}}")
        #expect(value == .undefined)
        #expect(diagnostics.map(\.kind) == [.unknownVariable])
    }

    static let pageURL = "https://www.shop.example.com:8443/a/b/index.html?utm_source=google&q=a+b%21#frag"

    @Test(arguments: [
        (#"[{"type":"TEMPLATE","key":"component","value":"URL"}]"#, PreviewValue.string("https://www.shop.example.com:8443/a/b/index.html?utm_source=google&q=a+b%21")),
        (#"[{"type":"TEMPLATE","key":"component","value":"PROTOCOL"}]"#, .string("https")),
        (#"[{"type":"TEMPLATE","key":"component","value":"HOST"}]"#, .string("www.shop.example.com")),
        (#"[{"type":"TEMPLATE","key":"component","value":"HOST"},{"type":"BOOLEAN","key":"stripWww","value":"true"}]"#, .string("shop.example.com")),
        (#"[{"type":"TEMPLATE","key":"component","value":"PORT"}]"#, .json(8443)),
        (#"[{"type":"TEMPLATE","key":"component","value":"PATH"}]"#, .string("/a/b/index.html")),
        (#"[{"type":"TEMPLATE","key":"component","value":"PATH"},{"type":"LIST","key":"defaultPages","list":[{"type":"TEMPLATE","value":"index.html"}]}]"#, .string("/a/b/")),
        (#"[{"type":"TEMPLATE","key":"component","value":"QUERY"}]"#, .string("utm_source=google&q=a+b%21")),
        (#"[{"type":"TEMPLATE","key":"component","value":"QUERY"},{"type":"TEMPLATE","key":"queryKey","value":"utm_source"}]"#, .string("google")),
        (#"[{"type":"TEMPLATE","key":"component","value":"QUERY"},{"type":"TEMPLATE","key":"queryKey","value":"q"}]"#, .string("a b!")),
        (#"[{"type":"TEMPLATE","key":"component","value":"QUERY"},{"type":"TEMPLATE","key":"queryKey","value":"gclid"}]"#, .undefined),
        (#"[{"type":"TEMPLATE","key":"component","value":"FRAGMENT"}]"#, .string("frag")),
        (#"[{"type":"TEMPLATE","key":"component","value":"HOST"},{"type":"TEMPLATE","key":"customUrlSource","value":"{{Referrer}}"}]"#, .string("www.google.com")),
    ])
    func urlVariableComponents(_ parameters: String, _ expected: PreviewValue) throws {
        let url = #"{"variableId":"5","name":"URL","type":"u","parameter":\#(parameters)}"#
        #expect(try value("{{URL}}", variables: [url], steps: [Sim.page(VariableTests.pageURL, referrer: "https://www.google.com/search")]) == expected)
    }

    @Test func builtInPageVariables() throws {
        let steps = [Sim.page(VariableTests.pageURL, referrer: "https://www.google.com/")]
        #expect(try value("{{Page URL}}", steps: steps) == .string("https://www.shop.example.com:8443/a/b/index.html?utm_source=google&q=a+b%21"), "without the fragment")
        #expect(try value("{{Page Hostname}}", steps: steps) == .string("www.shop.example.com"))
        #expect(try value("{{Page Path}}", steps: steps) == .string("/a/b/index.html"))
        #expect(try value("{{Referrer}}", steps: steps) == .string("https://www.google.com/"))
        #expect(try value("{{Event}}", steps: steps) == .string("probe"))
        #expect(try value("{{_event}}", steps: steps) == .string("probe"))
        #expect(try value("{{Container ID}}", steps: steps) == .string("GTM-FIXTURE"))
    }

    @Test func cookiesAreDecodedOnRequest() throws {
        let raw = Sim.variable("5", "Raw", type: "k", [Fixtures.param("name", "consent"), Fixtures.param("decodeCookie", "false", type: "BOOLEAN")])
        let decoded = Sim.variable("6", "Decoded", type: "k", [Fixtures.param("name", "consent"), Fixtures.param("decodeCookie", "true", type: "BOOLEAN")])
        let missing = Sim.variable("7", "Missing", type: "k", [Fixtures.param("name", "nope")])
        let cookies = ["consent": "a%3Db+c"]
        #expect(try value("{{Raw}}", variables: [raw, decoded, missing], cookies: cookies) == .string("a%3Db+c"))
        #expect(try value("{{Decoded}}", variables: [raw, decoded, missing], cookies: cookies) == .string("a=b+c"))
        #expect(try value("{{Missing}}", variables: [raw, decoded, missing], cookies: cookies) == .undefined)
        let later = [Sim.page(), ScenarioStep.pageState(.init(cookies: ["nope": "set"]))]
        #expect(try value("{{Missing}}", variables: [missing], steps: later) == .string("set"), "a pageState step writes cookies")
    }

    static func table(_ type: String, input: String, rows: [(String, String)], flags: [String] = [], defaultValue: String? = nil) -> String {
        let map = rows.map { #"{"type":"MAP","map":[\#(Fixtures.param("key", $0.0)),\#(Fixtures.param("value", $0.1))]}"# }.joined(separator: ",")
        var params = [Fixtures.param("input", input), #"{"type":"LIST","key":"map","list":[\#(map)]}"#]
        params += flags.map { Fixtures.param($0, "true", type: "BOOLEAN") }
        if let defaultValue { params += [Fixtures.param("setDefaultValue", "true", type: "BOOLEAN"), Fixtures.param("defaultValue", defaultValue)] }
        return Sim.variable("5", "Table", type: type, params)
    }

    @Test func lookupTablesMatchExactlyWithDefaultAndNestedValues() throws {
        let constant = Sim.variable("6", "Const", type: "c", [Fixtures.param("value", "from-const")])
        let rows = [("/a", "A"), ("/b", "{{Const}}")]
        func run(_ path: String, defaultValue: String? = nil) throws -> PreviewValue? {
            try value("{{Table}}", variables: [VariableTests.table("smm", input: "{{Page Path}}", rows: rows, defaultValue: defaultValue), constant],
                      steps: [Sim.page("https://shop.example.com" + path)])
        }
        #expect(try run("/a") == .string("A"))
        #expect(try run("/b") == .string("from-const"))
        #expect(try run("/A") == .undefined, "lookup tables are case-sensitive")
        #expect(try run("/c", defaultValue: "other") == .string("other"))
    }

    @Test(arguments: [
        ("/shop/shoes", ["fullMatch", "replaceAfterMatch"], PreviewValue.string("section-shoes")),
        ("/SHOP/shoes", ["fullMatch", "replaceAfterMatch"], .string("fallback")),
        ("/SHOP/shoes", ["fullMatch", "replaceAfterMatch", "ignoreCase"], .string("section-shoes")),
        ("/shop/shoes", ["fullMatch"], .string("section-$1")),
        ("/blog/shop/x", ["fullMatch"], .string("fallback")),
        ("/blog/shop/x", [], .string("section-$1")),
        ("/blog/shop/x", ["replaceAfterMatch"], .string("/blogsection-x")),
        ("/cart", [], .string("CART")),
    ])
    func regexTablesFollowGTMFlags(_ path: String, _ flags: [String], _ expected: PreviewValue) throws {
        let table = VariableTests.table("remm", input: "{{Page Path}}", rows: [("/shop/(.*)", "section-$1"), ("^/cart$", "CART")], flags: flags, defaultValue: "fallback")
        #expect(try value("{{Table}}", variables: [table], steps: [Sim.page("https://shop.example.com" + path)]) == expected, "\(path) \(flags)")
    }

    @Test func javaScriptVariablesReadTheScenarioGlobals() throws {
        func js(_ id: String, _ name: String, _ path: String) -> String { Sim.variable(id, name, type: "j", [Fixtures.param("name", path)]) }
        let vars = [js("5", "Currency", "shop.currency"), js("6", "Title", "document.title"), js("7", "Window", "window.shop.currency"),
                    js("8", "Missing", "shop.missing"), js("9", "Search", "location.search")]
        let steps = [Sim.page("https://shop.example.com/?a=1", title: "Home", globals: #"{"shop":{"currency":"EUR"}}"#)]
        #expect(try value("{{Currency}}", variables: vars, steps: steps) == .string("EUR"))
        #expect(try value("{{Title}}", variables: vars, steps: steps) == .string("Home"))
        #expect(try value("{{Window}}", variables: vars, steps: steps) == .string("EUR"))
        #expect(try value("{{Search}}", variables: vars, steps: steps) == .string("?a=1"))
        #expect(try value("{{Missing}}", variables: vars, steps: steps) == .undefined)
    }

    @Test func customJavaScriptIsNotEvaluableNeverGuessed() throws {
        let cjs = Sim.variable("5", "CJS", type: "jsm", [Fixtures.param("javascript", "function(){ return 1; }")])
        let lookup = VariableTests.table("smm", input: "{{CJS}}", rows: [("1", "one")], defaultValue: "other")
        let (sole, diagnostics) = try probe("{{CJS}}", variables: [cjs])
        #expect(sole?.isNotEvaluable == true)
        #expect(diagnostics.map(\.kind) == [.notEvaluable])
        #expect(try value("x-{{CJS}}", variables: [cjs])?.isNotEvaluable == true, "a template with one unknown part is unknown")
        #expect(try value("{{Table}}", variables: [cjs, lookup])?.isNotEvaluable == true, "a table over an unknown input is unknown, not its default")
        // A trigger condition over it neither fires nor is guessed: the trigger is reported as undecided.
        let c = try Sim.container(tags: [Sim.html("1", "t", triggers: ["10"])],
                                  triggers: [Sim.trigger("10", "pv", type: "PAGEVIEW", filters: [Sim.condition("EQUALS", "{{CJS}}", "1")])],
                                  variables: [cjs])
        let result = try Sim.run(c, [Sim.page()])
        #expect(result.fired(on: "gtm.js") == [])
        #expect(result.events.first { $0.event == "gtm.js" }?.undecidedTriggers.first?.hasPrefix("pv: Custom JavaScript") == true)
    }

    @Test func formatValueConvertsUndefinedNullBooleansAndCase() throws {
        let vars = [
            Sim.variable("5", "Undef", type: "v", [Fixtures.param("name", "missing")], extra: #""formatValue":{"convertUndefinedToValue":{"type":"TEMPLATE","value":"(none)"}}"#),
            Sim.variable("6", "Lower", type: "c", [Fixtures.param("value", "MiXeD")], extra: #""formatValue":{"caseConversionType":"LOWERCASE"}"#),
            Sim.variable("7", "Flag", type: "v", [Fixtures.param("name", "flag")], extra: #""formatValue":{"convertTrueToValue":{"type":"TEMPLATE","value":"yes"}}"#),
        ]
        let steps = [Sim.page(), Sim.push(#"{"flag":true}"#)]
        let (undef, diagnostics) = try probe("{{Undef}}", variables: vars, steps: steps)
        #expect(undef == .string("(none)") && diagnostics.isEmpty)
        #expect(try value("{{Lower}}", variables: vars, steps: steps) == .string("mixed"))
        #expect(try value("{{Flag}}", variables: vars, steps: steps) == .string("yes"))
    }

    @Test func clickVariablesAndAutoEventVariablesPersistAfterTheClick() throws {
        let vars = [Sim.variable("5", "SKU", type: "aev", [Fixtures.param("varType", "ATTRIBUTE"), Fixtures.param("attribute", "data-sku")]),
                    Sim.variable("6", "Host", type: "aev", [Fixtures.param("varType", "URL"), Fixtures.param("component", "HOST")]),
                    Sim.variable("7", "Missing attr", type: "aev", [Fixtures.param("varType", "ATTRIBUTE"), Fixtures.param("attribute", "data-x"),
                                                                   Fixtures.param("setDefaultValue", "true", type: "BOOLEAN"), Fixtures.param("defaultValue", "none")])]
        let click = ScenarioStep.click(ScenarioElement(tag: "a", id: "buy", classes: ["btn", "cta"], text: "Buy now", url: "https://pay.example.com/go",
                                                       target: "_blank", attributes: ["data-sku": "A1"]))
        let tag = Sim.html("2", "listener", triggers: ["11"])
        let steps = [Sim.page(), click]
        func clickValue(_ template: String) throws -> PreviewValue? {
            let probeTag = #"{"tagId":"1","name":"probe","type":"img","parameter":[\#(Fixtures.param("url", template))],"firingTriggerId":["10"]}"#
            let container = try Sim.container(tags: [probeTag, tag], triggers: [Sim.customEvent("10", "probe"), Sim.trigger("11", "links", type: "LINK_CLICK")], variables: vars)
            return try Sim.run(container, steps + [Sim.push(#"{"event":"probe"}"#)]).firedTag("probe")?.parameters["url"]?.value
        }
        #expect(try clickValue("{{Click ID}}") == .string("buy"))
        #expect(try clickValue("{{Click Classes}}") == .string("btn cta"))
        #expect(try clickValue("{{Click URL}}") == .string("https://pay.example.com/go"))
        #expect(try clickValue("{{Click Text}}") == .string("Buy now"))
        #expect(try clickValue("{{Click Target}}") == .string("_blank"))
        #expect(try clickValue("{{SKU}}") == .string("A1"))
        #expect(try clickValue("{{Host}}") == .string("pay.example.com"))
        #expect(try clickValue("{{Missing attr}}") == .string("none"))
        #expect(try value("{{Click ID}}") == .undefined, "no click on the page yet")
    }
}
