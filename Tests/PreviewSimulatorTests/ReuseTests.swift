import Foundation
import GTMModel
import LosslessJSON
import PreviewSimulator
import Testing
import TestSupport

/// Re-running a scenario on an edited container while reusing the unchanged tags' entries from
/// the parent's run gives exactly the result of a full run: on the example and every corpus web
/// container, for edits to tags (paused, removed, consent, renamed, retriggered, copied) and to
/// triggers (renamed, loosened, removed).
@Suite struct ReuseTests {
    /// An edit: positional JSON patch operations on the export, and the tag ids it changes.
    struct Edit {
        var label: String
        var operations: [String]
        var changedTags: Set<String>
    }

    static func edits(of container: Container) -> [Edit] {
        var edits: [Edit] = []
        let tags = container.tags, triggers = container.triggers
        // A few tags spread over the container, the first and last included.
        let picks = Array(Set([0, tags.count / 3, (2 * tags.count) / 3, tags.count - 1].filter { $0 >= 0 && $0 < tags.count })).sorted()
        for i in picks {
            let tag = tags[i], path = "/containerVersion/tag/\(i)"
            edits.append(Edit(label: "pause \(tag.id)", operations: [#"{"op":"add","path":"\#(path)/paused","value":true}"#], changedTags: [tag.id]))
            edits.append(Edit(label: "remove \(tag.id)", operations: [#"{"op":"remove","path":"\#(path)"}"#], changedTags: [tag.id]))
            edits.append(Edit(label: "consent \(tag.id)", operations: [
                #"{"op":"add","path":"\#(path)/consentSettings","value":{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"ad_storage"}]}}}"#,
            ], changedTags: [tag.id]))
            edits.append(Edit(label: "rename \(tag.id)", operations: [#"{"op":"add","path":"\#(path)/name","value":"Renamed \#(i)"}"#], changedTags: [tag.id]))
            edits.append(Edit(label: "all pages \(tag.id)", operations: [#"{"op":"add","path":"\#(path)/firingTriggerId","value":["2147479553"]}"#],
                              changedTags: [tag.id]))
            edits.append(Edit(label: "copy \(tag.id)", operations: [#"{"op":"copy","from":"\#(path)","path":"/containerVersion/tag/-"}"#,
                                                                    #"{"op":"add","path":"/containerVersion/tag/\#(tags.count)/tagId","value":"copy-\#(i)"}"#,
                                                                    #"{"op":"add","path":"/containerVersion/tag/\#(tags.count)/name","value":"Copy \#(i)"}"#],
                              changedTags: ["copy-\(i)"]))
        }
        for j in Array(Set([0, triggers.count / 2].filter { $0 < triggers.count })).sorted() {
            let path = "/containerVersion/trigger/\(j)"
            edits.append(Edit(label: "rename trigger \(triggers[j].id)", operations: [#"{"op":"add","path":"\#(path)/name","value":"Renamed trigger"}"#], changedTags: []))
            edits.append(Edit(label: "remove trigger \(triggers[j].id)", operations: [#"{"op":"remove","path":"\#(path)"}"#], changedTags: []))
            if !triggers[j].customEventFilters.isEmpty {
                edits.append(Edit(label: "loosen trigger \(triggers[j].id)", operations: [#"{"op":"replace","path":"\#(path)/customEventFilter/0/type","value":"CONTAINS"}"#],
                                  changedTags: []))
            }
        }
        return edits
    }

    static func check(_ container: Container, name: String) throws {
        let scenarios = try ShippedScenarios.all()
        let parents = try ContainerSimulator(container: container).run(scenarios)
        for edit in edits(of: container) {
            let patch = try JSONPatch(json: JSONParser().parse("[" + edit.operations.joined(separator: ",") + "]"))
            let edited = try Container(document: patch.apply(to: container.document))
            let simulator = try ContainerSimulator(container: edited)
            for (scenario, parent) in zip(scenarios, parents) {
                let full = try simulator.run(scenario)
                let reused = try simulator.run(scenario, reusing: parent, changedTags: edit.changedTags)
                #expect(reused == full, "\(name): \(edit.label) × \(scenario.name)")
            }
        }
    }

    @Test func theExampleGivesTheSameResultsReusingOrNot() throws {
        let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json")
        try Self.check(try ContainerLoader().load(path: example.path), name: "acme-shop")
    }

    @Test(arguments: Corpus.fileNames.filter { $0.hasPrefix("web/") })
    func corpusContainersGiveTheSameResultsReusingOrNot(_ name: String) async throws {
        let container = try ContainerLoader().load(path: try #require(Corpus.url(name)).path)
        guard ContainerSimulator.supports(container) else { return }
        // Seconds of CPU per container: off the cooperative pool, so suites that time things run beside it.
        try await onOwnThread { try Self.check(container, name: name) }
    }

    @Test func unchangedTagsAreTakenFromTheParentAndChangedOnesResolvedAgain() throws {
        let example = try ContainerLoader().load(path: Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json").path)
        let simulator = try ContainerSimulator(container: example)
        let scenario = try #require(try ShippedScenarios.named("ecommerce-journey"))
        var parent = try simulator.run(scenario)
        // Mark every entry of the parent: what comes back marked was reused, not resolved.
        for e in parent.events.indices { for t in parent.events[e].fired.indices { parent.events[e].fired[t].consentModeDenied = ["marked"] } }
        let changed = try #require(parent.events.lazy.flatMap(\.fired).first).tagId
        let reused = try simulator.run(scenario, reusing: parent, changedTags: [changed])
        let entries = reused.events.flatMap(\.fired)
        #expect(entries.contains { $0.tagId != changed && $0.consentModeDenied == ["marked"] })
        #expect(entries.filter { $0.tagId == changed }.allSatisfy { $0.consentModeDenied != ["marked"] })
    }

    @Test func aParentOfAnotherScenarioIsNotReused() throws {
        let example = try ContainerLoader().load(path: Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json").path)
        let simulator = try ContainerSimulator(container: example)
        let scenarios = try ShippedScenarios.all()
        let other = try simulator.run(scenarios[0])
        #expect(try simulator.run(scenarios[1], reusing: other, changedTags: []) == simulator.run(scenarios[1]))
    }
}
