import GTMModel
import LosslessJSON

/// One entity as the planner compares it: identity, and its body without the API's own fields.
struct EntityRecord: Sendable {
    /// The entity's id on its side (export or workspace); a built-in variable's API type.
    var id: String
    var name: String
    /// The root `type` in API casing, for kinds that have one.
    var type: String?
    /// Stripped and in API casing (``EntityBody/body(of:kind:)``); an export's still carries export ids.
    var body: JSONObject
    /// The workspace's fingerprint (workspace side only).
    var fingerprint: String?

    init(_ raw: JSONObject, kind: WorkspaceEntityKind, fallbackID: String) {
        body = EntityBody.body(of: raw, kind: kind)
        type = body["type"]?.stringValue
        if kind == .builtInVariable {
            id = type ?? fallbackID
        } else {
            id = kind.idField.flatMap { raw[$0]?.identifierText }.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackID
        }
        name = raw["name"]?.stringValue ?? ""
        fingerprint = raw["fingerprint"]?.identifierText
    }
}

/// The entities of one side of a deploy, by kind.
struct EntitySet: Sendable {
    var records: [WorkspaceEntityKind: [EntityRecord]] = [:]

    subscript(kind: WorkspaceEntityKind) -> [EntityRecord] { records[kind] ?? [] }

    /// No entities: a workspace that does not exist yet.
    init() {}

    /// Records from raw entities; entities without an id get a placeholder no reference can name.
    init(_ raw: [WorkspaceEntityKind: [JSONObject]]) {
        for (kind, objects) in raw {
            records[kind] = objects.enumerated().map { EntityRecord($1, kind: kind, fallbackID: "#\(kind.rawValue)-\($0)") }
        }
    }

    /// The entities of a container export. Built-in variables become `{type, name}` (the 2015
    /// format's bare type names included).
    init(export container: Container) {
        var raw: [WorkspaceEntityKind: [JSONObject]] = [
            .folder: container.folders.map(\.raw),
            .template: container.templates.map(\.raw),
            .variable: container.variables.map(\.raw),
            .trigger: container.triggers.map(\.raw),
            .tag: container.tags.map(\.raw),
            .client: container.clients.map(\.raw),
            .transformation: container.transformations.map(\.raw),
        ]
        raw[.builtInVariable] = container.builtInVariables.map {
            JSONObject([.init(key: "type", value: .string($0.type)), .init(key: "name", value: .string($0.name))])
        }
        self.init(raw)
    }
}
