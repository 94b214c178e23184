import Foundation
import GTMModel
@testable import TagManagerAPI
import Testing
import TestSupport

/// Every corpus export plans cleanly: into an empty workspace every entity is a create, each
/// create's references point at entities created before it, and a workspace holding the
/// container (under the API's own ids) plans nothing.
struct CorpusPlanTests {
    @Test(.enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)), arguments: Corpus.fileNames)
    func plansAreCompleteOrderedAndIdempotent(_ name: String) throws {
        let export = try ContainerLoader().load(path: try #require(Corpus.url(name)).path)
        // Sanitized and partial exports have placeholder or no ids; a deploy of those needs the override.
        let usable = try? ContainerPath(accountId: export.accountId, containerId: export.containerId)
        let target = try usable ?? ContainerPath(accountId: "1", containerId: "2")
        let planner = DeployPlanner(exportContainerId: export.containerId, target: target)
        var exported = EntitySet(export: export)
        if !export.isServer {
            exported.records[.client] = []
            exported.records[.transformation] = []
        }

        let fresh = planner.plan(export: exported, workspace: EntitySet(), workspacePath: nil, warnings: [])
        let total = exported.records.values.map(\.count).reduce(0, +)
        #expect(fresh.count(of: .create) == total)
        #expect(fresh.changes.map(\.kind) == fresh.changes.map(\.kind).sorted(), "kinds out of dependency order")
        // Within a kind, nothing names a same-kind entity that is created later.
        var created = Set<String>()
        for change in fresh.changes {
            let names = DeployPlanner.idsByName(exported[change.kind])
            let laterDependencies = DeployPlanner.dependencies(of: change.source, kind: change.kind, names: names)
                .filter { dependency in exported[change.kind].contains { $0.id == dependency } && !created.contains("\(change.kind)/\(dependency)") }
            #expect(laterDependencies.filter { $0 != change.exportId }.isEmpty, "\(change.name) needs \(laterDependencies)")
            created.insert("\(change.kind)/\(change.exportId ?? "")")
        }

        var workspace = SimulatedWorkspace.entities(of: export, idOffset: 100_000)
        if !export.isServer {
            workspace[.client] = []
            workspace[.transformation] = []
        }
        let redeploy = planner.plan(export: exported, workspace: EntitySet(workspace), workspacePath: "w", warnings: [])
        #expect(redeploy.isEmpty, "\(redeploy.text)")
        #expect(redeploy.unchangedCount == total)
    }
}
