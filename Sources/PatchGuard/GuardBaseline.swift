public import GTMModel
import LosslessJSON
public import PreviewSimulator

/// What the guard compares a candidate with, computed once per parent container: the parent's
/// own flaws are tolerated, only new ones are rejected.
///
/// Coverage has two sources. The static pairs (``measuredPairs``) are what live tags send by
/// their types, parameters and firing triggers. The preview pairs are what fired tags send while
/// the preview simulator runs the parent through each of ``scenarios`` (SPEC §2.4, §7). When the
/// simulator judges the container (a web container and at least one scenario), a candidate must
/// keep every scenario's fired pairs and the static pairs naming an event; the open-ended
/// `(destination, *)` pairs are left to the scenarios. Otherwise (a server container, no
/// scenarios) the static pairs are the whole check.
public struct GuardBaseline: Sendable {
    public let analysis: ContainerAnalysis
    public let measuredPairs: Set<MeasuredPair>
    /// The scenarios the coverage check runs candidates through (empty: static check only).
    public let scenarios: [Scenario]
    /// The parent's simulation, one result per scenario in order; nil when the simulator does not
    /// judge this container (a server container, no scenarios, or the parent's run failed).
    public let preview: [SimulationResult]?
    /// Parallel to `preview`: the pairs fired in each scenario.
    let firedPairs: [Set<MeasuredPair>]
    let dangling: Set<DanglingReference>
    let unresolved: Set<String>
    let duplicateIds: Int
    let duplicateNames: Int
    let foreignEntities: Int

    /// A baseline with the static coverage check only (no scenarios).
    public init(_ analysis: ContainerAnalysis) {
        self.init(analysis, scenarios: [])
    }

    /// A baseline whose coverage check runs candidates through `scenarios`.
    ///
    /// - Parameter preview: the parent's results over `scenarios` when the caller already has
    ///   them (a kept candidate's, from its ``GuardedCandidate/preview``); nil simulates the parent.
    public init(_ analysis: ContainerAnalysis, scenarios: [Scenario], preview: [SimulationResult]? = nil) {
        self.analysis = analysis
        measuredPairs = analysis.measuredPairs
        self.scenarios = scenarios
        // Given results count only when they are one per scenario, in order; else simulate.
        let given = preview.flatMap { $0.map(\.scenario) == scenarios.map(\.name) ? $0 : nil }
        let results = scenarios.isEmpty ? nil : given ?? GuardBaseline.simulate(analysis, over: scenarios)
        self.preview = results
        firedPairs = (results ?? []).map { PreviewCoverage.firedPairs(in: [$0]) }
        dangling = DanglingReference.all(in: analysis)
        unresolved = UnresolvedVariables.names(in: analysis)
        duplicateIds = Duplicates.ids(in: analysis.container)
        duplicateNames = Duplicates.names(in: analysis.container)
        foreignEntities = Identity.foreignEntities(in: analysis.container)
    }

    /// Whether the preview simulator judges coverage (else the static pairs alone do).
    public var isSimulated: Bool { preview != nil }

    /// The parent's run, or nil when the simulator cannot judge it: a server container, or a
    /// scenario that does not run (loaded scenarios are checked, so this does not happen in a run).
    private static func simulate(_ analysis: ContainerAnalysis, over scenarios: [Scenario]) -> [SimulationResult]? {
        guard ContainerSimulator.supports(analysis.container),
              let simulator = try? ContainerSimulator(analysis: analysis),
              let results = try? simulator.run(scenarios)
        else { return nil }
        return results
    }
}

/// One reference to an entity that does not exist.
struct DanglingReference: Sendable, Hashable, CustomStringConvertible {
    var from: EntityReference
    var field: String
    var target: String

    var description: String { "\(from.kind.rawValue) \(from.id) \"\(from.name)\" \(field) \(target)" }

    // Identity leaves the name out: renaming an entity does not make its old flaw new.
    static func == (a: DanglingReference, b: DanglingReference) -> Bool {
        a.from.kind == b.from.kind && a.from.id == b.from.id && a.field == b.field && a.target == b.target
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(from.kind)
        hasher.combine(from.id)
        hasher.combine(field)
        hasher.combine(target)
    }

    static func all(in analysis: ContainerAnalysis) -> Set<DanglingReference> {
        let container = analysis.container
        let graph = analysis.graph
        var result = Set<DanglingReference>()
        func trigger(_ id: String) -> Bool { graph.triggerIndexById[id] != nil || BuiltInTrigger.isBuiltIn(id) }
        func folder(_ id: String?) -> Bool { id.map { graph.folderIndexById[$0] != nil } ?? true }
        for tag in container.tags {
            for id in tag.firingTriggerIds where !trigger(id) { result.insert(.init(from: tag.reference, field: "firingTriggerId", target: id)) }
            for id in tag.blockingTriggerIds where !trigger(id) { result.insert(.init(from: tag.reference, field: "blockingTriggerId", target: id)) }
            if !folder(tag.parentFolderId) { result.insert(.init(from: tag.reference, field: "parentFolderId", target: tag.parentFolderId ?? "")) }
            for s in tag.setupTags + tag.teardownTags where graph.tagIndexByName[s.tagName] == nil {
                result.insert(.init(from: tag.reference, field: "setupTag/teardownTag", target: s.tagName))
            }
        }
        for t in container.triggers {
            for id in t.groupMemberIds where !trigger(id) { result.insert(.init(from: t.reference, field: "triggerIds", target: id)) }
            if !folder(t.parentFolderId) { result.insert(.init(from: t.reference, field: "parentFolderId", target: t.parentFolderId ?? "")) }
        }
        for v in container.variables where !folder(v.parentFolderId) {
            result.insert(.init(from: v.reference, field: "parentFolderId", target: v.parentFolderId ?? ""))
        }
        for name in graph.tagReferenceNames where graph.tagIndexByName[name] == nil {
            result.insert(.init(from: EntityReference(kind: .container, id: "", name: ""), field: "TAG_REFERENCE", target: name))
        }
        return result
    }
}

/// `{{Name}}` references that resolve to no variable, built-in or user-defined.
enum UnresolvedVariables {
    static func names(in analysis: ContainerAnalysis) -> Set<String> {
        let graph = analysis.graph
        return Set(graph.referrers.keys.filter { !graph.definedVariableNames.contains($0) })
    }
}

/// Counts of entries that repeat an id or a name within their kind.
enum Duplicates {
    static func ids(in c: Container) -> Int {
        repeats(c.tags.map(\.id)) + repeats(c.triggers.map(\.id)) + repeats(c.variables.map(\.id)) + repeats(c.folders.map(\.id))
            + repeats(c.templates.map(\.id)) + repeats(c.clients.map(\.id)) + repeats(c.transformations.map(\.id)) + repeats(c.zones.map(\.id))
    }

    static func names(in c: Container) -> Int {
        repeats(c.tags.map(\.name)) + repeats(c.triggers.map(\.name)) + repeats(c.variables.map(\.name))
    }

    private static func repeats(_ keys: [String]) -> Int { keys.count - Set(keys).count }
}

/// Entities whose own `accountId`/`containerId` differ from the container's.
enum Identity {
    static func foreignEntities(in c: Container) -> Int {
        func foreign(_ raw: JSONObject) -> Bool {
            if let a = raw["accountId"]?.stringValue, a != c.accountId { return true }
            if let id = raw["containerId"]?.stringValue, id != c.containerId { return true }
            return false
        }
        return c.tags.count { foreign($0.raw) } + c.triggers.count { foreign($0.raw) } + c.variables.count { foreign($0.raw) }
            + c.folders.count { foreign($0.raw) }
    }
}
