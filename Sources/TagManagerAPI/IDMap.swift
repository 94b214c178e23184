import LosslessJSON

/// Export ids → workspace ids, per kind, and how references inside an entity follow them.
///
/// The API assigns ids on create, and a workspace's ids may differ from the export's for
/// entities an earlier deploy created, so every reference is rewritten before sending:
/// `parentFolderId`; `firingTriggerId`, `blockingTriggerId` (and the mobile
/// `enablingTriggerId`/`disablingTriggerId`); `triggerReference` parameter values at any depth
/// (trigger groups); and `cvt_<containerId>_<templateId>` type codes, which name the container
/// and the template. Ids that are not the export's own entities (GTM's built-in trigger ids such
/// as `2147479553`, templates a partial export leaves out) are kept as they are. Setup and
/// teardown tags and `tagReference` parameters name tags by *name*, so they need no remapping;
/// the deploy orders tags so that a named tag exists first.
struct IDMap: Sendable {
    /// Per kind: export id → workspace id (or, while planning, a placeholder for an entity the
    /// deploy has yet to create).
    var ids: [WorkspaceEntityKind: [String: String]] = [:]
    /// The container the export came from, and the one being deployed to.
    var exportContainerId: String
    var targetContainerId: String

    static let triggerListFields = ["firingTriggerId", "blockingTriggerId", "enablingTriggerId", "disablingTriggerId"]

    subscript(kind: WorkspaceEntityKind, exportId: String) -> String? {
        get { ids[kind]?[exportId] }
        set { ids[kind, default: [:]][exportId] = newValue }
    }

    /// `body` (an export entity in API casing) with its references pointing at workspace ids.
    func remapped(_ body: JSONObject, kind: WorkspaceEntityKind) -> JSONObject {
        var result = body
        for index in result.members.indices {
            let key = result.members[index].key
            let value = result.members[index].value
            switch key {
            case "parentFolderId":
                result.members[index].value = mapped(value, in: .folder)
            case _ where IDMap.triggerListFields.contains(key):
                if case .array(let items) = value { result.members[index].value = .array(items.map { mapped($0, in: .trigger) }) }
            case "type" where kind.mayUseTemplateType:
                if let type = value.stringValue { result.members[index].value = .string(templateType(type)) }
            default:
                result.members[index].value = remappedReferences(in: value)
            }
        }
        return result
    }

    /// The id a reference should carry: the workspace's for an export entity, else unchanged.
    private func mapped(_ value: JSONValue, in kind: WorkspaceEntityKind) -> JSONValue {
        guard let id = value.identifierText, let target = ids[kind]?[id] else { return value }
        return .string(target)
    }

    /// `cvt_<exportContainer>_<templateId>` → `cvt_<targetContainer>_<workspaceTemplateId>`.
    /// Gallery codes (`cvt_KFNBV`) and templates from other containers are kept.
    func templateType(_ type: String) -> String {
        let parts = type.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "cvt", parts[1] == exportContainerId,
              let templateId = ids[.template]?[String(parts[2])]
        else { return type }
        return "cvt_\(targetContainerId)_\(templateId)"
    }

    /// `triggerReference` parameter values at any depth, remapped.
    private func remappedReferences(in value: JSONValue) -> JSONValue {
        switch value {
        case .object(var object):
            let isTriggerReference = object["type"]?.stringValue == "triggerReference"
            for index in object.members.indices {
                if isTriggerReference, object.members[index].key == "value" {
                    object.members[index].value = mapped(object.members[index].value, in: .trigger)
                } else {
                    object.members[index].value = remappedReferences(in: object.members[index].value)
                }
            }
            return .object(object)
        case .array(let items):
            return .array(items.map(remappedReferences))
        case .null, .bool, .number, .string:
            return value
        }
    }
}
