import Foundation
import GTMModel
import LosslessJSON
@testable import TagManagerAPI
import Testing
import TestSupport

/// Plans: what a deploy creates, updates and deletes, in which order, and that a redeploy plans nothing.
struct DeployPlannerTests {
    private let target = try! ContainerPath(accountId: "1", containerId: "2")

    private func plan(_ export: Container, workspace: [WorkspaceEntityKind: [JSONObject]]?) -> DeployPlan {
        DeployPlanner(exportContainerId: export.containerId, target: target)
            .plan(export: EntitySet(export: export), workspace: workspace.map(EntitySet.init) ?? EntitySet(),
                  workspacePath: workspace == nil ? nil : "accounts/1/containers/2/workspaces/9", warnings: [])
    }

    private func summary(_ plan: DeployPlan) -> [String] {
        plan.changes.map { "\($0.action.rawValue) \($0.kind.rawValue) \($0.name)" }
    }

    @Test func anEmptyWorkspaceGetsEverythingCreatedInDependencyOrder() throws {
        let plan = plan(try SampleContainer.container(), workspace: nil)
        #expect(!plan.workspaceExists)
        #expect(summary(plan) == [
            "create folder Analytics", "create template Meta Pixel", "create variable DLV - value", "create variable Const - GA4 ID",
            "create builtInVariable Page URL", "create builtInVariable Event",
            // Members before their group, though the export lists the group first.
            "create trigger CE - purchase", "create trigger CE - add_to_cart", "create trigger TG - funnel",
            // The setup tag before the tag that names it, though the export lists it second.
            "create tag Meta - Base", "create tag Meta - Purchase", "create tag GA4 - purchase",
        ])
        #expect(plan.unchangedCount == 0)
        #expect(plan.text.contains("does not exist yet"))
        // Sources are in API casing and still carry export ids until the deploy remaps them.
        let ga4 = try #require(plan.changes.first { $0.name == "GA4 - purchase" })
        #expect(ga4.source?["tagFiringOption"] == "oncePerEvent")
        #expect(ga4.source?["firingTriggerId"] == ["40", "42"])
        #expect(plan.changes.first { $0.kind == .builtInVariable }?.source?["type"] == "pageUrl")
    }

    @Test func redeployingTheSameContainerPlansNothingEvenWithTheWorkspacesOwnIds() throws {
        let export = try SampleContainer.container()
        let plan = plan(export, workspace: SimulatedWorkspace.entities(of: export, idOffset: 1000))
        #expect(plan.isEmpty, "\(plan.text)")
        #expect(plan.unchangedCount == 12)
        #expect(plan.text.contains("no changes"))
        // The matched ids are what the deploy will use for references.
        #expect(plan.matchedIDs[.trigger, "40"] == "1040")
        #expect(plan.matchedIDs[.template, "20"] == "1020")
    }

    @Test func changesAreExactlyWhatDiffers() throws {
        let before = try SampleContainer.container()
        let workspace = SimulatedWorkspace.entities(of: before, idOffset: 0)  // a workspace forked from the same container
        var tags = SampleContainer.tags
        tags[2] = tags[2].replacingOccurrences(of: #""value":"purchase"}"#, with: #""value":"purchase_v2"}"#)  // GA4: parameter
        tags[1] = tags[1].replacingOccurrences(of: "Meta - Base", with: "Meta - Base Pixel")               // renamed, same id
        tags[0] = tags[0].replacingOccurrences(of: "Meta - Base", with: "Meta - Base Pixel")               // follows the rename
        let variables = [SampleContainer.variables[0], #"{"variableId":"33","name":"DLV - currency","type":"v","parameter":[{"type":"TEMPLATE","key":"name","value":"ecommerce.currency"}]}"#]
        let after = try SampleContainer.container(tags: tags, variables: variables)
        let plan = plan(after, workspace: workspace)
        #expect(summary(plan) == [
            "create variable DLV - currency",
            "update tag Meta - Base Pixel", "update tag Meta - Purchase", "update tag GA4 - purchase",
            "delete variable Const - GA4 ID",
        ], "\(plan.text)")
        let renamed = try #require(plan.changes.first { $0.name == "Meta - Base Pixel" })
        #expect(renamed.previousName == "Meta - Base")
        #expect(renamed.workspaceId == "51")
        #expect(renamed.reason == "renamed from \"Meta - Base\"")
        #expect(plan.changes.first { $0.name == "Meta - Purchase" }?.reason == "changed: setupTag")
        #expect(plan.changes.first { $0.name == "GA4 - purchase" }?.reason == "changed: parameter")
        #expect(plan.changes.first { $0.name == "GA4 - purchase" }?.fingerprint == "1700000000000")
        #expect(plan.unchangedCount == 8)
        #expect(plan.text.contains(#"~ update tag "Meta - Base Pixel" (workspace id 51): renamed from "Meta - Base""#))
        #expect(plan.text.contains(#"- delete variable "Const - GA4 ID" (workspace id 31): not in the container"#))
        #expect(plan.text.contains("1 to create, 3 to update, 1 to delete, 8 unchanged"))
        let json = plan.json
        #expect(json["summary"]?["update"] == 3)
        #expect(json["changes"]?.arrayValue?.first?["action"] == "create")
    }

    @Test func namesMatchBeforeIdsSoEntitiesADeployCreatedAreFound() throws {
        // After a deploy into an empty workspace the API's ids differ from the export's, and some
        // collide with other entities' export ids: matching by name keeps the redeploy a no-op.
        let export = try SampleContainer.container()
        var workspace = SimulatedWorkspace.entities(of: export, idOffset: 0)
        // Swap the two custom-event triggers' ids in the workspace (and the references to them).
        let swapped = Dictionary(uniqueKeysWithValues: [("40", "41"), ("41", "40")])
        workspace[.trigger] = workspace[.trigger]?.map { trigger in
            var trigger = trigger
            if let id = trigger["triggerId"]?.stringValue, let other = swapped[id] { trigger["triggerId"] = .string(other) }
            return trigger
        }
        let plan = plan(export, workspace: workspace)
        // Tags now point at the "wrong" ids in the workspace: the references differ, nothing else.
        #expect(summary(plan).allSatisfy { $0.hasPrefix("update tag") || $0.hasPrefix("update trigger") }, "\(plan.text)")
        #expect(plan.count(of: .create) == 0 && plan.count(of: .delete) == 0)
        #expect(plan.matchedIDs[.trigger, "40"] == "41")
    }

    @Test func deletionsRunInReverseDependencyOrderAfterEveryWrite() throws {
        let export = try SampleContainer.container()
        let workspace = SimulatedWorkspace.entities(of: export, idOffset: 0)
        let empty = try SampleContainer.container(tags: [], triggers: [], variables: [], folders: [], builtIns: [], templates: [])
        let plan = plan(empty, workspace: workspace)
        #expect(summary(plan) == [
            // A tag before the setup tag it names; the group before its members; then variables, templates, folders.
            "delete tag GA4 - purchase", "delete tag Meta - Purchase", "delete tag Meta - Base",
            "delete trigger TG - funnel", "delete trigger CE - add_to_cart", "delete trigger CE - purchase",
            "delete builtInVariable Event", "delete builtInVariable Page URL",
            "delete variable Const - GA4 ID", "delete variable DLV - value", "delete template Meta Pixel", "delete folder Analytics",
        ], "\(plan.text)")
    }

    @Test func anIdMatchNeedsTheSameTypeAndAnUnclaimedName() throws {
        let export = try SampleContainer.container()
        var workspace = SimulatedWorkspace.entities(of: export, idOffset: 0)
        // Workspace tag 52 is now some other tag of another type: the export's GA4 tag (id 52,
        // renamed) must not take it over.
        workspace[.tag] = workspace[.tag]?.map { tag in
            var tag = tag
            if tag["tagId"] == "52" { tag["name"] = "Old HTML"; tag["type"] = "html" }
            return tag
        }
        let plan = plan(export, workspace: workspace)
        #expect(summary(plan) == ["create tag GA4 - purchase", "delete tag Old HTML"], "\(plan.text)")
    }

    @Test func dependencyOrderBreaksCyclesAndKeepsOrderOtherwise() {
        let items = ["a", "b", "c", "d"]
        let deps: [String: [String]] = ["a": ["c"], "c": ["a"], "b": []]
        #expect(DeployPlanner.dependencyOrder(items, key: { $0 }, dependencies: { deps[$0] ?? [] }) == ["b", "d", "a", "c"])
    }
}
