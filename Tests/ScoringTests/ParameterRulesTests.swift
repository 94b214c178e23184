import GTMModel
import Testing
import TestSupport
@testable import Scoring

/// Fixture pieces shared by the parameter, dedup and alignment rule tests.
enum ParameterFixtures {
    /// A LIST of MAP rows, e.g. a GA4 `eventSettingsTable` (`parameter`/`parameterValue`).
    static func table(_ key: String, _ rows: [(String, String)], name: String = "parameter", value: String = "parameterValue") -> String {
        let maps = rows.map { row in
            #"{"type":"MAP","map":[\#(Fixtures.param(name, row.0)),\#(Fixtures.param(value, row.1))]}"#
        }
        return #"{"type":"LIST","key":"\#(key)","list":[\#(maps.joined(separator: ","))]}"#
    }

    static func triggerList(_ triggers: [String]) -> String {
        triggers.map { "\"\($0)\"" }.joined(separator: ",")
    }

    /// A Custom HTML tag running `code`.
    static func html(id: String, name: String, code: String, triggers: [String], option: String = "ONCE_PER_EVENT") -> String {
        #"{"tagId":"\#(id)","name":"\#(name)","type":"html","parameter":[\#(Fixtures.param("html", code))],"firingTriggerId":[\#(triggerList(triggers))],"tagFiringOption":"\#(option)"}"#
    }

    /// A tag of any type with the given parameters (JSON text).
    static func tag(id: String, name: String, type: String, params: [String], triggers: [String], option: String = "ONCE_PER_EVENT", extra: String = "") -> String {
        #"{"tagId":"\#(id)","name":"\#(name)","type":"\#(type)","parameter":[\#(params.joined(separator: ","))],"firingTriggerId":[\#(triggerList(triggers))],"tagFiringOption":"\#(option)"\#(extra)}"#
    }

    /// A Google Ads conversion tag.
    static func awct(id: String, name: String, triggers: [String], label: String = "abcDEF", value: String? = nil, currency: String? = nil,
                     orderId: String? = nil, option: String = "ONCE_PER_EVENT") -> String
    {
        var params = [Fixtures.param("conversionId", "123456789"), Fixtures.param("conversionLabel", label)]
        if let value { params.append(Fixtures.param("conversionValue", value)) }
        if let currency { params.append(Fixtures.param("currencyCode", currency)) }
        if let orderId { params.append(Fixtures.param("orderId", orderId)) }
        return tag(id: id, name: name, type: "awct", params: params, triggers: triggers, option: option)
    }

    /// A Meta pixel web template (`cvt_2_155` in the fixture container): its code loads fbevents.js.
    static let metaTemplate = #"{"templateId":"155","name":"Facebook Pixel","containerId":"2","templateData":"___INFO___\n\n{\"type\": \"TAG\"}\n\n___SANDBOXED_JS_FOR_WEB_TEMPLATE___\n\nconst injectScript = require('injectScript');\ninjectScript('https://connect.facebook.net/en_US/fbevents.js');\n"}"#

    /// A tag of the Meta pixel template sending a standard event.
    static func metaTemplateTag(id: String, name: String, event: String, triggers: [String], params: [String] = []) -> String {
        tag(id: id, name: name, type: "cvt_2_155",
            params: [Fixtures.param("pixelId", "{{Const - Meta Pixel}}"), Fixtures.param("eventName", "standard"), Fixtures.param("standardEventName", event)] + params,
            triggers: triggers)
    }

    /// A data-layer variable reading `key`.
    static func dataLayerVariable(id: String, name: String, key: String) -> String {
        #"{"variableId":"\#(id)","name":"\#(name)","type":"v","parameter":[\#(Fixtures.param("name", key)),\#(Fixtures.param("dataLayerVersion", "2", type: "INTEGER"))]}"#
    }

    static let purchaseTrigger = Fixtures.customEventTrigger(id: "10", name: "CE - purchase", event: "purchase")
    static let leadTrigger = Fixtures.customEventTrigger(id: "11", name: "CE - generate_lead", event: "generate_lead")

    /// GA4 purchase rows with every required field from variables.
    static let completePurchaseRows = table("eventSettingsTable", [
        ("transaction_id", "{{DLV - transaction_id}}"), ("value", "{{DLV - value}}"), ("currency", "{{DLV - currency}}"), ("items", "{{DLV - items}}"),
    ])

    /// The findings of one rule after scoring `container`.
    static func findings(_ container: Container, rule: String, accountState: AccountState? = nil, plan: TrackingPlan = .ecommerceFunnel) -> [Finding] {
        Scorer(plan: plan, accountState: accountState).score(container).findings.filter { $0.rule == rule }
    }

    /// The checks one rule records on `container`: (checks, failures).
    static func checks(_ container: Container, rule id: String, accountState: AccountState? = nil) -> (checks: Int, failed: Int) {
        let context = ScoringContext(analysis: ContainerAnalysis(container), plan: .ecommerceFunnel, accountState: accountState)
        guard let rule = RuleCatalog.rule(id: id) else { return (-1, -1) }
        var results = RuleResults(descriptor: rule.descriptor)
        rule.evaluate(context, &results)
        return (results.checks, results.findings.count)
    }
}

@Suite struct ParameterRulesTests {
    typealias F = ParameterFixtures

    @Test func rulesAreInTheCatalogUnderTheirDimension() {
        let ids = ParameterRules.all.map(\.descriptor.id)
        #expect(ids.contains("parameters.ga4_ecommerce_fields"))
        #expect(ParameterRules.all.allSatisfy { $0.descriptor.dimension == .parameters })
        #expect(ids.allSatisfy { id in RuleCatalog.rule(id: id) != nil })
    }

    @Test func ga4MeasurementIdMissing() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - ok", event: "sign_up", triggers: ["11"]),
            F.tag(id: "2", name: "GA4 - no id", type: "gaawe", params: [Fixtures.param("eventName", "sign_up")], triggers: ["11"]),
            F.tag(id: "3", name: "GA4 - old ref", type: "gaawe",
                  params: [Fixtures.param("eventName", "sign_up"), Fixtures.param("measurementId", "GA4 Config", type: "TAG_REFERENCE")], triggers: ["11"]),
            F.tag(id: "4", name: "GA4 - placeholder", type: "gaawe",
                  params: [Fixtures.param("eventName", "sign_up"), Fixtures.param("measurementIdOverride", "G-000000")], triggers: ["11"]),
            F.tag(id: "5", name: "Google tag", type: "googtag", params: [Fixtures.param("tagId", "G-AB12CD34EF")], triggers: ["2147479573"]),
            F.tag(id: "6", name: "Google tag placeholder", type: "googtag", params: [Fixtures.param("tagId", "AW-0")], triggers: ["2147479573"]),
            F.tag(id: "7", name: "Google tag empty", type: "googtag", params: [], triggers: ["2147479573"]),
        ], triggers: [F.leadTrigger])
        let found = F.findings(c, rule: "parameters.ga4_measurement_id_missing")
        #expect(found.map(\.entity.id) == ["2", "3", "4", "6", "7"])
        #expect(found.map(\.ref) == ["measurementIdOverride", "GA4 Config", "measurementIdOverride", "tagId", "tagId"])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(F.checks(c, rule: "parameters.ga4_measurement_id_missing") == (7, 5))
    }

    @Test func ga4MeasurementIdFromAnExistingConfigTagPasses() throws {
        let c = try Fixtures.container(tags: [
            F.tag(id: "1", name: "GA4 Config", type: "gaawc", params: [Fixtures.param("measurementId", "G-AB12CD34EF")], triggers: ["2147479553"]),
            F.tag(id: "2", name: "GA4 - lead", type: "gaawe",
                  params: [Fixtures.param("eventName", "generate_lead"), Fixtures.param("measurementId", "GA4 Config", type: "TAG_REFERENCE")], triggers: ["11"]),
        ], triggers: [F.leadTrigger])
        #expect(F.findings(c, rule: "parameters.ga4_measurement_id_missing").isEmpty)
        #expect(F.checks(c, rule: "parameters.ga4_measurement_id_missing") == (2, 0))
    }

    @Test func ga4EventNameMissing() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - named", event: "sign_up", triggers: ["11"]),
            F.tag(id: "2", name: "GA4 - unnamed", type: "gaawe", params: [Fixtures.param("measurementIdOverride", "G-AB12CD34EF")], triggers: ["11"]),
            F.tag(id: "3", name: "GA4 - blank", type: "gaawe", params: [Fixtures.param("eventName", "  "), Fixtures.param("measurementIdOverride", "G-AB12CD34EF")], triggers: ["11"]),
        ], triggers: [F.leadTrigger])
        let found = F.findings(c, rule: "parameters.ga4_event_name_missing")
        #expect(found.map(\.entity.id) == ["2", "3"])
        #expect(found.allSatisfy { $0.severity == .error && $0.ref == "eventName" })
    }

    @Test func ga4EcommerceFieldsListsWhatIsMissing() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase (value only)", event: "purchase", triggers: ["10"],
                                 extra: [F.table("eventSettingsTable", [("value", "{{DLV - value}}")])]),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - purchase (complete)", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            Fixtures.ga4EventTag(id: "3", name: "GA4 - purchase (ecommerce object)", event: "purchase", triggers: ["10"],
                                 extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")]),
            Fixtures.ga4EventTag(id: "4", name: "GA4 - view_item_list", event: "view_item_list", triggers: ["10"],
                                 extra: [F.table("eventParameters", [("items", "{{DLV - items}}")], name: "name", value: "value")]),
            Fixtures.ga4EventTag(id: "5", name: "GA4 - add_to_cart (empty value row)", event: "add_to_cart", triggers: ["10"],
                                 extra: [F.table("eventSettingsTable", [("value", ""), ("currency", "EUR"), ("items", "{{DLV - items}}")])]),
            Fixtures.ga4EventTag(id: "6", name: "GA4 - sign_up", event: "sign_up", triggers: ["10"]),
        ], triggers: [F.purchaseTrigger])
        let found = F.findings(c, rule: "parameters.ga4_ecommerce_fields")
        #expect(found.map(\.entity.id) == ["1", "5"])
        #expect(found.map(\.ref) == ["transaction_id,currency,items", "value"])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(found.first?.message.contains("transaction_id, currency, items") == true)
        // The sign_up tag is not an ecommerce event: not judged.
        #expect(F.checks(c, rule: "parameters.ga4_ecommerce_fields") == (5, 2))
    }

    @Test func ga4EcommerceFieldsFromTheEventSettingsVariable() throws {
        let settings = #"{"variableId":"50","name":"GA4 - event settings","type":"gtes","parameter":[\#(F.completePurchaseRows)]}"#
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"],
                                 extra: [Fixtures.param("eventSettingsVariable", "{{GA4 - event settings}}")]),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - refund", event: "refund", triggers: ["10"],
                                 extra: [Fixtures.param("eventSettingsVariable", "{{GA4 - missing settings}}")]),
        ], triggers: [F.purchaseTrigger], variables: [settings])
        // A resolvable settings variable provides its rows; an unknown one is not judged as missing.
        #expect(F.findings(c, rule: "parameters.ga4_ecommerce_fields").isEmpty)
        #expect(F.checks(c, rule: "parameters.ga4_ecommerce_fields") == (2, 0))
    }

    @Test func adsConversionFields() throws {
        let c = try Fixtures.container(tags: [
            F.awct(id: "1", name: "Ads - purchase", triggers: ["10"], value: "{{DLV - value}}", currency: "{{DLV - currency}}", orderId: "{{DLV - transaction_id}}"),
            F.awct(id: "2", name: "Ads - no label", triggers: ["10"], label: ""),
            F.awct(id: "3", name: "Ads - value without currency", triggers: ["10"], value: "{{DLV - value}}"),
        ], triggers: [F.purchaseTrigger])
        let found = F.findings(c, rule: "parameters.ads_conversion_fields")
        #expect(found.map(\.entity.id) == ["2", "3"])
        #expect(found.map(\.ref) == ["conversionLabel", "currencyCode"])
        #expect(found.allSatisfy { $0.severity == .error })
    }

    @Test func metaPurchaseFieldsInCustomHTML() throws {
        let c = try Fixtures.container(tags: [
            F.html(id: "1", name: "Meta - Purchase ok", code: "<script>fbq('track', 'Purchase', {value: {{DLV - value}}, currency: '{{DLV - currency}}'}, {eventID: '{{Event ID}}'});</script>", triggers: ["10"]),
            F.html(id: "2", name: "Meta - Purchase no currency", code: "<script>fbq('track', 'Purchase', {value: {{DLV - value}}});</script>", triggers: ["10"]),
            F.html(id: "3", name: "Meta - Purchase bare", code: "<script>fbq('track', 'Purchase');</script>", triggers: ["10"]),
            F.html(id: "4", name: "Meta - Purchase from object", code: "<script>fbq('track', 'Purchase', {{CJS - purchase payload}});</script>", triggers: ["10"]),
            F.html(id: "5", name: "Meta - Lead", code: "<script>fbq('track', 'Lead');</script>", triggers: ["10"]),
        ], triggers: [F.purchaseTrigger])
        let found = F.findings(c, rule: "parameters.meta_purchase_fields")
        #expect(found.map(\.entity.id) == ["2", "3"])
        #expect(found.map(\.ref) == ["currency", "value,currency"])
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(F.checks(c, rule: "parameters.meta_purchase_fields") == (4, 2))
    }

    @Test func metaPurchaseFieldsInTemplates() throws {
        let c = try Fixtures.container(tags: [
            F.metaTemplateTag(id: "1", name: "Meta - Purchase props", event: "Purchase", triggers: ["10"],
                              params: [F.table("objectPropertyList", [("value", "{{DLV - value}}"), ("currency", "{{DLV - currency}}")], name: "name", value: "value")]),
            F.metaTemplateTag(id: "2", name: "Meta - Purchase without props", event: "Purchase", triggers: ["10"],
                              params: [F.table("objectPropertyList", [("content_ids", "{{DLV - ids}}")], name: "name", value: "value")]),
            F.metaTemplateTag(id: "3", name: "Meta - Purchase from data layer", event: "Purchase", triggers: ["10"],
                              params: [Fixtures.param("enhancedEcommerce", "true", type: "BOOLEAN")]),
        ], triggers: [F.purchaseTrigger], templates: [F.metaTemplate])
        let found = F.findings(c, rule: "parameters.meta_purchase_fields")
        #expect(found.map(\.entity.id) == ["2"])
        #expect(found.first?.ref == "value,currency")
    }

    @Test func hardcodedValues() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase zero", event: "purchase", triggers: ["10"],
                                 extra: [F.table("eventSettingsTable", [("value", "0"), ("transaction_id", "{{DLV - transaction_id}}")])]),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - purchase ok", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            Fixtures.ga4EventTag(id: "3", name: "GA4 - purchase fixed id", event: "purchase", triggers: ["10"],
                                 extra: [F.table("eventSettingsTable", [("value", "{{DLV - value}}"), ("transaction_id", "T-1")])]),
            F.html(id: "4", name: "Meta - Purchase fixed", code: "<script>fbq('track', 'Purchase', {value: 2000, currency: 'EUR'});</script>", triggers: ["10"]),
            F.html(id: "5", name: "Meta - Lead fixed", code: "<script>fbq('track', 'Lead', {value: 1200, currency: 'EUR'});</script>", triggers: ["11"]),
            F.awct(id: "6", name: "Ads - lead zero", triggers: ["11"], value: "0", currency: "EUR"),
            F.html(id: "7", name: "Meta - Purchase computed", code: "<script>var t = 5; fbq('track', 'Purchase', {value: t * 2, currency: 'EUR'});</script>", triggers: ["10"]),
        ], triggers: [F.purchaseTrigger, F.leadTrigger])
        let found = F.findings(c, rule: "parameters.hardcoded_value")
        #expect(found.map(\.entity.id) == ["1", "3", "4", "6"])
        #expect(found.map(\.ref) == ["value", "transaction_id", "value", "conversionValue"])
        #expect(found.allSatisfy { $0.severity == .warning })
        // A fixed lead value is a legitimate choice; a computed value is not a literal.
        #expect(!found.contains { $0.entity.id == "5" || $0.entity.id == "7" })
    }

    @Test func currencyNotISO() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - lead eur", event: "generate_lead", triggers: ["11"],
                                 extra: [F.table("eventSettingsTable", [("value", "10"), ("currency", "eur")])]),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - lead EUR", event: "generate_lead", triggers: ["11"],
                                 extra: [F.table("eventSettingsTable", [("value", "10"), ("currency", "EUR")])]),
            Fixtures.ga4EventTag(id: "3", name: "GA4 - lead var", event: "generate_lead", triggers: ["11"],
                                 extra: [F.table("eventSettingsTable", [("value", "10"), ("currency", "{{DLV - currency}}")])]),
            F.html(id: "4", name: "Meta - Lead euro sign", code: "<script>fbq('track', 'Lead', {value: 10, currency: '€'});</script>", triggers: ["11"]),
        ], triggers: [F.leadTrigger])
        let found = F.findings(c, rule: "parameters.currency_not_iso")
        #expect(found.map(\.entity.id) == ["1", "4"])
        #expect(found.map(\.ref) == ["currency", "currency"])
        #expect(found.allSatisfy { $0.severity == .warning })
        // A variable currency cannot be judged.
        #expect(F.checks(c, rule: "parameters.currency_not_iso") == (3, 2))
    }

    @Test func emptyContainerRecordsNoParameterChecks() throws {
        let report = Scorer().score(try Fixtures.container())
        #expect(report.result(for: .parameters)?.isApplicable == false)
    }

    @Test func codeReaderSplitsArgumentsAndFields() {
        let calls = ParameterCode.eventCalls(in: "fbq('track', \"Purchase\", {value: {{V}}, currency: 'EUR', contents: [{id: 1, q: 2}]}, {eventID: ev});")
        #expect(calls.count == 1)
        #expect(calls.first?.name == "Purchase")
        guard case .object(let data)? = calls.first?.data, case .object(let options)? = calls.first?.options else {
            Issue.record("expected data and options objects")
            return
        }
        #expect(ParameterCode.objectFields(data).map(\.key) == ["value", "currency", "contents"])
        #expect(ParameterCode.objectFields(options).first?.value == "ev")
        #expect(ParameterCode.accountIds(in: "fbq('init', '123'); fbq('trackSingle', '456', 'Lead');") == ["123", "456"])
    }

    @Test func settingKindsReadTrimmedText() {
        typealias Setting = ParameterFacts.Setting
        #expect(Setting(raw: " 1,5 ", origin: "v", isCode: false).kind == .number)
        #expect(Setting(raw: "0,00", origin: "v", isCode: false).kind == .zero)
        #expect(Setting(raw: "\u{00A0}EUR\u{2003}", origin: "v", isCode: false).kind == .text)
        #expect(Setting(raw: " \t", origin: "v", isCode: false).kind == .empty)
        #expect(Setting(raw: "{{DLV - value}} ", origin: "v", isCode: false).kind == .variable("DLV - value"))
        #expect(Setting(raw: "{{DLV - a}}{{DLV - b}}", origin: "v", isCode: false).kind == .variable("DLV - a"))
        #expect(Setting(raw: "' 0 '", origin: "v", isCode: true).kind == .zero)
        #expect(Setting(raw: "`EUR`", origin: "v", isCode: true).kind == .text)
        #expect(Setting(raw: "'{{DLV - currency}}'", origin: "v", isCode: true).kind == .variable("DLV - currency"))
        #expect(Setting(raw: "price * 2", origin: "v", isCode: true).kind == .expression)
        #expect(Setting(raw: "null", origin: "v", isCode: true).kind == .empty)
        #expect(Setting(raw: " 12.5", origin: "v", isCode: true).kind == .number)
        #expect(ParameterCode.trim("\u{2003}EUR\n") == "EUR")
        #expect(ParameterCode.trim("EUR") == "EUR")
        #expect(ParameterCode.trim(" \t ") == "")
        #expect(ParameterCode.trim("é ") == "é")
        #expect(ParameterCode.trim("\r\nx\r\n") == "x")
        #expect(ParameterCode.trim(" \t a b \n") == "a b")
        // Whitespace carrying a combining mark is still whitespace; a prepended space is not.
        #expect(ParameterCode.trim(" \u{301}x") == "x")
        #expect(ParameterCode.trim("x\u{0600} ") == "x\u{0600} ")
        #expect(ParameterCode.trim("\u{00A0} x \r\n\u{2028}") == "x")
    }

    @Test func ga4FieldsFromGoogleTagsWithTheSameTagId() throws {
        let googleTag = F.tag(id: "20", name: "Google tag", type: "googtag", params: [
            Fixtures.param("tagId", "G-AAA111"), F.table("eventSettingsTable", [("currency", "EUR"), ("value", "0")]),
        ], triggers: ["2147479573"])
        let pausedGoogleTag = F.tag(id: "21", name: "Google tag paused", type: "googtag", params: [
            Fixtures.param("tagId", "G-BBB222"), F.table("eventSettingsTable", [("currency", "EUR")]),
        ], triggers: ["2147479573"], extra: #","paused":true"#)
        func purchase(_ id: String, _ name: String, sendsTo override: String, rows: [(String, String)]) -> String {
            F.tag(id: id, name: name, type: "gaawe", params: [
                Fixtures.param("eventName", "purchase"), Fixtures.param("measurementIdOverride", override), F.table("eventSettingsTable", rows),
            ], triggers: ["10"])
        }
        let c = try Fixtures.container(tags: [
            googleTag, pausedGoogleTag,
            // Its own value row overrides the Google tag's; currency comes from the Google tag.
            purchase("1", "GA4 - purchase", sendsTo: "G-AAA111", rows: [("value", "{{DLV - value}}"), ("transaction_id", "{{DLV - id}}"), ("items", "{{DLV - items}}")]),
            purchase("2", "GA4 - purchase shared only", sendsTo: " G-AAA111 ", rows: []),
            // A paused Google tag shares nothing.
            purchase("3", "GA4 - purchase paused tag", sendsTo: "G-BBB222", rows: [("value", "{{DLV - value}}"), ("transaction_id", "{{DLV - id}}"), ("items", "{{DLV - items}}")]),
        ], triggers: [F.purchaseTrigger])
        let missing = F.findings(c, rule: "parameters.ga4_ecommerce_fields")
        #expect(missing.map(\.entity.id) == ["2", "3"])
        #expect(missing.map(\.ref) == ["transaction_id,items", "currency"])
        let hardcoded = F.findings(c, rule: "parameters.hardcoded_value")
        #expect(hardcoded.map(\.entity.id) == ["2"])
        #expect(hardcoded.first?.ref == #"value (Google tag "Google tag")"#)
    }

    @Test func ga4FieldsFromSettingsVariables() throws {
        let settings = #"{"variableId":"50","name":"GA4 - event settings","type":"gtes","parameter":[\#(F.table("eventSettingsTable", [("currency", "eur"), ("value", "{{DLV - value}}")]))]}"#
        let googleTag = F.tag(id: "20", name: "Google tag", type: "googtag", params: [
            Fixtures.param("tagId", "G-AAA111"), Fixtures.param("eventSettingsVariable", "{{GA4 - event settings}}"),
        ], triggers: ["2147479573"])
        let c = try Fixtures.container(tags: [
            googleTag,
            // The Google tag's settings variable applies; the tag's own currency overrides it.
            F.tag(id: "1", name: "GA4 - lead own currency", type: "gaawe", params: [
                Fixtures.param("eventName", "generate_lead"), Fixtures.param("measurementIdOverride", "G-AAA111"),
                F.table("eventSettingsTable", [("currency", "EUR")]),
            ], triggers: ["11"]),
            F.tag(id: "2", name: "GA4 - lead shared currency", type: "gaawe", params: [
                Fixtures.param("eventName", "generate_lead"), Fixtures.param("measurementIdOverride", "G-AAA111"),
            ], triggers: ["11"]),
            // A variable the scorer cannot read provides every field.
            F.tag(id: "3", name: "GA4 - lead unknown settings", type: "gaawe", params: [
                Fixtures.param("eventName", "generate_lead"), Fixtures.param("measurementIdOverride", "G-CCC333"),
                Fixtures.param("eventSettingsVariable", "{{GA4 - settings JS}}"), F.table("eventSettingsTable", [("value", "10")]),
            ], triggers: ["11"]),
        ], triggers: [F.leadTrigger], variables: [settings])
        let currency = F.findings(c, rule: "parameters.currency_not_iso")
        #expect(currency.map(\.entity.id) == ["2"])
        #expect(currency.first?.ref == #"currency (variable "GA4 - event settings")"#)
        #expect(F.findings(c, rule: "alignment.value_without_currency").isEmpty)
        #expect(F.checks(c, rule: "alignment.value_without_currency") == (3, 0))
    }

    @Test func templateFieldsByTheirUsualNames() throws {
        let c = try Fixtures.container(tags: [
            // Keys match case-insensitively; the first setting of a field wins.
            F.metaTemplateTag(id: "1", name: "Meta - Purchase", event: "Purchase", triggers: ["10"], params: [
                Fixtures.param("Currency", "eur"), Fixtures.param("currencyCode", "EUR"), Fixtures.param("Value", "{{DLV - value}}"),
            ]),
            // Row names are trimmed and lower-cased; user-data lists never hold event data.
            F.metaTemplateTag(id: "2", name: "Meta - Purchase rows", event: "Purchase", triggers: ["10"], params: [
                F.table("userDataList", [("currency", "EUR"), ("value", "{{DLV - value}}")], name: "name", value: "value"),
                F.table("objectPropertyList", [(" Currency ", "usd"), ("value", "{{DLV - value}}")], name: "name", value: "value"),
            ]),
            // Only the first parameter of a switch counts.
            F.metaTemplateTag(id: "3", name: "Meta - Purchase switch off", event: "Purchase", triggers: ["10"], params: [
                Fixtures.param("enhancedEcommerce", "false", type: "BOOLEAN"), Fixtures.param("enhancedEcommerce", "true", type: "BOOLEAN"),
            ]),
            F.metaTemplateTag(id: "4", name: "Meta - Purchase switch on", event: "Purchase", triggers: ["10"], params: [
                Fixtures.param("objectPropertiesFromVariable", "true", type: "BOOLEAN"),
            ]),
        ], triggers: [F.purchaseTrigger], templates: [F.metaTemplate])
        let currency = F.findings(c, rule: "parameters.currency_not_iso")
        #expect(currency.map(\.entity.id) == ["1", "2"])
        #expect(currency.map(\.ref) == ["Currency", " Currency "])
        #expect(F.findings(c, rule: "parameters.meta_purchase_fields").map(\.entity.id) == ["3"])
    }

    @Test func codeFieldsOfTheCallsThatSendTheEvent() throws {
        let c = try Fixtures.container(tags: [
            // Every call counts for the currency; the first call's setting wins.
            F.html(id: "1", name: "Meta - two purchases", code: "<script>fbq('track', 'Purchase', {value: {{V}}, currency: 'eur'}); fbq('track', 'Purchase', {value: {{V}}, currency: 'EUR'});</script>", triggers: ["10"]),
            // The purchase's own value is judged, not the lead's.
            F.html(id: "2", name: "Meta - lead and purchase", code: "<script>fbq('track', 'Lead', {value: 0, currency: 'EUR'}); fbq('track', 'Purchase', {value: {{V}}, currency: 'EUR'});</script>", triggers: ["10"]),
        ], triggers: [F.purchaseTrigger])
        let currency = F.findings(c, rule: "parameters.currency_not_iso")
        #expect(currency.map(\.entity.id) == ["1"])
        #expect(currency.first?.message.contains("\"eur\"") == true)
        #expect(F.findings(c, rule: "parameters.hardcoded_value").isEmpty)
    }
}
