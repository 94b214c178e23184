import GTMModel
import LosslessJSON
import Mutation
import PatchGuard
import PreviewSimulator
import Testing
import TestSupport

/// The coverage check with the preview simulator (SPEC §2.4): per scenario fired pairs, the
/// static pairs that name an event, and the static check alone where the simulator cannot judge.
@Suite("The guard's coverage check with the preview simulator")
struct PatchGuardPreviewTests {
    static let ga4ID = #"{"variableId":"31","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-1"}]}"#

    /// GA4 purchase (equals), Google Ads conversion on a `contains purchase` trigger, a GA4
    /// sign_up that no shipped scenario pushes.
    static func shop() throws -> Container {
        try Fixtures.container(
            tags: [
                Fixtures.ga4EventTag(id: "3", name: "GA4 - purchase", event: "purchase", triggers: ["7"]),
                #"{"tagId":"5","name":"Ads - purchase","type":"awct","parameter":[{"type":"TEMPLATE","key":"conversionId","value":"123"},{"type":"TEMPLATE","key":"conversionLabel","value":"abc"}],"firingTriggerId":["9"]}"#,
                Fixtures.ga4EventTag(id: "6", name: "GA4 - sign_up", event: "sign_up", triggers: ["10"]),
            ],
            triggers: [
                Fixtures.customEventTrigger(id: "7", name: "CE - purchase", event: "purchase"),
                Fixtures.customEventTrigger(id: "9", name: "CE - purchase (contains)", event: "purchase", matchType: "CONTAINS"),
                Fixtures.customEventTrigger(id: "10", name: "CE - sign_up", event: "sign_up"),
            ],
            variables: [Self.ga4ID])
    }

    static func verdict(_ patch: String, on container: Container, scenarios: [Scenario]) throws -> GuardVerdict {
        let baseline = GuardBaseline(ContainerAnalysis(container), scenarios: scenarios)
        return PatchGuard().check(.json(try JSONParser().parse(patch)), against: baseline)
    }

    static func rejection(_ verdict: GuardVerdict) -> GuardRejection? {
        if case .rejected(let rejection, _) = verdict { return rejection }
        return nil
    }

    @Test("the parent is simulated once per scenario, and its fired pairs include the purchase pairs")
    func baseline() throws {
        let scenarios = try ShippedScenarios.all()
        let baseline = GuardBaseline(ContainerAnalysis(try Self.shop()), scenarios: scenarios)
        #expect(baseline.isSimulated)
        let preview = try #require(baseline.preview)
        #expect(preview.map(\.scenario) == scenarios.map(\.name))
        let ecommerce = try #require(preview.first { $0.scenario == "ecommerce-journey" })
        #expect(ecommerce.sentEvents.contains(SentEvent(destination: .ga4, event: "purchase")))
        #expect(ecommerce.sentEvents.contains(SentEvent(destination: .googleAds, event: "purchase")))
        // Without scenarios the check is static only.
        #expect(!GuardBaseline(ContainerAnalysis(try Self.shop())).isSimulated)
    }

    @Test("a patch that stops the purchase tag firing in a scenario is rejected, naming the scenario and the pair")
    func purchaseTriggerBroken() throws {
        // The tag keeps its trigger and its declared event, so the static pairs do not see the loss.
        let patch = #"[{"op":"replace","path":"/trigger/7/customEventFilter/0/parameter/1/value","value":"purchase_complete"}]"#
        let rejection = try #require(Self.rejection(try Self.verdict(patch, on: Self.shop(), scenarios: ShippedScenarios.all())))
        #expect(rejection.reason == .coverageLost)
        #expect(rejection.detail == "scenario ecommerce-journey no longer fires (ga4, purchase)", "\(rejection.detail)")
        // The static check alone let it through: that is what the scenarios add.
        guard case .accepted = try Self.verdict(patch, on: Self.shop(), scenarios: []) else {
            Issue.record("the static check now sees the loss; this test no longer shows what the simulator adds")
            return
        }
    }

    @Test("tightening a contains custom-event trigger to equals is accepted once scenarios judge it")
    func containsToEquals() throws {
        let patch = #"[{"op":"replace","path":"/trigger/9/customEventFilter/0/type","value":"EQUALS"}]"#
        let verdict = try Self.verdict(patch, on: Self.shop(), scenarios: ShippedScenarios.all())
        guard case .accepted(let candidate) = verdict else { Issue.record("rejected: \(verdict)"); return }
        // The candidate's simulation comes with it, one result per scenario, for QA and the next baseline.
        #expect(candidate.preview?.count == ShippedScenarios.names.count)
        // The static check alone rejects it: (google_ads, *) is gone.
        let rejection = try #require(Self.rejection(try Self.verdict(patch, on: Self.shop(), scenarios: [])))
        #expect(rejection.reason == .coverageLost && rejection.detail.contains("(google_ads, *)"), "\(rejection)")
    }

    @Test("a named pair no scenario exercises still counts: a tag that stops sending sign_up is rejected")
    func namedStaticPairs() throws {
        let patch = #"[{"op":"replace","path":"/tag/6/parameter/0/value","value":"signup_started"}]"#
        let rejection = try #require(Self.rejection(try Self.verdict(patch, on: Self.shop(), scenarios: ShippedScenarios.all())))
        #expect(rejection.reason == .coverageLost)
        #expect(rejection.detail == "no live tag sends (ga4, sign_up) any more", "\(rejection.detail)")
    }

    @Test("a loss in several scenarios names the first and the others")
    func lossInSeveralScenarios() throws {
        // A page-view tag on All Pages fires in every scenario; moving it to a trigger none pushes loses it everywhere.
        let container = try Fixtures.container(
            tags: [
                Fixtures.ga4EventTag(id: "3", name: "GA4 - page_view", event: "page_view", triggers: ["2147479553"]),
                Fixtures.ga4EventTag(id: "4", name: "GA4 - purchase", event: "purchase", triggers: ["7"]),
            ],
            triggers: [Fixtures.customEventTrigger(id: "7", name: "CE - purchase", event: "purchase"),
                       Fixtures.customEventTrigger(id: "8", name: "CE - page_view", event: "page_view")],
            variables: [Self.ga4ID])
        let patch = #"[{"op":"replace","path":"/tag/3/firingTriggerId","value":["8"]}]"#
        let rejection = try #require(Self.rejection(try Self.verdict(patch, on: container, scenarios: ShippedScenarios.all())))
        let first = try #require(ShippedScenarios.names.first)
        #expect(rejection.detail.hasPrefix("scenario \(first) no longer fires (ga4, page_view)"), "\(rejection.detail)")
        #expect(rejection.detail.contains("too"), "\(rejection.detail)")
    }

    @Test("a server container keeps the whole static check, open-ended pairs included")
    func serverContainer() throws {
        let server = try Fixtures.container(
            tags: [#"{"tagId":"3","name":"GA4","type":"sgtmgaaw","parameter":[],"firingTriggerId":["9"]}"#],
            triggers: [#"{"triggerId":"9","name":"Purchases","type":"ALWAYS","filter":[{"type":"CONTAINS","parameter":[{"type":"TEMPLATE","key":"arg0","value":"{{Event Name}}"},{"type":"TEMPLATE","key":"arg1","value":"purchase"}]}]}"#],
            usageContext: "SERVER")
        let baseline = GuardBaseline(ContainerAnalysis(server), scenarios: try ShippedScenarios.all())
        #expect(!baseline.isSimulated && baseline.preview == nil)
        let verdict = PatchGuard().check(.json(try JSONParser().parse(#"[{"op":"replace","path":"/trigger/9/filter/0/type","value":"EQUALS"}]"#)),
                                         against: baseline)
        let rejection = try #require(Self.rejection(verdict))
        #expect(rejection.reason == .coverageLost && rejection.detail.contains("(ga4, *)"), "\(rejection)")
        // A harmless patch passes, with no simulation attached.
        guard case .accepted(let candidate) = PatchGuard().check(.json(try JSONParser().parse(#"[{"op":"replace","path":"/tag/3/name","value":"GA4 - all"}]"#)),
                                                                  against: baseline)
        else { Issue.record("a rename was rejected"); return }
        #expect(candidate.preview == nil)
    }

    @Test("a kept candidate's simulation can seed the next baseline: the same pairs as simulating it again")
    func reusedPreview() throws {
        let scenarios = try ShippedScenarios.all()
        let patch = #"[{"op":"replace","path":"/tag/3/name","value":"GA4 - Event - purchase"}]"#
        guard case .accepted(let candidate) = try Self.verdict(patch, on: Self.shop(), scenarios: scenarios) else {
            Issue.record("a rename was rejected"); return
        }
        let reused = GuardBaseline(candidate.analysis, scenarios: scenarios, preview: candidate.preview)
        let fresh = GuardBaseline(candidate.analysis, scenarios: scenarios)
        #expect(reused.preview == fresh.preview)
    }
}
