import GTMModel
import LosslessJSON
import Mutation
import Testing
import TestSupport

@Suite("Id-addressed entity patches")
struct EntityPatchTests {
    let container: Container

    init() throws {
        container = try Fixtures.container(
            tags: [
                Fixtures.ga4EventTag(id: "3", name: "GA4 - purchase", event: "purchase", triggers: ["7"]),
                Fixtures.ga4EventTag(id: "12", name: "GA4 - add_to_cart", event: "add_to_cart", triggers: ["8"]),
            ],
            triggers: [
                Fixtures.customEventTrigger(id: "7", name: "CE - purchase", event: "purchase"),
                Fixtures.customEventTrigger(id: "8", name: "CE - add_to_cart", event: "add_to_cart"),
            ],
            variables: [#"{"variableId":"31","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-1"}]}"#]
        )
    }

    func patch(_ text: String) throws -> JSONPatch { try JSONPatch(json: JSONParser().parse(text)) }

    @Test func addressesEntitiesByIdNotPosition() throws {
        let p = try patch(#"[{"op":"replace","path":"/tag/12/name","value":"GA4 - Event - add_to_cart"}]"#)
        let applied = try EntityPatch.resolve(p, against: container.document)
        #expect(applied.positional.json == (try JSONParser().parse(#"[{"op":"replace","path":"/containerVersion/tag/1/name","value":"GA4 - Event - add_to_cart"}]"#)))
        #expect(applied.touched == [EntityKey(.tag, "12")])
        let patched = try Container(document: applied.document)
        #expect(patched.tags[1].name == "GA4 - Event - add_to_cart")
        // The positional form replays with any RFC 6902 tool and gives the same document.
        #expect(try applied.positional.apply(to: container.document) == applied.document)
    }

    @Test func resolvesEachOperationAfterTheOnesBefore() throws {
        // Removing tag 3 shifts tag 12 to index 0: the second operation must still find it.
        let p = try patch(#"[{"op":"remove","path":"/tag/3"},{"op":"replace","path":"/tag/12/name","value":"x"}]"#)
        let applied = try EntityPatch.resolve(p, against: container.document)
        #expect(applied.positional.json == (try JSONParser().parse(#"[{"op":"remove","path":"/containerVersion/tag/0"},{"op":"replace","path":"/containerVersion/tag/0/name","value":"x"}]"#)))
        #expect(applied.removed == [EntityKey(.tag, "3")])
        #expect(try applied.positional.apply(to: container.document) == applied.document)
    }

    @Test func newEntitiesGetCodeAssignedIdsAndLabelsAreRewritten() throws {
        let p = try patch(#"""
            [{"op":"add","path":"/trigger/-","value":{"triggerId":"new-1","name":"CE - purchase (strict)","type":"CUSTOM_EVENT"}},
             {"op":"replace","path":"/tag/3/firingTriggerId","value":["new-1"]},
             {"op":"add","path":"/folder/-","value":{"folderId":"99","name":"GA4"}},
             {"op":"add","path":"/tag/3/parentFolderId","value":"99"}]
            """#)
        let applied = try EntityPatch.resolve(p, against: container.document)
        #expect(applied.created == [EntityKey(.trigger, "9"), EntityKey(.folder, "1")])
        let patched = try Container(document: applied.document)
        let trigger = try #require(patched.triggers.last)
        #expect(trigger.id == "9")
        #expect(trigger.raw["accountId"]?.stringValue == "1" && trigger.raw["containerId"]?.stringValue == "2")
        #expect(patched.tags[0].firingTriggerIds == ["9"])
        // A mutator's numeric id for a new entity is only a label: the code numbers the folder.
        #expect(patched.folders.map(\.id) == ["1"])
        #expect(patched.tags[0].parentFolderId == "1")
        // The folder array did not exist: the positional patch creates it first.
        #expect(applied.positional.operations.count == 5)
        #expect(try applied.positional.apply(to: container.document) == applied.document)
    }

    @Test func rejectsWhatItCannotAddress() throws {
        #expect(throws: EntityPatchError.empty) { try EntityPatch.resolve(JSONPatch([]), against: container.document) }
        #expect(throws: EntityPatchError.unknownEntity(index: 0, collection: "tag", id: "404")) {
            try EntityPatch.resolve(patch(#"[{"op":"remove","path":"/tag/404"}]"#), against: container.document)
        }
        #expect(throws: EntityPatchError.self) {
            try EntityPatch.resolve(patch(#"[{"op":"replace","path":"/containerVersion/container/name","value":"x"}]"#), against: container.document)
        }
        for identity in ["/tag/3/tagId", "/tag/3/accountId", "/trigger/7/containerId"] {
            #expect {
                try EntityPatch.resolve(patch(#"[{"op":"replace","path":"\#(identity)","value":"5"}]"#), against: container.document)
            } throws: { error in
                if case .identityChanged = error as? EntityPatchError { return true }
                return false
            }
        }
        // All or nothing: a failing second operation leaves no trace (the caller's document is a value).
        #expect(throws: EntityPatchError.self) {
            try EntityPatch.resolve(patch(#"[{"op":"remove","path":"/tag/3"},{"op":"test","path":"/tag/12/name","value":"nope"}]"#), against: container.document)
        }
    }

    @Test func testOperationsDoNotCountAsTouching() throws {
        let p = try patch(#"[{"op":"test","path":"/trigger/7/name","value":"CE - purchase"},{"op":"replace","path":"/tag/3/name","value":"y"}]"#)
        let applied = try EntityPatch.resolve(p, against: container.document)
        #expect(applied.touched == [EntityKey(.tag, "3")])
    }

    @Test func digestIsStableAndDistinguishesPatches() throws {
        let a = try patch(#"[{"op":"replace","path":"/tag/3/name","value":"y"}]"#)
        let b = try patch(#"[{"path":"/tag/3/name","value":"y","op":"replace"}]"#)
        let c = try patch(#"[{"op":"replace","path":"/tag/3/name","value":"z"}]"#)
        #expect(EntityPatch.digest(of: a) == EntityPatch.digest(of: b))
        #expect(EntityPatch.digest(of: a) != EntityPatch.digest(of: c))
        #expect(EntityPatch.digest(of: a).count == 16)
    }
}

@Suite("Decoding a patched container reuses the untouched entities")
struct ContainerReuseTests {
    @Test func reuseGivesTheSameContainerAsAFullDecode() throws {
        let parent = try Fixtures.container(
            tags: (1...6).map { Fixtures.ga4EventTag(id: "\($0)", name: "GA4 - e\($0)", event: "e\($0)", triggers: ["7"]) },
            triggers: [Fixtures.customEventTrigger(id: "7", name: "CE - e", event: "e1")],
            variables: [#"{"variableId":"31","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-1"}]}"#]
        )
        // Remove the first tag (every later position shifts), edit the fourth, add one.
        let patch = try JSONPatch(json: JSONParser().parse(#"""
            [{"op":"remove","path":"/tag/1"},{"op":"replace","path":"/tag/4/name","value":"GA4 - renamed"},
             {"op":"add","path":"/tag/-","value":{"tagId":"n","name":"GA4 - new","type":"gaawe","firingTriggerId":["7"]}}]
            """#))
        let applied = try EntityPatch.resolve(patch, against: parent.document)
        var changed: [String: Set<String>] = [:]
        for key in applied.touched { changed[key.collection.rawValue, default: []].insert(key.id) }
        let reused = try Container(document: applied.document, reusing: parent, changed: changed)
        let full = try Container(document: applied.document)
        func summary(_ c: Container) -> [String] {
            c.tags.map { tag in
                "\(tag.id) \(tag.name) \(tag.path) \(tag.parameters.count) \(tag.firingTriggerIds) \(tag.raw == full.tags.first { $0.id == tag.id }?.raw)"
            }
        }
        #expect(summary(reused) == summary(full))
        #expect(reused.tags.map(\.name) == ["GA4 - e2", "GA4 - e3", "GA4 - renamed", "GA4 - e5", "GA4 - e6", "GA4 - new"])
        #expect(reused.tags[0].path.description == full.tags[0].path.description)
    }
}
