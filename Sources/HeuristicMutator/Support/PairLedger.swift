import GTMModel

/// How many live tags send each (destination, event) pair (``ContainerAnalysis/measuredPairs``),
/// so a fixer can check before proposing that an edit keeps every pair sent: the guard rejects a
/// patch that shrinks measurement coverage, and a rejected round is a wasted round.
struct PairLedger {
    /// A tag's events: canonical names, and whether it also sends events that cannot be listed.
    typealias Events = (names: [String], isOpenEnded: Bool)

    private let analysis: ContainerAnalysis
    private var counts: [MeasuredPair: Int] = [:]

    init(_ analysis: ContainerAnalysis) {
        self.analysis = analysis
        for i in analysis.liveSendingTags {
            for pair in PairLedger.pairs(ofTag: i, in: analysis) { counts[pair, default: 0] += 1 }
        }
    }

    /// The pairs tag `i` sends today (none unless it is live and sends data).
    static func pairs(ofTag i: Int, in analysis: ContainerAnalysis) -> Set<MeasuredPair> {
        guard analysis.isLive[i], analysis.tagProfiles[i].sendsData, let destination = analysis.tagProfiles[i].destination else { return [] }
        return pairs(destination, (analysis.tagEvents[i].names, analysis.tagEvents[i].isOpenEnded))
    }

    private static func pairs(_ destination: Destination, _ events: Events) -> Set<MeasuredPair> {
        var result = Set(events.names.map { MeasuredPair(destination: destination, event: $0) })
        if events.isOpenEnded { result.insert(MeasuredPair(destination: destination, event: "*")) }
        return result
    }

    /// Whether every pair sent today is still sent by some live tag after the given tags send
    /// `changes[i]` instead of what they send now (an empty set for a removed tag).
    func keepsCoverage(_ changes: [Int: Set<MeasuredPair>]) -> Bool {
        var delta: [MeasuredPair: Int] = [:]
        for (i, after) in changes {
            for pair in PairLedger.pairs(ofTag: i, in: analysis) { delta[pair, default: 0] -= 1 }
            for pair in after { delta[pair, default: 0] += 1 }
        }
        return delta.allSatisfy { pair, change in change >= 0 || counts[pair, default: 0] + change > 0 }
    }

    /// Whether removing the given tags keeps every pair sent.
    func keepsCoverage(removing tags: [Int]) -> Bool {
        keepsCoverage(Dictionary(tags.map { ($0, Set<MeasuredPair>()) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The pairs tag `i` would send with these firing triggers, some of whose events change
    /// (`overrides`, by trigger id), computed as ``ContainerAnalysis`` computes liveness and events.
    func pairs(ofTag i: Int, firing: [String], overrides: [String: Events] = [:]) -> Set<MeasuredPair> {
        let tag = analysis.container.tags[i]
        let profile = analysis.tagProfiles[i]
        guard let destination = profile.destination, profile.sendsData, !tag.isPaused else { return [] }
        let graph = analysis.graph
        let fires = firing.contains { BuiltInTrigger.isBuiltIn($0) || graph.triggerIndexById[$0] != nil }
            || (analysis.isLive[i] && graph.sequencedTagNames.contains(tag.name))
        guard fires else { return [] }
        if !profile.declaredEvents.isEmpty { return PairLedger.pairs(destination, (profile.declaredEvents, false)) }
        guard profile.role == .measurement else { return [] }
        var names: [String] = [], open = false
        for id in firing {
            let events = overrides[id] ?? triggerEvents(id)
            for name in events.names where !names.contains(name) { names.append(name) }
            open = open || events.isOpenEnded
        }
        return PairLedger.pairs(destination, (names, open))
    }

    /// What a trigger id fires on today.
    func triggerEvents(_ id: String) -> Events {
        if let index = analysis.graph.triggerIndexById[id] {
            return (analysis.triggerEvents[index].names, analysis.triggerEvents[index].isOpenEnded)
        }
        if BuiltInTrigger.isBuiltIn(id) {
            let events = TriggerEvents.builtIn(id)
            return (events.names, events.isOpenEnded)
        }
        return ([], false)
    }

    /// The changes of every tag firing on trigger `id` when the trigger's events become `events`.
    func changes(whenTrigger id: String, firesOn events: Events) -> [Int: Set<MeasuredPair>] {
        var result: [Int: Set<MeasuredPair>] = [:]
        for i in analysis.graph.tagsFiredBy[id] ?? [] where analysis.isLive[i] {
            result[i] = pairs(ofTag: i, firing: analysis.container.tags[i].firingTriggerIds, overrides: [id: events])
        }
        return result
    }
}
