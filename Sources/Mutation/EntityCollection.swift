public import GTMModel

/// The entity arrays of `containerVersion` that a patch may address, with the member that
/// identifies an entry. A patch path starts `/<collection>/<id>`: `/tag/12/name`.
public enum EntityCollection: String, Sendable, Hashable, CaseIterable, Comparable {
    case tag, trigger, variable, folder, builtInVariable, customTemplate, client, transformation, zone

    /// The member holding an entry's id. Built-in variables are identified by their type.
    public var idKey: String {
        switch self {
        case .tag: "tagId"
        case .trigger: "triggerId"
        case .variable: "variableId"
        case .folder: "folderId"
        case .builtInVariable: "type"
        case .customTemplate: "templateId"
        case .client: "clientId"
        case .transformation: "transformationId"
        case .zone: "zoneId"
        }
    }

    /// Whether the code numbers new entries (all but built-ins, which are named by type).
    public var assignsIds: Bool { self != .builtInVariable }

    /// The finding/report kind of an entry.
    public var kind: EntityKind {
        switch self {
        case .tag: .tag
        case .trigger: .trigger
        case .variable, .builtInVariable: .variable
        case .folder: .folder
        case .customTemplate: .template
        case .client: .client
        case .transformation: .transformation
        case .zone: .zone
        }
    }

    private var order: Int { EntityCollection.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: EntityCollection, b: EntityCollection) -> Bool { a.order < b.order }
}

/// One entity a patch touches: its collection and id.
public struct EntityKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var collection: EntityCollection
    public var id: String

    public init(_ collection: EntityCollection, _ id: String) {
        self.collection = collection
        self.id = id
    }

    public var description: String { "\(collection.rawValue) \(id)" }

    public static func < (a: EntityKey, b: EntityKey) -> Bool {
        if a.collection != b.collection { return a.collection < b.collection }
        if let x = Int(a.id), let y = Int(b.id), x != y { return x < y }
        return a.id < b.id
    }
}
