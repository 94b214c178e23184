/// Who references whom inside a container: triggers → tags, `{{Variable}}` uses, trigger groups,
/// tag sequencing, folder membership and template use. Built once per container, O(size).
public struct ReferenceGraph: Sendable {
    /// Index into `container.tags` of the first tag with each id / name.
    public let tagIndexById: [String: Int]
    public let tagIndexByName: [String: Int]
    public let triggerIndexById: [String: Int]
    public let variableIndexByName: [String: Int]
    public let folderIndexById: [String: Int]

    /// Tags (indices) that fire on / are blocked by each trigger id.
    public let tagsFiredBy: [String: [Int]]
    public let tagsBlockedBy: [String: [Int]]
    /// Trigger groups (indices) that contain each trigger id.
    public let groupsContaining: [String: [Int]]
    /// Tag names named by some tag's `setupTag` / `teardownTag`.
    public let sequencedTagNames: Set<String>
    /// Tag names named by `TAG_REFERENCE` parameters (old GA4 `measurementId`, transformations).
    public let tagReferenceNames: Set<String>

    /// Every name that resolves as `{{Name}}`: user variables, enabled built-ins, `_event`.
    public let definedVariableNames: Set<String>
    /// Distinct `{{names}}` each entity references, in first-seen order.
    public let variableUses: [(entity: EntityReference, names: [String])]
    /// For each referenced name, the entities that reference it.
    public let referrers: [String: [EntityReference]]

    /// Entities inside each folder id.
    public let folderMembers: [String: [EntityReference]]
    /// Index into `container.templates` for each `cvt_…` type code.
    public let templateIndexByType: [String: Int]
    /// Entities whose type is each template (by template index).
    public let templateUsers: [Int: [EntityReference]]

    public init(_ container: Container) {
        func firstIndex<T>(_ items: [T], _ key: (T) -> String) -> [String: Int] {
            var map: [String: Int] = [:]
            map.reserveCapacity(items.count)
            for (i, item) in items.enumerated() where map[key(item)] == nil { map[key(item)] = i }
            return map
        }
        tagIndexById = firstIndex(container.tags, \.id)
        tagIndexByName = firstIndex(container.tags, \.name)
        triggerIndexById = firstIndex(container.triggers, \.id)
        variableIndexByName = firstIndex(container.variables, \.name)
        folderIndexById = firstIndex(container.folders, \.id)

        var fired: [String: [Int]] = [:], blocked: [String: [Int]] = [:]
        var sequenced = Set<String>(), tagRefs = Set<String>()
        for (i, tag) in container.tags.enumerated() {
            for id in tag.firingTriggerIds { fired[id, default: []].append(i) }
            for id in tag.blockingTriggerIds { blocked[id, default: []].append(i) }
            for s in tag.setupTags { sequenced.insert(s.tagName) }
            for s in tag.teardownTags { sequenced.insert(s.tagName) }
            var names: [String] = []
            for p in tag.parameters { collectTagReferences(p, into: &names) }
            tagRefs.formUnion(names)
        }
        for t in container.transformations { tagRefs.formUnion(t.affectedTagNames) }
        tagsFiredBy = fired
        tagsBlockedBy = blocked
        sequencedTagNames = sequenced
        tagReferenceNames = tagRefs

        var groups: [String: [Int]] = [:]
        for (i, trigger) in container.triggers.enumerated() {
            for member in trigger.groupMemberIds { groups[member, default: []].append(i) }
        }
        groupsContaining = groups

        var defined = Set(container.variables.map(\.name))
        defined.formUnion(container.builtInVariables.map(\.name))
        defined.insert(VariableReferences.eventName)
        definedVariableNames = defined

        var uses: [(entity: EntityReference, names: [String])] = []
        var referrers: [String: [EntityReference]] = [:]
        var members: [String: [EntityReference]] = [:]
        func record(_ entity: some ContainerEntity, folder: String?, names known: [String]? = nil) {
            let names = known ?? VariableReferences.names(inEntity: entity.raw)
            let ref = entity.reference
            if !names.isEmpty {
                uses.append((ref, names))
                for name in names { referrers[name, default: []].append(ref) }
            }
            if let folder { members[folder, default: []].append(ref) }
        }
        for e in container.tags { record(e, folder: e.parentFolderId, names: e.variableReferenceNames) }
        for e in container.triggers { record(e, folder: e.parentFolderId, names: e.variableReferenceNames) }
        for e in container.variables { record(e, folder: e.parentFolderId, names: e.variableReferenceNames) }
        for e in container.clients { record(e, folder: e.parentFolderId) }
        for e in container.transformations { record(e, folder: e.parentFolderId) }
        for e in container.zones { record(e, folder: nil) }
        variableUses = uses
        self.referrers = referrers
        folderMembers = members

        var byType: [String: Int] = [:]
        for (i, template) in container.templates.enumerated() {
            for code in template.typeCodes(containerId: container.containerId) where byType[code] == nil { byType[code] = i }
        }
        templateIndexByType = byType
        var users: [Int: [EntityReference]] = [:]
        func use(_ type: String, _ ref: EntityReference) {
            guard type.hasPrefix("cvt_") else { return }
            let index = byType[type] ?? ReferenceGraph.templateIndex(forType: type, in: container)
            if let index { users[index, default: []].append(ref) }
        }
        for e in container.tags { use(e.type, e.reference) }
        for e in container.variables { use(e.type, e.reference) }
        for e in container.clients { use(e.type, e.reference) }
        templateUsers = users
    }

    /// Index into `container.templates` of the template behind a `cvt_…` type.
    public func templateIndex(forType type: String, in container: Container) -> Int? {
        guard type.hasPrefix("cvt_") else { return nil }
        return templateIndexByType[type] ?? ReferenceGraph.templateIndex(forType: type, in: container)
    }

    /// A `cvt_<containerId>_<templateId>` type whose container id differs from this export's
    /// (templates copied between containers): match on the template id alone.
    private static func templateIndex(forType type: String, in container: Container) -> Int? {
        guard let templateId = type.split(separator: "_").last.map(String.init) else { return nil }
        return container.templates.firstIndex { $0.id == templateId }
    }

    /// Whether a trigger id is referenced by any tag (firing or blocking) or trigger group.
    public func isTriggerUsed(_ id: String) -> Bool {
        tagsFiredBy[id] != nil || tagsBlockedBy[id] != nil || groupsContaining[id] != nil
    }

    /// The template behind a `cvt_…` type, if the export carries it.
    public func template(forType type: String, in container: Container) -> CustomTemplate? {
        guard type.hasPrefix("cvt_") else { return nil }
        guard let index = templateIndexByType[type] ?? ReferenceGraph.templateIndex(forType: type, in: container) else { return nil }
        return container.templates[index]
    }
}
