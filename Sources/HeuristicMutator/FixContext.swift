import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// What the fixers read in one round: the request, plus lookups derived from its analysis.
///
/// Each lookup is computed on first use and kept for the round, so a round pays only for what
/// the fixers it consults need, and nothing re-analyses the container (the request carries the
/// analysis and the report).
final class FixContext {
    let request: MutationRequest
    let analysis: ContainerAnalysis
    let container: Container
    let naming: NamingConvention

    init(request: MutationRequest, naming: NamingConvention) {
        self.request = request
        analysis = request.analysis
        container = request.analysis.container
        self.naming = naming
    }

    var graph: ReferenceGraph { analysis.graph }
    var maxEntities: Int { request.maxEntities }

    /// Index into `container.variables` by variable id.
    private(set) lazy var variableIndexById: [String: Int] = {
        var map: [String: Int] = [:]
        for (i, v) in container.variables.enumerated() where map[v.id] == nil { map[v.id] = i }
        return map
    }()

    /// The distinct `{{names}}` each entity references.
    private(set) lazy var namesUsedBy: [EntityReference: [String]] = {
        var map: [EntityReference: [String]] = [:]
        for use in graph.variableUses { map[use.entity] = use.names }
        return map
    }()

    /// Names in use per kind, for unique new names.
    private(set) lazy var names = NameBook(container)
    /// How many live tags send each measured pair.
    private(set) lazy var ledger = PairLedger(analysis)
    /// Folders by what they hold.
    private(set) lazy var folders = FolderDirectory(analysis)
    /// Judges names with the scorer's own naming rules.
    private(set) lazy var judge = NameJudge(naming: naming)
    /// Variables that feed each event field.
    lazy var valueSources = ValueSources(self)

    func tag(id: String) -> (index: Int, tag: Tag)? {
        graph.tagIndexById[id].map { ($0, container.tags[$0]) }
    }

    func trigger(id: String) -> (index: Int, trigger: Trigger)? {
        graph.triggerIndexById[id].map { ($0, container.triggers[$0]) }
    }

    func variable(id: String) -> (index: Int, variable: Variable)? {
        variableIndexById[id].map { ($0, container.variables[$0]) }
    }

    func variable(named name: String) -> Variable? {
        graph.variableIndexByName[name].map { container.variables[$0] }
    }

    /// The raw JSON of the entity a reference names (tags, triggers, variables, clients, transformations, zones).
    func raw(of entity: EntityReference) -> JSONObject? {
        switch entity.kind {
        case .tag: tag(id: entity.id)?.tag.raw
        case .trigger: trigger(id: entity.id)?.trigger.raw
        case .variable: variable(id: entity.id)?.variable.raw
        case .folder: graph.folderIndexById[entity.id].map { container.folders[$0].raw }
        case .client: container.clients.first { $0.id == entity.id }?.raw
        case .transformation: container.transformations.first { $0.id == entity.id }?.raw
        case .zone: container.zones.first { $0.id == entity.id }?.raw
        case .template, .container: nil
        }
    }

    /// Whether every entity `patch` edits can be addressed: ``EntityPatch`` finds an entity by its
    /// id, a JSON string or (in a few hand-edited exports) a number; an entry without one cannot be.
    func canAddress(_ patch: JSONPatch) -> Bool {
        for operation in patch.operations {
            let pointers: [JSONPointer] = switch operation {
            case .add(let p, _), .remove(let p), .replace(let p, _), .test(let p, _): [p]
            case .move(let f, let p), .copy(let f, let p): [f, p]
            }
            for pointer in pointers where pointer.tokens.count >= 2 && pointer.tokens[1] != "-" {
                let id = pointer.tokens[1]
                let raw: JSONObject? = switch EntityCollection(rawValue: pointer.tokens[0]) {
                case .tag?: tag(id: id)?.tag.raw
                case .trigger?: trigger(id: id)?.trigger.raw
                case .variable?: variable(id: id)?.variable.raw
                case .folder?: graph.folderIndexById[id].map { container.folders[$0].raw }
                default: nil
                }
                if let raw, let collection = EntityCollection(rawValue: pointer.tokens[0]),
                   raw[collection.idKey]?.stringValue == nil, raw[collection.idKey]?.numberValue == nil { return false }
            }
        }
        return true
    }

    /// Whether removing or renaming the tag would break a setup/teardown or `TAG_REFERENCE` by name.
    func isTagNameReferenced(_ tag: Tag) -> Bool {
        graph.sequencedTagNames.contains(tag.name) || graph.tagReferenceNames.contains(tag.name)
    }
}

extension EntityKind {
    /// The patch collection of entities of this kind, where a patch can address them.
    var collection: EntityCollection? {
        switch self {
        case .tag: .tag
        case .trigger: .trigger
        case .variable: .variable
        case .folder: .folder
        case .client: .client
        case .transformation: .transformation
        case .zone: .zone
        case .template, .container: nil
        }
    }
}

extension FixContext {
    /// Where a new entity should live: only in containers that use folders (a first folder would
    /// make every other entity "unfoldered"), and a new folder only when `room` allows one more entity.
    func placementForNewEntity(_ pick: FolderDirectory.Pick, label: String, room: Int) -> Placement? {
        guard !container.folders.isEmpty else { return nil }
        if case .new = pick, room < 1 { return nil }
        return Placement.make(pick, label: label, in: self)
    }
}
