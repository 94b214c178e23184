import LosslessJSON

/// An entity as a deploy sends and compares it: without the fields the API adds or owns.
enum EntityBody {
    /// Fields the API sets itself; never sent, never compared. The entity's own id field
    /// (`tagId`, …) is dropped too (the path carries it).
    static let serverFields: Set<String> = ["accountId", "containerId", "workspaceId", "path", "fingerprint", "tagManagerUrl"]

    /// `entity` without the server's fields and its own id field.
    static func stripped(_ entity: JSONObject, kind: WorkspaceEntityKind) -> JSONObject {
        var result = entity
        result.members.removeAll { serverFields.contains($0.key) || $0.key == kind.idField }
        return result
    }

    /// An export's (or the API's) entity as a request body: stripped, enums in API casing.
    /// Ids still point at the export's entities; ``IDMap/remapped(_:kind:)`` fixes them.
    static func body(of entity: JSONObject, kind: WorkspaceEntityKind) -> JSONObject {
        APICasing.converted(stripped(entity, kind: kind), rootTypeIsEnum: kind.hasEnumRootType)
    }

    /// The form two bodies are compared in: empty arrays, empty objects and `null`s dropped at
    /// any depth (the API leaves out what an export may spell as `[]` or `{}`), object member
    /// order ignored (``JSONValue`` equality), array order kept.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var members: [JSONObject.Member] = []
            for member in object.members {
                let inner = normalized(member.value)
                if !isEmpty(inner) { members.append(JSONObject.Member(key: member.key, value: inner)) }
            }
            return .object(JSONObject(members))
        case .array(let items):
            return .array(items.map(normalized))
        case .null, .bool, .number, .string:
            return value
        }
    }

    private static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .array(let items): items.isEmpty
        case .object(let object): object.members.isEmpty
        case .bool, .number, .string: false
        }
    }

    /// The top-level fields whose normalized values differ, in `desired`'s order then `current`'s.
    static func differingFields(desired: JSONObject, current: JSONObject) -> [String] {
        guard case .object(let a) = normalized(.object(desired)), case .object(let b) = normalized(.object(current)) else { return [] }
        var fields: [String] = []
        for key in a.keys + b.keys where !fields.contains(key) && a[key] != b[key] {
            fields.append(key)
        }
        return fields
    }
}
