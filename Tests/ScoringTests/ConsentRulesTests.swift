import Foundation
import GTMModel
import Testing
import TestSupport
@testable import Scoring

@Suite struct ConsentRulesTests {
    static let metaCode = "<script>fbq('track', 'Lead')</script>"
    static let consentDefaultCode = "<script>gtag('consent', 'default', {ad_storage: 'denied', analytics_storage: 'denied'})</script>"

    /// A Custom HTML tag with the given code, triggers and consent settings JSON.
    static func htmlTag(id: String, name: String, code: String = metaCode, triggers: [String] = [BuiltInTrigger.allPages],
                        consent: String? = nil, paused: Bool = false) -> String
    {
        let consentPart = consent.map { #","consentSettings":\#($0)"# } ?? ""
        let pausedPart = paused ? #","paused":true"# : ""
        let firing = triggers.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"tagId":"\#(id)","name":"\#(name)","type":"html","parameter":[\#(Fixtures.param("html", code))],"firingTriggerId":[\#(firing)]\#(consentPart)\#(pausedPart)}"#
    }

    static func needed(_ types: [String]) -> String {
        let items = types.map { #"{"type":"TEMPLATE","value":"\#($0)"}"# }.joined(separator: ",")
        return #"{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[\#(items)]}}"#
    }

    static let notSet = #"{"consentStatus":"NOT_SET"}"#
    static let notNeeded = #"{"consentStatus":"NOT_NEEDED"}"#
    static let adTypes = ["ad_storage", "ad_user_data", "ad_personalization"]

    // MARK: consent.not_set

    @Test func notSetFlagsVendorTagsWithoutSettings() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Meta - Lead (missing)"),
            Self.htmlTag(id: "2", name: "Meta - Lead (not set)", consent: Self.notSet),
            Self.htmlTag(id: "3", name: "Meta - Lead (needed)", consent: Self.needed(Self.adTypes)),
            Fixtures.ga4EventTag(id: "4", name: "GA4 - purchase", event: "purchase", triggers: [BuiltInTrigger.allPages], consent: Self.notNeeded),
            // Utility code sends nothing: not judged.
            Self.htmlTag(id: "5", name: "Util - scroll listener", code: "<script>window.addEventListener('scroll', function(){})</script>"),
            // A consent platform / default tag is not gated by consent: not judged.
            Self.htmlTag(id: "6", name: "Consent - default", code: Self.consentDefaultCode, triggers: [BuiltInTrigger.consentInitialization]),
        ])
        let r = run(ConsentRules.NotSet(), c)
        #expect(r.findings.map(\.entity.id) == ["1", "2"])
        #expect(r.findings.allSatisfy { $0.rule == "consent.not_set" && $0.severity == .warning && $0.entity.kind == .tag })
        #expect(r.checks == 4)
    }

    @Test func serverContainersAreNotJudged() throws {
        let c = try Fixtures.container(tags: [
            #"{"tagId":"1","name":"GA4","type":"sgtmgaaw","firingTriggerId":["9"]}"#,
        ], triggers: [#"{"triggerId":"9","name":"Always - GA4","type":"ALWAYS"}"#], usageContext: "SERVER")
        for rule in ConsentRules.all {
            #expect(run(rule, c).checks == 0, "\(rule.descriptor.id) judged a server container")
        }
    }

    // MARK: consent.needed_without_types

    @Test func neededWithoutTypesIsAnError() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Meta - Lead", consent: #"{"consentStatus":"NEEDED"}"#),
            Self.htmlTag(id: "2", name: "Meta - Lead 2", consent: #"{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[]}}"#),
            Self.htmlTag(id: "3", name: "Meta - Purchase", consent: Self.needed(["ad_storage"])),
            Self.htmlTag(id: "4", name: "Meta - View", consent: Self.notSet),
        ])
        let r = run(ConsentRules.NeededWithoutTypes(), c)
        #expect(r.findings.map(\.entity.id) == ["1", "2"])
        #expect(r.findings.allSatisfy { $0.rule == "consent.needed_without_types" && $0.severity == .error })
        #expect(r.checks == 3)
        // missing_types leaves empty lists to needed_without_types.
        #expect(run(ConsentRules.MissingTypes(), c).findings.map(\.entity.id) == ["3"])
    }

    // MARK: consent.missing_types

    @Test func missingTypesNamesTheMissingOnes() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Meta - Lead", consent: Self.needed(["ad_storage"])),
            Self.htmlTag(id: "2", name: "Meta - Purchase", consent: Self.needed(Self.adTypes)),
            Fixtures.ga4EventTag(id: "3", name: "GA4 - purchase", event: "purchase", triggers: [BuiltInTrigger.allPages]),
            Fixtures.ga4EventTag(id: "4", name: "GA4 - lead", event: "generate_lead", triggers: [BuiltInTrigger.allPages],
                                 consent: Self.needed(["ad_storage"])),
        ])
        let r = run(ConsentRules.MissingTypes(), c)
        #expect(r.findings.map(\.entity.id) == ["1", "4"])
        #expect(r.findings.map(\.ref) == ["ad_user_data,ad_personalization", "analytics_storage"])
        #expect(r.findings.allSatisfy { $0.rule == "consent.missing_types" && $0.severity == .warning })
        #expect(r.checks == 4)
    }

    // MARK: consent.not_needed_without_builtin

    @Test func notNeededOnlyForBuiltInConsentChecks() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Meta - Lead", consent: Self.notNeeded),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - purchase", event: "purchase", triggers: [BuiltInTrigger.allPages], consent: Self.notNeeded),
            #"{"tagId":"3","name":"Ads - Conversion","type":"awct","firingTriggerId":["2147479553"],"consentSettings":{"consentStatus":"NOT_NEEDED"}}"#,
            Self.htmlTag(id: "4", name: "Meta - Purchase", consent: Self.needed(Self.adTypes)),
        ])
        let r = run(ConsentRules.NotNeededWithoutBuiltIn(), c)
        #expect(r.findings.map(\.entity.id) == ["1"])
        #expect(r.findings.first?.ref == "meta")
        #expect(r.findings.first?.severity == .warning)
        #expect(r.checks == 3)
    }

    // MARK: consent.no_default / consent.default_wrong_trigger

    @Test func noDefaultWhenVendorTagsButNoConsentDefault() throws {
        let c = try Fixtures.container(tags: [Self.htmlTag(id: "1", name: "Meta - Lead", consent: Self.needed(Self.adTypes))])
        let r = run(ConsentRules.NoDefault(), c)
        #expect(r.findings.count == 1)
        #expect(r.findings.first?.entity.kind == .container)
        #expect(r.findings.first?.entity.id == "GTM-FIXTURE")
        #expect(r.findings.first?.severity == .error)
        #expect(run(ConsentRules.DefaultWrongTrigger(), c).checks == 0)
    }

    @Test func defaultOnConsentInitializationPasses() throws {
        for trigger in [BuiltInTrigger.consentInitialization, "50"] {
            let c = try Fixtures.container(tags: [
                Self.htmlTag(id: "1", name: "Meta - Lead", consent: Self.needed(Self.adTypes)),
                Self.htmlTag(id: "2", name: "Consent - Default", code: Self.consentDefaultCode, triggers: [trigger]),
            ], triggers: [#"{"triggerId":"50","name":"Consent Init - all","type":"CONSENT_INIT"}"#])
            let noDefault = run(ConsentRules.NoDefault(), c)
            #expect(noDefault.findings.isEmpty && noDefault.checks == 1, "trigger \(trigger)")
            let wrong = run(ConsentRules.DefaultWrongTrigger(), c)
            #expect(wrong.findings.isEmpty && wrong.checks == 1, "trigger \(trigger)")
        }
    }

    @Test func defaultOnAnotherTriggerIsReportedOnTheTag() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Meta - Lead", consent: Self.needed(Self.adTypes)),
            Self.htmlTag(id: "2", name: "Consent - Default", code: Self.consentDefaultCode, triggers: ["60"]),
        ], triggers: [#"{"triggerId":"60","name":"Init - all","type":"INIT"}"#])
        #expect(run(ConsentRules.NoDefault(), c).checks == 0)
        let wrong = run(ConsentRules.DefaultWrongTrigger(), c)
        #expect(wrong.findings.map(\.entity.id) == ["2"])
        #expect(wrong.findings.first?.entity.kind == .tag)
        #expect(wrong.findings.first?.rule == "consent.default_wrong_trigger")
        #expect(wrong.findings.first?.severity == .warning)
    }

    @Test func pausedDefaultDoesNotCount() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Meta - Lead", consent: Self.needed(Self.adTypes)),
            Self.htmlTag(id: "2", name: "Consent - Default", code: Self.consentDefaultCode, triggers: [BuiltInTrigger.consentInitialization], paused: true),
        ])
        #expect(run(ConsentRules.NoDefault(), c).findings.count == 1)
    }

    @Test func noVendorTagsNoDefaultJudgement() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Util - listener", code: "<script>document.addEventListener('click', function(){})</script>"),
        ])
        #expect(run(ConsentRules.NoDefault(), c).checks == 0)
        let amp = try Fixtures.container(tags: [Self.htmlTag(id: "1", name: "Meta - Lead", consent: Self.needed(Self.adTypes))], usageContext: "AMP")
        #expect(run(ConsentRules.NoDefault(), amp).checks == 0)
        #expect(run(ConsentRules.NotSet(), amp).checks == 1)
    }

    /// A custom template whose sandboxed code requires the given APIs (and mentions `extra`).
    static func template(id: String, requires apis: [String], extra: String = "") -> String {
        let code = apis.map { "const \($0) = require('\($0)');" }.joined(separator: "\n") + "\n" + extra + "\ndata.gtmOnSuccess();"
        let text = "___INFO___\n\n{\"type\": \"TAG\", \"id\": \"cvt_temp_public_id\"}\n\n___SANDBOXED_JS_FOR_WEB_TEMPLATE___\n\n" + code + "\n\n___NOTES___\n"
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return #"{"templateId":"\#(id)","name":"Template \#(id)","accountId":"1","containerId":"2","templateData":"\#(escaped)"}"#
    }

    static func templateTag(id: String, name: String, template: String, triggers: [String], consent: String? = nil) -> String {
        let consentPart = consent.map { #","consentSettings":\#($0)"# } ?? ""
        let firing = triggers.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"tagId":"\#(id)","name":"\#(name)","type":"cvt_2_\#(template)","firingTriggerId":[\#(firing)]\#(consentPart)}"#
    }

    @Test func consentTemplatesAreNotVendorTags() throws {
        // A Consent Mode template that also sets Microsoft UET consent: the classifier sees `uetq`.
        let c = try Fixtures.container(
            tags: [
                Self.templateTag(id: "1", name: "Consent - Defaults", template: "268", triggers: [BuiltInTrigger.consentInitialization], consent: Self.notSet),
                Self.templateTag(id: "2", name: "Awin - Consent relay", template: "438", triggers: [BuiltInTrigger.initialization], consent: Self.notSet),
                Self.htmlTag(id: "3", name: "Meta - Lead", consent: Self.needed(Self.adTypes)),
            ],
            templates: [
                Self.template(id: "268", requires: ["setDefaultConsentState", "updateConsentState", "gtagSet"], extra: "callInWindow('uetq.push', 'consent', 'default');"),
                Self.template(id: "438", requires: ["isConsentGranted", "addConsentListener", "callInWindow"], extra: "callInWindow('AWIN.Tracking.Consent.setAdvertiserConsentStatus', true); // awin1.com"),
            ])
        #expect(run(ConsentRules.NotSet(), c).findings.isEmpty)
        let noDefault = run(ConsentRules.NoDefault(), c)
        #expect(noDefault.findings.isEmpty && noDefault.checks == 1)
        #expect(run(ConsentRules.InconsistentVendor(), c).checks == 0)
    }

    @Test func vendorTemplatesThatReadConsentAreStillVendorTags() throws {
        let c = try Fixtures.container(
            tags: [Self.templateTag(id: "1", name: "Meta - Pixel", template: "40", triggers: [BuiltInTrigger.allPages], consent: Self.notSet)],
            templates: [Self.template(id: "40", requires: ["isConsentGranted", "injectScript"], extra: "injectScript('https://connect.facebook.net/en_US/fbevents.js');")])
        #expect(run(ConsentRules.NotSet(), c).findings.map(\.entity.id) == ["1"])
    }

    /// The template check as it read before `ConsentTemplateKind` scanned bytes: each call looked up in
    /// the lowercased web section.
    static func referenceKind(_ template: CustomTemplate) -> ConsentTemplateKind? {
        guard let code = template.section("___SANDBOXED_JS_FOR_WEB_TEMPLATE___")?.lowercased() else { return nil }
        func requires(_ api: String) -> Bool { code.contains("require('\(api)')") || code.contains("require(\"\(api)\")") }
        if requires("setdefaultconsentstate") { return .setsDefaults }
        let consentAPIs = ["setdefaultconsentstate", "updateconsentstate", "isconsentgranted", "addconsentlistener"]
        let sendingAPIs = ["injectscript", "sendpixel", "sendhttprequest", "sendhttpget", "injecthiddeniframe"]
        if consentAPIs.contains(where: requires), !sendingAPIs.contains(where: requires) { return .relaysConsent }
        return nil
    }

    static func customTemplate(_ text: String) throws -> CustomTemplate {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        let json = #"{"templateId":"7","name":"T","templateData":"\#(escaped)"}"#
        return try #require(try Fixtures.container(templates: [json]).templates.first)
    }

    @Test func templateKindReadsTheRequireCallsOfTheWebCode() throws {
        let web = "___SANDBOXED_JS_FOR_WEB_TEMPLATE___\n"
        let cases: [(String, ConsentTemplateKind?)] = [
            (web + "const s = require('setDefaultConsentState');", .setsDefaults),
            (web + "const s = REQUIRE(\"SetDefaultConsentState\");", .setsDefaults),
            (web + "require('isConsentGranted'); require('addConsentListener');", .relaysConsent),
            (web + "require('isConsentGranted'); require(\"injectScript\");", nil),
            (web + "require('isConsentGranted'); require('injectScript' );", .relaysConsent),
            (web + "require( 'isConsentGranted');", nil),
            (web + "require('isConsentGranted\");", nil),
            (web + "require('require('isConsentGranted')')", .relaysConsent),
            (web + "require('isConsentGranted'", nil),
            (web + "require('isConsentGranted')", .relaysConsent),
            (web + "require('updateConsentState');\n___WEB_PERMISSIONS___\nrequire('injectScript');", .relaysConsent),
            ("___INFO___\nrequire('setDefaultConsentState');\n" + web + "require('isConsentGranted');", .relaysConsent),
            ("___sandboxed_js_for_web_template___\nrequire('isConsentGranted');", .relaysConsent),
            ("___SANDBOXED_JS_FOR_SERVER___\nrequire('setDefaultConsentState');", nil),
            ("___INFO___\n{}", nil),
            (web, nil),
            ("require('setDefaultConsentState');" + web + "require", nil),
        ]
        for (text, kind) in cases {
            let template = try Self.customTemplate(text)
            #expect(ConsentTemplateKind(template) == kind, "\(text.debugDescription)")
            #expect(Self.referenceKind(template) == kind, "reference: \(text.debugDescription)")
        }
    }

    @Test(.enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)), arguments: Corpus.fileNames)
    func templateKindAgreesWithTheReferenceOnCorpusTemplates(_ name: String) throws {
        let container = try ContainerLoader().load(path: try #require(Corpus.url(name)).path)
        for template in container.templates {
            #expect(ConsentTemplateKind(template) == Self.referenceKind(template), "\(name): \(template.name)")
        }
    }

    @Test func unknownVendorsAcceptEitherStorageType() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Affiliate - cookie", code: "<img src=\"https://track.example-affiliate.com/p.gif\">", consent: Self.needed(["ad_storage"])),
            Self.htmlTag(id: "2", name: "Affiliate - other", code: "<img src=\"https://track.example-affiliate.com/p.gif\">", consent: Self.needed(["functionality_storage"])),
        ])
        let r = run(ConsentRules.MissingTypes(), c)
        #expect(r.findings.map(\.entity.id) == ["2"])
        #expect(r.findings.first?.ref == "analytics_storage")
    }

    // MARK: consent.inconsistent_vendor

    @Test func inconsistentVendorFlagsTheDeviatingTags() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Meta - Lead", consent: Self.needed(Self.adTypes)),
            Self.htmlTag(id: "2", name: "Meta - Purchase", consent: Self.needed(Self.adTypes.reversed())),
            Self.htmlTag(id: "3", name: "Meta - View", consent: Self.notSet),
            // Paused: not live, not compared.
            Self.htmlTag(id: "4", name: "Meta - Old", consent: Self.notNeeded, paused: true),
            // One GA4 tag only: nothing to compare with.
            Fixtures.ga4EventTag(id: "5", name: "GA4 - purchase", event: "purchase", triggers: [BuiltInTrigger.allPages], consent: Self.notSet),
        ])
        let r = run(ConsentRules.InconsistentVendor(), c)
        #expect(r.findings.map(\.entity.id) == ["3"])
        #expect(r.findings.first?.ref == "meta")
        #expect(r.findings.first?.severity == .info)
        #expect(r.checks == 3)
    }

    @Test func consistentVendorPasses() throws {
        let c = try Fixtures.container(tags: [
            Self.htmlTag(id: "1", name: "Meta - Lead", consent: Self.notSet),
            Self.htmlTag(id: "2", name: "Meta - Purchase"),
        ])
        let r = run(ConsentRules.InconsistentVendor(), c)
        #expect(r.findings.isEmpty)
        #expect(r.checks == 2)
    }

    // MARK: corpus

    @Test(.enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)), arguments: Corpus.fileNames)
    func corpusFindingsNameRealEntities(_ name: String) throws {
        let url = try #require(Corpus.url(name))
        let container = try ContainerLoader().load(path: url.path)
        let report = Scorer(rules: ConsentRules.all + NamingRules.all + FolderRules.all).score(container)
        var ids: [EntityKind: Set<String>] = [
            .tag: Set(container.tags.map(\.id)), .trigger: Set(container.triggers.map(\.id)),
            .variable: Set(container.variables.map(\.id)), .folder: Set(container.folders.map(\.id)),
            .client: Set(container.clients.map(\.id)), .transformation: Set(container.transformations.map(\.id)),
        ]
        ids[.container] = [containerReference(container).id]
        for finding in report.findings {
            #expect(ids[finding.entity.kind]?.contains(finding.entity.id) == true,
                    "\(name): \(finding.rule) names \(finding.entity.kind.rawValue) \(finding.entity.id), which does not exist")
        }
        if container.isServer {
            #expect(!report.findings.contains { $0.dimension == .consent }, "\(name): consent finding for a server container")
            #expect(report.result(for: .consent)?.isApplicable == false)
        }
    }
}
