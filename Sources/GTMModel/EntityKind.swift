public import LosslessJSON

/// The kinds of entity a finding can be about; raw values are the JSON report's `kind` strings.
public enum EntityKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case tag, trigger, variable, folder, client, transformation, zone, template, container

    /// Report order: the order of `allCases`.
    private var order: Int {
        switch self {
        case .tag: 0
        case .trigger: 1
        case .variable: 2
        case .folder: 3
        case .client: 4
        case .transformation: 5
        case .zone: 6
        case .template: 7
        case .container: 8
        }
    }

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool { lhs.order < rhs.order }
}

/// Identifies one entity of a container: its kind, its own id string, and its name.
public struct EntityReference: Sendable, Hashable, Comparable {
    public var kind: EntityKind
    public var id: String
    public var name: String

    public init(kind: EntityKind, id: String, name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }

    /// Orders by kind, then numerically by id where both are numbers, then by name.
    public static func < (lhs: EntityReference, rhs: EntityReference) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        if lhs.id != rhs.id {
            if let a = Int(lhs.id), let b = Int(rhs.id) { return a < b }
            return lhs.id < rhs.id
        }
        return lhs.name < rhs.name
    }
}

/// What every container entity offers: identity, its place in the document, and its raw JSON.
public protocol ContainerEntity: Sendable {
    static var kind: EntityKind { get }
    var id: String { get }
    var name: String { get }
    /// The entity exactly as exported, unknown fields included.
    var raw: JSONObject { get }
    /// Where the entity sits in the export document.
    var path: JSONPath { get set }
}

extension ContainerEntity {
    /// This entity as a finding's subject.
    public var reference: EntityReference { EntityReference(kind: Self.kind, id: id, name: name) }
}
