import GTMModel
import LosslessJSON
import Mutation
import PatchGuard
import Testing
import TestSupport

@Suite("The guard")
struct PatchGuardTests {
    let baseline: GuardBaseline

    init() throws {
        let container = try Fixtures.container(
            tags: [
                Fixtures.ga4EventTag(id: "3", name: "GA4 - purchase", event: "purchase", triggers: ["7"],
                                     extra: [Fixtures.param("currency", "%%CURRENCY%%")]),
                Fixtures.ga4EventTag(id: "12", name: "GA4 - add_to_cart", event: "add_to_cart", triggers: ["8"]),
                Fixtures.ga4EventTag(id: "13", name: "GA4 - add_to_cart copy", event: "add_to_cart", triggers: ["8"]),
                #"{"tagId":"20","name":"Old pixel","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<img src=x>"}],"paused":true}"#,
            ],
            triggers: [
                Fixtures.customEventTrigger(id: "7", name: "CE - purchase", event: "purchase"),
                Fixtures.customEventTrigger(id: "8", name: "CE - add_to_cart", event: "add_to_cart"),
            ],
            variables: [#"{"variableId":"31","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-1"}]}"#]
        )
        baseline = GuardBaseline(ContainerAnalysis(container))
    }

    func check(_ text: String, maxEntities: Int = 3, tried: Set<String> = []) throws -> GuardVerdict {
        PatchGuard(maxEntities: maxEntities).check(.json(try JSONParser().parse(text)), against: baseline, tried: tried)
    }

    func reason(_ text: String, maxEntities: Int = 3) throws -> String? {
        if case .rejected(let rejection, _) = try check(text, maxEntities: maxEntities) { return rejection.reason.rawValue }
        return nil
    }

    @Test func acceptsASafePatch() throws {
        let verdict = try check(#"[{"op":"replace","path":"/tag/12/name","value":"GA4 - Event - add_to_cart"}]"#)
        guard case .accepted(let candidate) = verdict else { Issue.record("rejected: \(verdict)"); return }
        #expect(candidate.analysis.container.tags[1].name == "GA4 - Event - add_to_cart")
    }

    @Test func everyReasonCode() throws {
        #expect(PatchGuard().check(.unparsable(text: "sure! here", reason: "not JSON"), against: baseline).rejectionReason == "invalid_json")
        #expect(try reason(#"{"op":"remove"}"#) == "invalid_json")
        #expect(try reason("[]") == "empty_patch")
        #expect(try reason(#"[{"op":"remove","path":"/tag/404"}]"#) == "patch_failed")
        #expect(try reason(#"[{"op":"replace","path":"/tag/3/tagId","value":"4"}]"#) == "identity_changed")
        #expect(try reason(#"[{"op":"replace","path":"/tag/3/name","value":"a"},{"op":"replace","path":"/tag/12/name","value":"b"}]"#, maxEntities: 1) == "too_many_entities")
        #expect(try reason(#"[{"op":"replace","path":"/tag/3/name","value":"GA4 - purchase"}]"#) == "no_change")
        #expect(try reason(#"[{"op":"replace","path":"/tag/3/firingTriggerId","value":[]}]"#) == "coverage_lost")
        #expect(try reason(#"[{"op":"replace","path":"/tag/12/firingTriggerId","value":["55"]}]"#) == "dangling_reference")
        #expect(try reason(#"[{"op":"add","path":"/tag/12/parameter/-","value":{"type":"TEMPLATE","key":"value","value":"{{DLV - value}}"}}]"#) == "unresolved_variable")
        #expect(try reason(#"[{"op":"replace","path":"/tag/12/name","value":"GA4 - purchase"}]"#) == "duplicate_name")
        #expect(try reason(#"[{"op":"replace","path":"/tag/3/parameter/2/value","value":"EUR"}]"#) == "placeholder_lost")
        #expect(try reason(#"[{"op":"replace","path":"/tag/3/parameter","value":7}]"#) == "invalid_container")
    }

    @Test func aLiveTagMayOnlyGoWhenItIsADuplicate() throws {
        // Tag 3 is the only purchase tag: removing or pausing it is refused before coverage is even asked.
        let removal = try check(#"[{"op":"remove","path":"/tag/3"}]"#)
        #expect(removal.rejectionReason == "tag_removed", "\(removal)")
        #expect(try reason(#"[{"op":"add","path":"/tag/3/paused","value":true}]"#) == "tag_removed")
        // Tag 13 duplicates tag 12 apart from its name: removing it is fine.
        guard case .accepted = try check(#"[{"op":"remove","path":"/tag/13"}]"#) else { Issue.record("duplicate removal rejected"); return }
        // A paused (dead) tag may go.
        guard case .accepted = try check(#"[{"op":"remove","path":"/tag/20"}]"#) else { Issue.record("dead tag removal rejected"); return }
    }

    @Test func repeatedProposalsAreRefused() throws {
        let text = #"[{"op":"replace","path":"/tag/12/name","value":"GA4 - Event - add_to_cart"}]"#
        let digest = EntityPatch.digest(of: try JSONPatch(json: JSONParser().parse(text)))
        if case .rejected(let r, _) = try check(text, tried: [digest]) { #expect(r.reason == .repeatedProposal) } else { Issue.record("accepted a repeat") }
    }

    @Test func newEntitiesMayBeReferencedInTheSamePatch() throws {
        let verdict = try check(#"""
            [{"op":"add","path":"/variable/-","value":{"variableId":"v","name":"DLV - value","type":"v","parameter":[{"type":"INTEGER","key":"dataLayerVersion","value":"2"},{"type":"TEMPLATE","key":"name","value":"ecommerce.value"}]}},
             {"op":"add","path":"/tag/3/parameter/-","value":{"type":"TEMPLATE","key":"value","value":"{{DLV - value}}"}}]
            """#)
        guard case .accepted(let candidate) = verdict else { Issue.record("rejected: \(verdict)"); return }
        #expect(candidate.patch.created == [EntityKey(.variable, "32")])
    }

    @Test func preExistingFlawsDoNotBlockUnrelatedPatches() throws {
        let container = try Fixtures.container(
            tags: [Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["404"], extra: [Fixtures.param("value", "{{Missing}}")])],
            variables: [#"{"variableId":"31","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-1"}]}"#]
        )
        let flawed = GuardBaseline(ContainerAnalysis(container))
        let verdict = PatchGuard().check(.json(try JSONParser().parse(#"[{"op":"replace","path":"/tag/1/name","value":"GA4 - Event - purchase"}]"#)), against: flawed)
        guard case .accepted = verdict else { Issue.record("rejected: \(verdict)"); return }
    }
}

extension GuardVerdict {
    var rejectionReason: String? {
        if case .rejected(let r, _) = self { return r.reason.rawValue }
        return nil
    }
}
