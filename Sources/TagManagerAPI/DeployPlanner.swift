import LosslessJSON

/// Computes a ``DeployPlan``: which workspace entity each export entity becomes, and what must
/// be created, updated and deleted for the workspace to equal the export.
///
/// **Matching**, per kind: first by name (GTM names are unique per kind and survive a deploy,
/// while ids do not: an entity a deploy created got a new id from the API); then, for export
/// entities whose name is not in the workspace, by id when the workspace entity with that id is
/// unclaimed and of the same type (the workspace was forked from the container the export came
/// from, and the loop may rename an entity); otherwise the entity is created. Workspace entities
/// left over are deleted. Built-in variables match by type. Any matching leads to the same end
/// state, since an update replaces the whole entity; this one keeps a redeploy a no-op and a
/// rename an update.
///
/// **Comparing**: the export entity, ids remapped to the workspace's, against the workspace
/// entity, both without the fields the API adds (path, fingerprint, ids, workspace/account/
/// container ids, tagManagerUrl), enums in API casing, empty arrays and objects dropped. Equal
/// means unchanged, so deploying the same container twice plans nothing the second time.
struct DeployPlanner {
    /// The container the export came from (`cvt_<id>_…` types name it).
    var exportContainerId: String
    var target: ContainerPath

    func plan(export: EntitySet, workspace: EntitySet, workspacePath: String?, warnings: [String]) -> DeployPlan {
        var matched = IDMap(exportContainerId: exportContainerId, targetContainerId: target.containerId)
        var planning = matched
        var matches: [WorkspaceEntityKind: Matching] = [:]
        for kind in WorkspaceEntityKind.creationOrder {
            let matching = Matching(kind: kind, export: export[kind], workspace: workspace[kind])
            for (e, w) in matching.pairs { matched[kind, export[kind][e].id] = workspace[kind][w].id }
            matches[kind] = matching
        }
        planning.ids = matched.ids
        for kind in WorkspaceEntityKind.creationOrder {
            for e in matches[kind]?.newExports ?? [] { planning[kind, export[kind][e].id] = "(new \(kind.rawValue) \(export[kind][e].id))" }
        }

        var writes: [WorkspaceEntityKind: [DeployPlan.Change]] = [:]
        var deletes: [WorkspaceEntityKind: [DeployPlan.Change]] = [:]
        var unchanged = 0
        for kind in WorkspaceEntityKind.creationOrder {
            guard let matching = matches[kind] else { continue }
            var kindWrites: [DeployPlan.Change] = []
            for (e, w) in matching.pairs {
                let source = export[kind][e], current = workspace[kind][w]
                let fields = kind == .builtInVariable
                    ? [] : EntityBody.differingFields(desired: planning.remapped(source.body, kind: kind), current: current.body)
                if fields.isEmpty {
                    unchanged += 1
                    continue
                }
                let renamed = source.name != current.name
                var reasons: [String] = renamed ? ["renamed from \"\(current.name)\""] : []
                let others = fields.filter { $0 != "name" }
                if !others.isEmpty { reasons.append("changed: " + others.joined(separator: ", ")) }
                kindWrites.append(DeployPlan.Change(kind: kind, action: .update, name: source.name, previousName: renamed ? current.name : nil,
                                                    exportId: source.id, workspaceId: current.id, reason: reasons.joined(separator: "; "),
                                                    source: source.body, fingerprint: current.fingerprint))
            }
            for e in matching.newExports {
                let source = export[kind][e]
                kindWrites.append(DeployPlan.Change(kind: kind, action: .create, name: source.name, exportId: kind == .builtInVariable ? nil : source.id,
                                                    workspaceId: nil, reason: "not in the workspace", source: source.body))
            }
            writes[kind] = DeployPlanner.dependencyOrder(kindWrites, key: { $0.exportId ?? "" }) {
                DeployPlanner.dependencies(of: $0.source, kind: kind, names: DeployPlanner.idsByName(export[kind]))
            }
            let orphans = matching.orphans.map { w in
                let current = workspace[kind][w]
                return DeployPlan.Change(kind: kind, action: .delete, name: current.name, workspaceId: current.id,
                                         reason: "not in the container", source: current.body)
            }
            // Dependents go first: a trigger group before its members, a tag before its setup tag.
            deletes[kind] = DeployPlanner.dependencyOrder(orphans, key: { $0.workspaceId ?? "" }) {
                DeployPlanner.dependencies(of: $0.source, kind: kind, names: DeployPlanner.idsByName(workspace[kind]))
            }.reversed().map { $0 }
        }

        var changes: [DeployPlan.Change] = []
        for kind in WorkspaceEntityKind.creationOrder { changes += writes[kind] ?? [] }
        for kind in WorkspaceEntityKind.creationOrder.reversed() {
            changes += (deletes[kind] ?? []).map { change in
                var change = change
                change.source = nil
                return change
            }
        }
        return DeployPlan(container: target, workspacePath: workspacePath, changes: changes, unchangedCount: unchanged,
                          warnings: warnings, matchedIDs: matched)
    }

    // MARK: - Matching

    /// Which export entity becomes which workspace entity, for one kind.
    struct Matching {
        /// (export index, workspace index), in export order.
        var pairs: [(Int, Int)] = []
        /// Export entities with no workspace partner: created.
        var newExports: [Int] = []
        /// Workspace entities with no export partner: deleted.
        var orphans: [Int] = []

        init(kind: WorkspaceEntityKind, export: [EntityRecord], workspace: [EntityRecord]) {
            var claimed = [Bool](repeating: false, count: workspace.count)
            var partner = [Int?](repeating: nil, count: export.count)
            var byName: [String: Int] = [:], byID: [String: Int] = [:]
            for (index, entity) in workspace.enumerated() {
                if byName[entity.name] == nil { byName[entity.name] = index }
                if byID[entity.id] == nil { byID[entity.id] = index }
            }
            if kind == .builtInVariable {
                for (e, entity) in export.enumerated() {
                    if let w = byID[entity.id], !claimed[w] { claimed[w] = true; partner[e] = w }
                }
            } else {
                for (e, entity) in export.enumerated() {
                    if let w = byName[entity.name], !claimed[w] { claimed[w] = true; partner[e] = w }
                }
                let exportNames = Set(export.map(\.name))
                for (e, entity) in export.enumerated() where partner[e] == nil {
                    guard let w = byID[entity.id], !claimed[w], !exportNames.contains(workspace[w].name), workspace[w].type == entity.type
                    else { continue }
                    claimed[w] = true
                    partner[e] = w
                }
            }
            for (e, w) in partner.enumerated() {
                if let w { pairs.append((e, w)) } else { newExports.append(e) }
            }
            orphans = claimed.indices.filter { !claimed[$0] }
        }
    }

    // MARK: - Order within a kind

    /// Ids by name, for resolving setup and teardown tags (which name a tag).
    static func idsByName(_ records: [EntityRecord]) -> [String: String] {
        var result: [String: String] = [:]
        for record in records where result[record.name] == nil { result[record.name] = record.id }
        return result
    }

    /// The ids of same-kind entities `body` needs to exist first: a trigger group's member
    /// triggers, a tag's setup and teardown tags.
    static func dependencies(of body: JSONObject?, kind: WorkspaceEntityKind, names: [String: String]) -> [String] {
        guard let body else { return [] }
        switch kind {
        case .trigger:
            var ids: [String] = []
            collectTriggerReferences(.object(body), into: &ids)
            return ids
        case .tag:
            return ["setupTag", "teardownTag"].flatMap { key in
                (body[key]?.arrayValue ?? []).compactMap { $0["tagName"]?.stringValue.flatMap { names[$0] } }
            }
        default:
            return []
        }
    }

    private static func collectTriggerReferences(_ value: JSONValue, into ids: inout [String]) {
        switch value {
        case .object(let object):
            if object["type"]?.stringValue == "triggerReference", let id = object["value"]?.identifierText { ids.append(id) }
            for member in object.members { collectTriggerReferences(member.value, into: &ids) }
        case .array(let items):
            for item in items { collectTriggerReferences(item, into: &ids) }
        case .null, .bool, .number, .string:
            break
        }
    }

    /// `items` with each after the items it depends on (among `items`), otherwise in the given
    /// order. A cycle is broken at its first item in the given order.
    static func dependencyOrder<T>(_ items: [T], key: (T) -> String, dependencies: (T) -> [String]) -> [T] {
        let keys = Set(items.map(key))
        var pending = items
        var placed = Set<String>()
        var result: [T] = []
        result.reserveCapacity(items.count)
        while !pending.isEmpty {
            let ready = pending.firstIndex { item in
                dependencies(item).allSatisfy { $0 == key(item) || !keys.contains($0) || placed.contains($0) }
            } ?? 0
            let item = pending.remove(at: ready)
            placed.insert(key(item))
            result.append(item)
        }
        return result
    }
}
