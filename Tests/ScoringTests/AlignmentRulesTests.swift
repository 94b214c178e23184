import Foundation
import GTMModel
import Testing
import TestSupport
@testable import Scoring

@Suite struct AlignmentRulesTests {
    typealias F = ParameterFixtures

    static let metaPurchase = "<script>fbq('track', 'Purchase', {value: {{DLV - value}}, currency: '{{DLV - currency}}'}, {eventID: '{{Event ID}}'});</script>"
    static let metaLead = "<script>fbq('track', 'Lead', {}, {eventID: '{{Event ID}}'});</script>"
    static let linker = F.tag(id: "90", name: "Conversion Linker", type: "gclidw", params: [], triggers: ["2147479553"])

    @Test func rulesAreInTheCatalogUnderTheirDimension() {
        #expect(AlignmentRules.all.allSatisfy { $0.descriptor.dimension == .alignment })
        #expect(AlignmentRules.all.map(\.descriptor.id).allSatisfy { RuleCatalog.rule(id: $0) != nil })
    }

    @Test func eventReachingEveryDestinationPasses() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            F.html(id: "2", name: "Meta - Purchase", code: Self.metaPurchase, triggers: ["10"]),
            // The Ads conversion names no event: its event comes from its trigger.
            F.awct(id: "3", name: "Ads - purchase", triggers: ["10"]),
            Self.linker,
        ], triggers: [F.purchaseTrigger])
        #expect(F.findings(c, rule: "alignment.event_missing_destination").isEmpty)
        #expect(F.checks(c, rule: "alignment.event_missing_destination") == (3, 0))
    }

    @Test func eventMissingADestination() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            F.awct(id: "2", name: "Ads - purchase", triggers: ["10"]),
            F.html(id: "3", name: "Meta - Lead", code: Self.metaLead, triggers: ["11"]),
            Self.linker,
        ], triggers: [F.purchaseTrigger, F.leadTrigger])
        let found = F.findings(c, rule: "alignment.event_missing_destination")
        #expect(found.map(\.ref) == ["generate_lead→ga4", "generate_lead→google_ads", "purchase→meta"])
        #expect(found.allSatisfy { $0.severity == .warning && $0.entity.kind == .container && $0.entity.id == "GTM-FIXTURE" })
        #expect(found.last?.message.contains("GA4") == true)
    }

    @Test func oneDestinationIsNotJudged() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - lead", event: "generate_lead", triggers: ["11"]),
        ], triggers: [F.purchaseTrigger, F.leadTrigger])
        #expect(F.checks(c, rule: "alignment.event_missing_destination") == (0, 0))
        // …unless the plan names the destinations.
        let plan = TrackingPlan(name: "p", events: ["purchase"], destinations: [.ga4, .meta])
        let found = F.findings(c, rule: "alignment.event_missing_destination", plan: plan)
        #expect(found.map(\.ref) == ["generate_lead→meta", "purchase→meta"])
    }

    @Test func inconsistentValueSource() throws {
        let variables = [
            F.dataLayerVariable(id: "51", name: "DLV - value", key: "ecommerce.value"),
            F.dataLayerVariable(id: "52", name: "DLV - revenue", key: "ecommerce.revenue"),
            F.dataLayerVariable(id: "53", name: "dlv - ecommerce.value", key: "ecommerce.value"),
            F.dataLayerVariable(id: "54", name: "DLV - transaction_id", key: "ecommerce.transaction_id"),
        ]
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            F.awct(id: "2", name: "Ads - purchase", triggers: ["10"], value: "{{DLV - revenue}}", currency: "EUR", orderId: "{{DLV - transaction_id}}"),
            F.html(id: "3", name: "Meta - Purchase", code: "<script>fbq('track', 'Purchase', {value: {{dlv - ecommerce.value}}, currency: 'EUR'}, {eventID: '{{Event ID}}'});</script>", triggers: ["10"]),
            Self.linker,
        ], triggers: [F.purchaseTrigger], variables: variables)
        let found = F.findings(c, rule: "alignment.inconsistent_value_source")
        #expect(found.map(\.entity.id) == ["2"])
        #expect(found.first?.ref == "purchase.value")
        #expect(found.first?.severity == .warning)
        #expect(found.first?.message.contains("DLV - revenue") == true)
        // value: Ads fails, Meta reads the same data-layer key; transaction id: Ads matches GA4.
        #expect(F.checks(c, rule: "alignment.inconsistent_value_source") == (3, 1))
    }

    @Test func accountConversionUncovered() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            F.awct(id: "2", name: "Ads - purchase", triggers: ["10"]),
            Self.linker,
        ], triggers: [F.purchaseTrigger])
        let state = AccountState(conversions: [
            .init(destination: .googleAds, event: "purchase", name: "Ads Purchase", count: 120, value: 9800.5),
            .init(destination: .meta, event: "purchase", name: "Meta Purchase", count: 40, value: 5000),
            .init(destination: .meta, event: "generate_lead", name: "Meta Lead", count: 3, value: 0),
        ])
        let found = F.findings(c, rule: "alignment.account_conversion_uncovered", accountState: state)
        #expect(found.compactMap(\.ref).sorted() == ["generate_lead→meta", "purchase→meta"])
        #expect(found.allSatisfy { $0.severity == .error && $0.entity.kind == .container })
        #expect(found.contains { $0.message.contains("\"Meta Purchase\"") && $0.message.contains("40 conversions") && $0.message.contains("5000") })
        #expect(F.checks(c, rule: "alignment.account_conversion_uncovered") == (0, 0))
    }

    @Test func accountConversionsWeighByValue() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["10"], extra: [F.completePurchaseRows]),
            F.awct(id: "2", name: "Ads - purchase", triggers: ["10"]),
            Self.linker,
        ], triggers: [F.purchaseTrigger])
        func alignment(covered: Double, uncovered: Double) -> Double {
            let state = AccountState(conversions: [
                .init(destination: .googleAds, event: "purchase", name: "Purchase", count: 1, value: covered),
                .init(destination: .meta, event: "purchase", name: "Purchase", count: 1, value: uncovered),
            ])
            return Scorer(accountState: state).score(c).result(for: .alignment)?.score ?? -1
        }
        #expect(alignment(covered: 10, uncovered: 5000) < 0.1)
        #expect(alignment(covered: 5000, uncovered: 10) > 0.9)
    }

    @Test func valueWithoutCurrency() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - lead value only", event: "generate_lead", triggers: ["11"],
                                 extra: [F.table("eventSettingsTable", [("value", "{{DLV - value}}")])]),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - lead value and currency", event: "generate_lead", triggers: ["11"],
                                 extra: [F.table("eventSettingsTable", [("value", "{{DLV - value}}"), ("currency", "EUR")])]),
            F.html(id: "3", name: "Meta - Purchase value only", code: "<script>fbq('track', 'Purchase', {value: {{DLV - value}}});</script>", triggers: ["10"]),
            F.awct(id: "4", name: "Ads - value only", triggers: ["11"], value: "{{DLV - value}}"),
            Fixtures.ga4EventTag(id: "5", name: "GA4 - sign_up with value", event: "sign_up", triggers: ["11"],
                                 extra: [F.table("eventSettingsTable", [("value", "5")])]),
            Fixtures.ga4EventTag(id: "6", name: "GA4 - purchase from ecommerce object", event: "purchase", triggers: ["10"],
                                 extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")]),
            Self.linker,
        ], triggers: [F.purchaseTrigger, F.leadTrigger])
        let found = F.findings(c, rule: "alignment.value_without_currency")
        #expect(found.map(\.entity.id) == ["1", "3", "4"])
        #expect(found.map(\.ref) == ["currency", "currency", "currencyCode"])
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(F.checks(c, rule: "alignment.value_without_currency") == (4, 3))
    }
}

/// The parameter, dedup and alignment rules on the real-export corpus: every finding is about an
/// entity that exists.
@Suite struct ParameterDedupAlignmentCorpusTests {
    static let dimensions: Set<Scoring.Dimension> = [.parameters, .dedup, .alignment]

    @Test(.enabled(if: !Corpus.fileNames.isEmpty, Comment(rawValue: Corpus.missingMessage)))
    func findingsNameExistingEntities() throws {
        for name in Corpus.fileNames {
            let url = try #require(Corpus.url(name))
            let container = try ContainerLoader().load(path: url.path)
            let report = Scorer().score(container)
            let tagIds = Set(container.tags.map(\.id))
            let containerId = containerReference(container).id
            for finding in report.findings where Self.dimensions.contains(finding.dimension) {
                switch finding.entity.kind {
                case .tag:
                    #expect(tagIds.contains(finding.entity.id), "\(name): \(finding.rule) names tag \(finding.entity.id), which does not exist")
                case .container:
                    #expect(finding.entity.id == containerId, "\(name): \(finding.rule) names container \(finding.entity.id)")
                default:
                    Issue.record("\(name): \(finding.rule) reports a \(finding.entity.kind.rawValue), which these rules never judge")
                }
                if finding.rule == "dedup.same_event_twice" || finding.rule == "dedup.duplicate_tag" || finding.rule == "dedup.duplicate_google_tag" {
                    #expect(finding.ref.map(tagIds.contains) == true, "\(name): \(finding.rule) refers to tag \(finding.ref ?? "nil")")
                }
            }
        }
    }
}
