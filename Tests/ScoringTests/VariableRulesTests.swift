import Foundation
import GTMModel
import Testing
import TestSupport
@testable import Scoring

@Suite struct VariableRulesTests {
    /// The findings of one rule when the whole scorer runs.
    func findings(_ container: Container, rule: String) -> [Finding] {
        Scorer().score(container).findings.filter { $0.rule == rule }
    }

    static func dlv(_ id: String, _ name: String, key: String, version: String = "2", extra: String = "") -> String {
        #"{"variableId":"\#(id)","name":"\#(name)","type":"v","parameter":[{"type":"INTEGER","key":"dataLayerVersion","value":"\#(version)"},{"type":"BOOLEAN","key":"setDefaultValue","value":"false"},{"type":"TEMPLATE","key":"name","value":"\#(key)"}]\#(extra)}"#
    }

    static func constant(_ id: String, _ name: String, _ value: String) -> String {
        #"{"variableId":"\#(id)","name":"\#(name)","type":"c","parameter":[\#(Fixtures.param("value", value))]}"#
    }

    static func jsm(_ id: String, _ name: String, _ code: String) -> String {
        #"{"variableId":"\#(id)","name":"\#(name)","type":"jsm","parameter":[\#(Fixtures.param("javascript", code))]}"#
    }

    static func html(_ id: String, _ name: String, _ code: String, triggers: [String] = ["2147479553"]) -> String {
        #"{"tagId":"\#(id)","name":"\#(name)","type":"html","firingTriggerId":[\#(triggers.map { "\"\($0)\"" }.joined(separator: ","))],"parameter":[\#(Fixtures.param("html", code))]}"#
    }

    // MARK: undefined_reference

    @Test func undefinedReferenceInNestedListAndMapParameter() throws {
        let table = #"{"type":"LIST","key":"eventSettingsTable","list":[{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"transaction_id"},{"type":"TEMPLATE","key":"parameterValue","value":"{{DL - transaction id}}"}]},{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"value"},{"type":"TEMPLATE","key":"parameterValue","value":"{{DL - value}}"}]}]}"#
        let c = try Fixtures.container(
            tags: [Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"], extra: [table])],
            triggers: [Fixtures.customEventTrigger(id: "10", name: "CE - purchase", event: "purchase")],
            variables: [Self.dlv("20", "DL - value", key: "ecommerce.value"), Self.constant("21", "Const - GA4 ID", "G-TEST123456")])
        let found = findings(c, rule: "variables.undefined_reference")
        #expect(found.count == 1)
        #expect(found.first?.entity.kind == .tag)
        #expect(found.first?.entity.id == "1")
        #expect(found.first?.ref == "DL - transaction id")
        #expect(found.first?.severity == .error)
        #expect(found.first?.dimension == .variables)
    }

    @Test func undefinedReferenceInTriggerFilter() throws {
        let trigger = #"{"triggerId":"10","name":"Click - CTA","type":"CLICK","filter":[{"type":"EQUALS","parameter":[{"type":"TEMPLATE","key":"arg0","value":"{{Click Classes}}"},{"type":"TEMPLATE","key":"arg1","value":"cta"}]}]}"#
        let c = try Fixtures.container(tags: [Self.html("1", "HTML", "<script>console.log(1)</script>", triggers: ["10"])],
                                       triggers: [trigger])
        let found = findings(c, rule: "variables.undefined_reference")
        #expect(found.map(\.entity.kind) == [.trigger])
        #expect(found.map(\.entity.id) == ["10"])
        #expect(found.map(\.ref) == ["Click Classes"])
        // Click Classes is a built-in: the message says to enable it, not that it is a typo.
        #expect(found.first?.message.contains("not enabled") == true)
    }

    @Test func undefinedReferenceInCustomHTMLCode() throws {
        let c = try Fixtures.container(tags: [Self.html("1", "Pixel", "<script>\nfbq('track', 'Lead', {value: {{JS - lead value}}});\n</script>")])
        let found = findings(c, rule: "variables.undefined_reference")
        #expect(found.map(\.entity.id) == ["1"])
        #expect(found.map(\.ref) == ["JS - lead value"])
    }

    @Test func undefinedReferenceInVariableFormatValue() throws {
        let variable = #"{"variableId":"20","name":"DL - currency","type":"v","parameter":[{"type":"INTEGER","key":"dataLayerVersion","value":"2"},{"type":"TEMPLATE","key":"name","value":"currency"}],"formatValue":{"convertUndefinedToValue":{"type":"TEMPLATE","value":"{{Const - default currency}}"}}}"#
        let c = try Fixtures.container(tags: [Self.html("1", "HTML", "<script>x({{DL - currency}})</script>")], variables: [variable])
        let found = findings(c, rule: "variables.undefined_reference")
        #expect(found.map(\.entity.kind) == [.variable])
        #expect(found.map(\.entity.id) == ["20"])
        #expect(found.map(\.ref) == ["Const - default currency"])
    }

    @Test func enabledBuiltInResolvesAndDisabledOneIsReported() throws {
        let c = try Fixtures.container(
            tags: [Self.html("1", "HTML", "<script>send({{Page URL}}, {{Click URL}})</script>")],
            builtInVariables: [#"{"accountId":"1","containerId":"2","type":"PAGE_URL","name":"Page URL"}"#])
        let results = run(VariableRules.UndefinedReference(), c)
        #expect(results.findings.map(\.ref) == ["Click URL"])
        #expect(results.passed == 1) // {{Page URL}}
        #expect(results.findings.first?.hint.contains("Enable the built-in variable") == true)
    }

    @Test func eventReferenceIsNeverFlagged() throws {
        let c = try Fixtures.container(
            tags: [Self.html("1", "HTML", "<script>log({{_event}})</script>", triggers: ["10"])],
            triggers: [Fixtures.customEventTrigger(id: "10", name: "CE - lead", event: "generate_lead")])
        let results = run(VariableRules.UndefinedReference(), c)
        #expect(results.findings.isEmpty)
        #expect(results.passed == 2) // the tag's and the trigger's {{_event}}
    }

    @Test func twoMissingNamesInOneTagGiveTwoFindings() throws {
        let c = try Fixtures.container(tags: [Self.html("1", "HTML", "<script>a({{Missing A}}); b({{Missing B}}); a({{Missing A}})</script>")])
        let found = findings(c, rule: "variables.undefined_reference")
        #expect(found.count == 2)
        #expect(Set(found.compactMap(\.ref)) == ["Missing A", "Missing B"])
        #expect(found.allSatisfy { $0.entity.id == "1" })
    }

    @Test func caseMismatchIsReportedWithTheExactName() throws {
        let c = try Fixtures.container(tags: [Self.html("1", "HTML", "<script>a({{dl - value}})</script>")],
                                       variables: [Self.dlv("20", "DL - value", key: "value")])
        let found = findings(c, rule: "variables.undefined_reference")
        #expect(found.map(\.ref) == ["dl - value"])
        #expect(found.first?.hint.contains("{{DL - value}}") == true)
    }

    // MARK: unused

    @Test func variableReferencedOnlyByItselfIsUnused() throws {
        let c = try Fixtures.container(
            tags: [Self.html("1", "HTML", "<script>a({{DL - used}})</script>")],
            variables: [
                Self.jsm("20", "JS - self", "function() { var prev = {{JS - self}}; return prev; }"),
                Self.dlv("21", "DL - used", key: "used"),
                Self.dlv("22", "DL - orphan", key: "orphan"),
            ])
        let found = findings(c, rule: "variables.unused")
        #expect(found.map(\.entity.id) == ["20", "22"])
        #expect(found.allSatisfy { $0.severity == .warning && $0.entity.kind == .variable })
        #expect(found.first?.message.contains("only by itself") == true)
    }

    @Test func variableUsedByAnotherVariableOrTriggerIsUsed() throws {
        let trigger = #"{"triggerId":"10","name":"PV - checkout","type":"PAGEVIEW","filter":[{"type":"CONTAINS","parameter":[{"type":"TEMPLATE","key":"arg0","value":"{{URL - path}}"},{"type":"TEMPLATE","key":"arg1","value":"/checkout"}]}]}"#
        let lookup = #"{"variableId":"22","name":"LT - currency","type":"smm","parameter":[{"type":"TEMPLATE","key":"input","value":"{{DL - country}}"}]}"#
        let c = try Fixtures.container(
            tags: [Self.html("1", "HTML", "<script>a({{LT - currency}})</script>", triggers: ["10"])],
            triggers: [trigger],
            variables: [#"{"variableId":"20","name":"URL - path","type":"u","parameter":[{"type":"TEMPLATE","key":"component","value":"PATH"}]}"#,
                        Self.dlv("21", "DL - country", key: "country"), lookup])
        let results = run(VariableRules.Unused(), c)
        #expect(results.findings.isEmpty)
        #expect(results.passed == 3)
    }

    @Test func variableReferencedFromAServerClientIsUsed() throws {
        let client = #"{"clientId":"5","name":"Data Client","type":"gaaw_client","parameter":[{"type":"TEMPLATE","key":"cookieDomain","value":"{{Const - cookie domain}}"}]}"#
        let c = try Fixtures.container(
            variables: [Self.constant("20", "Const - cookie domain", "example.com"), Self.constant("21", "Const - spare", "x")],
            clients: [client], usageContext: "SERVER")
        #expect(c.isServer)
        let found = findings(c, rule: "variables.unused")
        #expect(found.map(\.entity.id) == ["21"])
    }

    // MARK: duplicate

    @Test func duplicateVariablesCompareNormalisedParameters() throws {
        // Same settings written in another order: a duplicate. Another key, or another type: not.
        let reordered = #"{"variableId":"21","name":"dlv value copy","type":"v","parameter":[{"type":"TEMPLATE","key":"name","value":"ecommerce.value"},{"type":"BOOLEAN","key":"setDefaultValue","value":"false"},{"type":"INTEGER","key":"dataLayerVersion","value":"2"}],"parentFolderId":"9","notes":"copy"}"#
        let c = try Fixtures.container(variables: [
            Self.dlv("20", "DL - value", key: "ecommerce.value"),
            reordered,
            Self.dlv("22", "DL - currency", key: "ecommerce.currency"),
            #"{"variableId":"23","name":"Cookie value","type":"k","parameter":[{"type":"TEMPLATE","key":"name","value":"ecommerce.value"}]}"#,
            Self.dlv("24", "DL - value v1", key: "ecommerce.value", version: "1"),
        ])
        let found = findings(c, rule: "variables.duplicate")
        #expect(found.map(\.entity.id) == ["21"])
        #expect(found.map(\.ref) == ["DL - value"])
        #expect(found.first?.severity == .warning)
    }

    @Test func placeholderConstantsAreNotDuplicatesButRealCopiesAre() throws {
        let c = try Fixtures.container(variables: [
            Self.constant("20", "const - meta pixel id", "VALUE_HERE"),
            Self.constant("21", "const - ads conversion label", "VALUE_HERE"),
            Self.constant("22", "Subdomain sGTM", "https://sgtm.example.com"),
            Self.constant("23", "Server URL", "https://sgtm.example.com"),
        ])
        let results = run(VariableRules.Duplicate(), c)
        #expect(results.findings.map(\.entity.id) == ["23"])
        #expect(results.findings.map(\.ref) == ["Subdomain sGTM"])
        #expect(results.passed == 1)
    }

    @Test func formatValueAndRegexTableRowOrderMatter() throws {
        let lower = Self.dlv("21", "DL - value lower", key: "value", extra: #","formatValue":{"caseConversionType":"LOWERCASE"}"#)
        func table(_ id: String, _ type: String, rows: [(String, String)]) -> String {
            let list = rows.map { #"{"type":"MAP","map":[{"type":"TEMPLATE","key":"key","value":"\#($0.0)"},{"type":"TEMPLATE","key":"value","value":"\#($0.1)"}]}"# }
            return #"{"variableId":"\#(id)","name":"Table \#(id)","type":"\#(type)","parameter":[{"type":"TEMPLATE","key":"input","value":"{{Page Path}}"},{"type":"LIST","key":"map","list":[\#(list.joined(separator: ","))]}]}"#
        }
        let c = try Fixtures.container(variables: [
            Self.dlv("20", "DL - value", key: "value"), lower,
            table("30", "smm", rows: [("/a", "A"), ("/b", "B")]), table("31", "smm", rows: [("/b", "B"), ("/a", "A")]),
            table("40", "remm", rows: [("^/a", "A"), (".*", "B")]), table("41", "remm", rows: [(".*", "B"), ("^/a", "A")]),
        ])
        let found = findings(c, rule: "variables.duplicate")
        #expect(found.map(\.entity.id) == ["31"])
        #expect(found.map(\.ref) == ["Table 30"])
    }

    @Test func duplicateComparisonIgnoresOrderInsideMapsAndFormats() throws {
        func lookup(_ id: String, rows: [String], format: String = "") -> String {
            #"{"variableId":"\#(id)","name":"Lookup \#(id)","type":"smm","parameter":[{"type":"TEMPLATE","key":"input","value":"{{Page Path}}"},{"type":"LIST","key":"map","list":[\#(rows.joined(separator: ","))]}]\#(format)}"#
        }
        let keyFirst = #"{"type":"MAP","map":[{"type":"TEMPLATE","key":"key","value":"/a"},{"type":"TEMPLATE","key":"value","value":"A"}]}"#
        let valueFirst = #"{"type":"MAP","map":[{"type":"TEMPLATE","key":"value","value":"A"},{"type":"TEMPLATE","key":"key","value":"/a"}]}"#
        let other = #"{"type":"MAP","map":[{"type":"TEMPLATE","key":"key","value":"/b"},{"type":"TEMPLATE","key":"value","value":"B"}]}"#
        let c = try Fixtures.container(variables: [
            lookup("30", rows: [keyFirst, other], format: #","formatValue":{"caseConversionType":"LOWERCASE","convertNullToValue":{"type":"TEMPLATE","value":"x"}}"#),
            lookup("31", rows: [other, valueFirst], format: #","formatValue":{"convertNullToValue":{"value":"x","type":"TEMPLATE"},"caseConversionType":"LOWERCASE"}"#),
            lookup("32", rows: [keyFirst, other]),
            lookup("33", rows: [keyFirst, keyFirst]),
            lookup("34", rows: [keyFirst, other], format: #","formatValue":null"#),
        ])
        let found = findings(c, rule: "variables.duplicate")
        #expect(found.map(\.entity.id) == ["31", "34"])
        #expect(found.map(\.ref) == ["Lookup 30", "Lookup 32"])
    }

    @Test func textHelpersMatchTheirUnicodeDefinitions() {
        #expect(VariableRules.withoutWhitespace(" 1\t") == "1")
        #expect(VariableRules.withoutWhitespace("1\u{00A0}2") == "12")
        #expect(VariableRules.withoutWhitespace("G-ABC") == "G-ABC")
        #expect(VariableRules.containsReference("a {{b}}"))
        #expect(!VariableRules.containsReference("{a} {b}"))
        #expect(VariableRules.containsReference("é {{b}}"))
        #expect(VariableRules.value("b", in: [Parameter(type: .template, key: "a", value: "1"), Parameter(type: .template, key: "b", value: "2")]) == "2")
        typealias IDs = VariableRules.MeasurementIDs
        #expect(IDs.pixelIDs(in: "1234567890, 12345678901\t{{Const - pixel}},123") == ["1234567890", "12345678901"])
        #expect(IDs.pixelIDs(in: "1234567890\u{00A0}1234567891") == ["1234567890", "1234567891"])
        #expect(IDs.pixelIDs(in: "1234567890\r\n1234567891") == ["1234567890", "1234567891"])
    }

    // MARK: data_layer_v1

    @Test func dataLayerVersion1IsFlagged() throws {
        let noVersion = #"{"variableId":"22","name":"DL - old export","type":"v","parameter":[{"type":"TEMPLATE","key":"name","value":"x"}]}"#
        let c = try Fixtures.container(variables: [
            Self.dlv("20", "DL - v1", key: "ecommerce.purchase.actionField.id", version: "1"),
            Self.dlv("21", "DL - v2", key: "ecommerce.value"), noVersion,
            Self.constant("23", "Const", "1"),
        ])
        let results = run(VariableRules.DataLayerVersion1(), c)
        #expect(results.findings.map(\.entity.id) == ["20"])
        #expect(results.findings.first?.severity == .warning)
        #expect(results.passed == 2)
    }

    // MARK: hardcoded_measurement_id

    @Test func measurementIdPastedIntoTwoTagsIsFlaggedOnEach() throws {
        let literal = Fixtures.param("measurementIdOverride", "G-ABC1234567")
        let c = try Fixtures.container(tags: [
            #"{"tagId":"1","name":"GA4 - a","type":"gaawe","firingTriggerId":["2147479553"],"parameter":[\#(Fixtures.param("eventName", "a")),\#(literal)]}"#,
            #"{"tagId":"2","name":"GA4 - b","type":"gaawe","firingTriggerId":["2147479553"],"parameter":[\#(Fixtures.param("eventName", "b")),\#(literal)]}"#,
            #"{"tagId":"3","name":"GA4 - c","type":"gaawe","firingTriggerId":["2147479553"],"parameter":[\#(Fixtures.param("eventName", "c")),\#(Fixtures.param("measurementIdOverride", "{{Const - GA4}}"))]}"#,
            #"{"tagId":"4","name":"Google tag other","type":"googtag","firingTriggerId":["2147479553"],"parameter":[\#(Fixtures.param("tagId", "G-OTHER12345"))]}"#,
        ], variables: [Self.constant("20", "Const - GA4", "G-ABC1234567")])
        let results = run(VariableRules.HardcodedMeasurementID(), c)
        #expect(results.findings.map(\.entity.id) == ["1", "2"])
        #expect(results.findings.map(\.ref) == ["G-ABC1234567", "G-ABC1234567"])
        #expect(results.findings.allSatisfy { $0.severity == .warning })
        #expect(results.passed == 2) // tag 3 uses the constant; tag 4's id appears once
    }

    @Test func adsConversionIdAndMetaPixelIdAreNormalised() throws {
        func awct(_ id: String, label: String) -> String {
            #"{"tagId":"\#(id)","name":"Ads \#(label)","type":"awct","firingTriggerId":["10"],"parameter":[\#(Fixtures.param("conversionId", "770143787")),\#(Fixtures.param("conversionLabel", label))]}"#
        }
        let pixelTemplate = #"{"tagId":"5","name":"Meta template","type":"cvt_1_2","firingTriggerId":["10"],"parameter":[\#(Fixtures.param("pixelId", "123456789012345"))]}"#
        let c = try Fixtures.container(tags: [
            awct("1", label: "a"), awct("2", label: "b"),
            #"{"tagId":"3","name":"Google tag Ads","type":"googtag","firingTriggerId":["2147479553"],"parameter":[\#(Fixtures.param("tagId", "AW-770143787"))]}"#,
            Self.html("4", "Meta base", "<script>fbq('init', '123456789012345'); fbq('track', 'PageView');</script>"),
            pixelTemplate,
        ], triggers: [Fixtures.customEventTrigger(id: "10", name: "CE - purchase", event: "purchase")])
        let found = findings(c, rule: "variables.hardcoded_measurement_id")
        #expect(found.filter { $0.ref == "AW-770143787" }.map(\.entity.id).sorted() == ["1", "2", "3"])
        #expect(found.filter { $0.ref == "123456789012345" }.map(\.entity.id).sorted() == ["4", "5"])
        #expect(found.count == 5)
    }

    @Test func prefixedIdsNeedWordBoundaries() {
        #expect(VariableRules.MeasurementIDs.prefixedIDs(in: "gtag('config', 'G-ABCDEF1234')") == ["G-ABCDEF1234"])
        #expect(VariableRules.MeasurementIDs.prefixedIDs(in: "AW-123456789/AbC-label") == ["AW-123456789"])
        #expect(VariableRules.MeasurementIDs.prefixedIDs(in: "ORG-ABCDEFGH GTM-ABCDEF1 G-abc DC-12") == [])
    }

    // MARK: custom_js_no_return

    @Test func customJavaScriptWithoutOwnReturnIsFlagged() throws {
        let c = try Fixtures.container(variables: [
            Self.jsm("20", "JS - no return", "function() {\n  var a = 1;\n  window.x = a;\n}"),
            Self.jsm("21", "JS - returns", "function () {\n  if (a) { return 1; }\n  return 2;\n}"),
            Self.jsm("22", "JS - not a function", "var x = 1;\nreturn x;"),
            Self.jsm("23", "JS - nested return only", "function() {\n  [1,2].forEach(function(x) { return x; });\n}"),
            Self.jsm("24", "JS - return in comment and string", "function() {\n  // return 1\n  var s = \"return\";\n  /* return */\n}"),
            Self.jsm("25", "JS - regex and url", "function() {\n  var u = 'http://x'; var r = /'/; // note\n  return r.test(u);\n}"),
        ])
        let found = findings(c, rule: "variables.custom_js_no_return")
        #expect(found.map(\.entity.id) == ["20", "22", "23", "24"])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(found.first { $0.entity.id == "22" }?.message.contains("not a function") == true)
    }

    @Test func javaScriptShape() {
        typealias JS = VariableRules.JavaScript
        #expect(JS.shape(of: "function(){return 1}") == .init(isFunction: true, returns: true))
        #expect(JS.shape(of: "/* helper */ function () { var f = function() { return 2 }; }") == .init(isFunction: true, returns: false))
        #expect(JS.shape(of: "function() { var f = (x) => x * 2; if (f) { return f(1); } }") == .init(isFunction: true, returns: true))
        #expect(JS.shape(of: "() => {{DL - value}}") == .init(isFunction: true, returns: true))
        #expect(JS.shape(of: "") == .init(isFunction: false, returns: false))
        #expect(JS.lineCount("\n\nfunction() {\n return 1;\n}\n\n") == 3)
        // "\r\n" is one line break; other code goes through the Unicode definitions.
        #expect(JS.lineCount("\r\n \r\nfunction() {\r\n return 1;\r\n}\r\n\t\r\n") == 3)
        #expect(JS.lineCount("function() {\u{2028} return 'é';\n}") == 3)
        #expect(JS.shape(of: "function() { var s = 'é'; return s; }") == .init(isFunction: true, returns: true))
        #expect(JS.shape(of: "(ü, ö) => ü + ö") == .init(isFunction: true, returns: true))
        #expect(JS.shape(of: "function() {\u{00A0}var ü = function() { return 1 }; }") == .init(isFunction: true, returns: false))
        #expect(JS.shape(of: "function() { if (a) return /}/.test(b); }") == .init(isFunction: true, returns: true))
    }

    // MARK: custom_js_long

    @Test func longCustomJavaScriptIsInfo() throws {
        let body = (0..<59).map { "  var v\($0) = \($0);" }.joined(separator: "\n")
        let sixtyOne = "function() {\n\(body)\n  return 1;\n}"
        #expect(VariableRules.JavaScript.lineCount(sixtyOne) == 62)
        let short = "function() {\n" + (0..<58).map { "  var v\($0) = \($0);" }.joined(separator: "\n") + "\n}"
        #expect(VariableRules.JavaScript.lineCount(short) == 60)
        let c = try Fixtures.container(variables: [Self.jsm("20", "JS - long", sixtyOne), Self.jsm("21", "JS - sixty lines", short)])
        let results = run(VariableRules.CustomJavaScriptLong(), c)
        #expect(results.findings.map(\.entity.id) == ["20"])
        #expect(results.findings.first?.severity == .info)
        #expect(results.passed == 1)
    }

    // MARK: dimension

    @Test func noVariablesAndNoReferencesLeaveTheDimensionNotApplicable() throws {
        let report = Scorer().score(try Fixtures.container())
        #expect(report.result(for: .variables)?.isApplicable == false)
    }

    // MARK: corpus

    @Test(.enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)), arguments: Corpus.fileNames)
    func corpusFindingsAreTrue(_ name: String) throws {
        let url = try #require(Corpus.url(name))
        let container = try ContainerLoader().load(path: url.path)
        let report = Scorer().score(container)
        let defined = Set(container.variables.map(\.name)).union(container.builtInVariables.map(\.name)).union(["_event"])
        var ids: [EntityKind: Set<String>] = [:]
        ids[.tag] = Set(container.tags.map(\.id))
        ids[.trigger] = Set(container.triggers.map(\.id))
        ids[.variable] = Set(container.variables.map(\.id))
        ids[.client] = Set(container.clients.map(\.id))
        ids[.transformation] = Set(container.transformations.map(\.id))
        ids[.zone] = Set(container.zones.map(\.id))
        for finding in report.findings where finding.dimension == .variables || finding.dimension == .triggers {
            if finding.rule == "variables.undefined_reference" {
                let ref = try #require(finding.ref)
                #expect(!defined.contains(ref), "\(name): \(ref) is defined but reported as undefined")
            }
            let known = ids[finding.entity.kind]?.contains(finding.entity.id) ?? false
            #expect(known, "\(name): \(finding.rule) names \(finding.entity.kind) \(finding.entity.id), which the container does not have")
        }
        // The unresolved references the schema notes describe: server built-ins not enabled.
        if name.hasPrefix("server/047-") {
            let refs = report.findings.filter { $0.rule == "variables.undefined_reference" }.compactMap(\.ref)
            #expect(refs.contains("Client Name"))
        }
    }
}
