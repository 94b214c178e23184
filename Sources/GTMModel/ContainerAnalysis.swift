/// Everything the scorer derives from a container, computed once: the reference graph, what each
/// tag and trigger does, which tags are live, and which (destination, event) pairs are measured.
public struct ContainerAnalysis: Sendable {
    public let container: Container
    public let graph: ReferenceGraph
    /// Parallel to `container.tags`.
    public let tagProfiles: [TagProfile]
    /// Parallel to `container.triggers`.
    public let triggerEvents: [TriggerEvents]
    /// Parallel to `container.tags`: the tag can fire (not paused, not a sunset type, and fired by
    /// an existing trigger or sequenced by a live tag).
    public let isLive: [Bool]
    /// Parallel to `container.tags`: canonical events each tag sends (declared, else its triggers').
    public let tagEvents: [TriggerEvents]

    public init(_ container: Container) {
        self.container = container
        let graph = ReferenceGraph(container)
        self.graph = graph
        let classifier = TagClassifier(container: container, graph: graph)
        let profiles = container.tags.map { classifier.profile(of: $0) }
        tagProfiles = profiles
        let triggerEvents = container.triggers.map { TriggerEvents.of($0, in: container, graph: graph) }
        self.triggerEvents = triggerEvents

        // Liveness: fired by something that exists, then propagate through setup/teardown.
        var live = container.tags.indices.map { i -> Bool in
            let tag = container.tags[i]
            guard !tag.isPaused, profiles[i].role != .deprecated else { return false }
            return tag.firingTriggerIds.contains { BuiltInTrigger.isBuiltIn($0) || graph.triggerIndexById[$0] != nil }
        }
        var changed = true
        while changed {
            changed = false
            for (i, tag) in container.tags.enumerated() where live[i] {
                for sequenced in tag.setupTags + tag.teardownTags {
                    if let j = graph.tagIndexByName[sequenced.tagName], !live[j], !container.tags[j].isPaused, profiles[j].role != .deprecated {
                        live[j] = true
                        changed = true
                    }
                }
            }
        }
        isLive = live

        tagEvents = container.tags.indices.map { i in
            if !profiles[i].declaredEvents.isEmpty { return TriggerEvents(names: profiles[i].declaredEvents, isOpenEnded: false) }
            // Only measurement tags send their trigger's event; a Google tag with page views off,
            // a Conversion Linker or a consent tag sends no event at all.
            guard profiles[i].role == .measurement else { return .none }
            var names: [String] = [], open = false
            for id in container.tags[i].firingTriggerIds {
                let events = graph.triggerIndexById[id].map { triggerEvents[$0] } ?? (BuiltInTrigger.isBuiltIn(id) ? .builtIn(id) : .none)
                for n in events.names where !names.contains(n) { names.append(n) }
                open = open || events.isOpenEnded
            }
            return TriggerEvents(names: names, isOpenEnded: open)
        }
    }

    /// Indices of live tags that send data.
    public var liveSendingTags: [Int] {
        container.tags.indices.filter { isLive[$0] && tagProfiles[$0].sendsData }
    }

    /// The (destination, event) pairs live tags send. Open-ended tags contribute `(destination, "*")`.
    public var measuredPairs: Set<MeasuredPair> {
        var pairs = Set<MeasuredPair>()
        for i in liveSendingTags {
            guard let destination = tagProfiles[i].destination else { continue }
            for name in tagEvents[i].names { pairs.insert(MeasuredPair(destination: destination, event: name)) }
            if tagEvents[i].isOpenEnded { pairs.insert(MeasuredPair(destination: destination, event: "*")) }
        }
        return pairs
    }

    /// The trigger behind an id, or nil for built-in and dangling ids.
    public func trigger(id: String) -> Trigger? {
        graph.triggerIndexById[id].map { container.triggers[$0] }
    }
}

/// One measured (destination, event) pair, e.g. (GA4, purchase).
public struct MeasuredPair: Sendable, Hashable, Comparable {
    public var destination: Destination
    public var event: String

    public init(destination: Destination, event: String) {
        self.destination = destination
        self.event = event
    }

    public static func < (lhs: MeasuredPair, rhs: MeasuredPair) -> Bool {
        (lhs.destination.rawValue, lhs.event) < (rhs.destination.rawValue, rhs.event)
    }
}
