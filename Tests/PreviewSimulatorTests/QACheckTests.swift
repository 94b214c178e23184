import GTMModel
import LosslessJSON
import PreviewSimulator
import Testing
import TestSupport

/// The three QA checks, positive and negative, and the coverage pairs.
@Suite struct QACheckTests {
    static let purchasePush = Sim.push(#"{"event":"purchase","ecommerce":{"transaction_id":"T1","value":94.85,"currency":"EUR"}}"#)
    static let variables = [
        Sim.dataLayerVariable("20", "DLV - value", key: "ecommerce.value"), Sim.dataLayerVariable("21", "DLV - currency", key: "ecommerce.currency"),
        Sim.dataLayerVariable("22", "DLV - transaction_id", key: "ecommerce.transaction_id"), Sim.dataLayerVariable("23", "DLV - missing", key: "nope"),
        Sim.variable("24", "Const - GA4 ID", type: "c", [Fixtures.param("value", "G-1")]),
    ]
    static let ga4 = Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"],
                                          extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])
    static func ads(currency: String = "{{DLV - currency}}") -> String {
        #"{"tagId":"2","name":"Ads - purchase","type":"awct","parameter":[\#(Fixtures.param("conversionValue", "{{DLV - value}}")),\#(Fixtures.param("currencyCode", currency)),\#(Fixtures.param("orderId", "{{DLV - transaction_id}}"))],"firingTriggerId":["10"]}"#
    }
    static let meta = Sim.html("3", "Meta - purchase", triggers: ["10"],
                               code: "<script>fbq('track', 'Purchase', {value: {{DLV - value}}, currency: '{{DLV - currency}}', order_id: '{{DLV - transaction_id}}'});</script>")

    func run(_ tags: [String], steps: [ScenarioStep] = [Sim.page(), QACheckTests.purchasePush]) throws -> SimulationResult {
        try Sim.run(try Sim.container(tags: tags, triggers: [Sim.customEvent("10", "purchase")], variables: QACheckTests.variables), steps)
    }

    @Test func purchaseReachingEachDestinationOnceWithItsFieldsPasses() throws {
        let result = try run([QACheckTests.ga4, QACheckTests.ads(), QACheckTests.meta])
        let verdict = QAChecks.purchaseReachesDestinations(result, destinations: [.ga4, .googleAds, .meta])
        #expect(verdict.passed, "\(verdict.findings.map(\.message))")
        #expect(verdict.check == .purchaseReachesDestinations && verdict.scenario == "test")
    }

    @Test func purchaseCheckFindsDuplicatesMissingFieldsAndMissingDestinations() throws {
        let duplicate = Fixtures.ga4EventTag(id: "4", name: "GA4 - purchase (copy)", event: "purchase", triggers: ["10"],
                                             extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])
        let result = try run([QACheckTests.ga4, duplicate, QACheckTests.ads(currency: "{{DLV - missing}}")])
        let messages = QAChecks.purchaseReachesDestinations(result, destinations: [.ga4, .googleAds, .meta]).findings.map(\.message)
        #expect(messages.contains { $0.hasPrefix("purchase reaches GA4 2 times") })
        #expect(messages.contains("Ads - purchase sends purchase to Google Ads on #6 purchase (step 1) with currencyCode undefined"))
        #expect(messages.contains("no tag sends purchase to Meta"))
        let noEcommerce = try run([QACheckTests.ga4], steps: [Sim.page(), Sim.push(#"{"event":"purchase"}"#)])
        let ga4Only = QAChecks.purchaseReachesDestinations(noEcommerce, destinations: [.ga4]).findings.map(\.message)
        #expect(ga4Only.count == 3 && ga4Only.allSatisfy { $0.contains("without a") || $0.contains("undefined") }, "\(ga4Only)")
    }

    @Test func consentCheckPassesWhenTagsWaitForConsent() throws {
        let gated = Sim.html("3", "Meta - purchase", triggers: ["10"], code: "<script>fbq('track', 'Purchase');</script>", extra: TagFiringTests.needsAds)
        let steps: [ScenarioStep] = [.consentDefault(["ad_storage": .denied, "analytics_storage": .denied]), Sim.page(), QACheckTests.purchasePush,
                                     .consentUpdate(["ad_storage": .granted, "ad_user_data": .granted, "analytics_storage": .granted]), QACheckTests.purchasePush]
        let ga4 = Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"], consent: #"{"consentStatus":"NOT_SET"}"#)
        let result = try run([gated, ga4], steps: steps)
        #expect(QAChecks.nothingFiresBeforeConsent(result).passed)
        let strict = QAChecks.nothingFiresBeforeConsent(result, allowingConsentModeTags: false)
        #expect(strict.findings.map(\.tag) == ["GA4 - purchase"], "GA4 fired while analytics_storage was denied")
    }

    @Test func consentCheckFlagsVendorTagsFiringWhileDenied() throws {
        let steps: [ScenarioStep] = [.consentDefault(["ad_storage": .denied]), Sim.page(), QACheckTests.purchasePush]
        let verdict = QAChecks.nothingFiresBeforeConsent(try run([QACheckTests.meta, Sim.html("5", "helper", triggers: ["10"])], steps: steps))
        #expect(verdict.findings.map(\.message) == ["Meta - purchase (Meta) fires on #7 purchase (step 2) while ad_storage is denied"])
        #expect(QAChecks.nothingFiresBeforeConsent(try run([QACheckTests.meta])).passed, "no consent denied, nothing to flag")
    }

    @Test func undefinedParameterCheck() throws {
        #expect(QAChecks.noUndefinedParameters(try run([QACheckTests.ads()])).passed)
        let broken = try run([QACheckTests.ads(currency: "{{DLV - missing}}"), QACheckTests.ga4],
                             steps: [Sim.page(), QACheckTests.purchasePush, QACheckTests.purchasePush])
        let verdict = QAChecks.noUndefinedParameters(broken)
        #expect(verdict.findings.map(\.message) == [
            "Ads - purchase on #6 purchase (step 1): currencyCode uses {{DLV - missing}}, which is undefined (data-layer key \"nope\" is not set and the variable has no default)",
        ], "reported once, at the first event")
        let unknown = try run([QACheckTests.ads(currency: "{{Nobody}}")])
        #expect(QAChecks.noUndefinedParameters(unknown).findings.first?.message.contains("is not a variable of the container") == true)
        let noEcommerce = try run([QACheckTests.ga4], steps: [Sim.page(), Sim.push(#"{"event":"purchase"}"#)])
        #expect(QAChecks.noUndefinedParameters(noEcommerce).findings.map(\.message) == [
            "GA4 - purchase on #6 purchase (step 1) sends ecommerce data but the data layer has no ecommerce object",
        ])
    }

    @Test func coverageIsTheSetOfFiredPairsAndShowsWhatAPatchLoses() throws {
        let scenarios = try ShippedScenarios.all()
        let full = try Sim.container(tags: [QACheckTests.ga4, QACheckTests.ads(), QACheckTests.meta],
                                     triggers: [Sim.customEvent("10", "purchase")], variables: QACheckTests.variables)
        let before = try PreviewCoverage.firedPairs(of: full, over: scenarios)
        #expect(before == [MeasuredPair(destination: .ga4, event: "purchase"), MeasuredPair(destination: .googleAds, event: "purchase"),
                           MeasuredPair(destination: .meta, event: "purchase")])
        let patched = try Sim.container(tags: [QACheckTests.ga4, QACheckTests.ads()], triggers: [Sim.customEvent("10", "purchase")], variables: QACheckTests.variables)
        let after = try PreviewCoverage.firedPairs(of: patched, over: scenarios)
        #expect(PreviewCoverage.lost(from: before, in: after) == [MeasuredPair(destination: .meta, event: "purchase")])
    }

    @Test func coverageRefusesServerContainers() throws {
        let server = try Fixtures.container(usageContext: "SERVER")
        #expect(!ContainerSimulator.supports(server))
        #expect(throws: SimulationError.self) { try PreviewCoverage.firedPairs(of: server, over: []) }
    }
}
