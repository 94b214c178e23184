import GTMModel
import LosslessJSON
import Mutation

/// Removes an entity together with what only it used: the triggers only a removed tag fires on
/// (or is blocked by), and the variables only removed entities reference, as far as the entity
/// budget allows. Without that cleanup, deleting a dead tag would leave orphan triggers and
/// unused variables behind, and the round would trade one finding for others.
struct RemovalPlan {
    private(set) var operations: [JSONPatch.Operation] = []
    private(set) var removed: [EntityReference] = []
    private let context: FixContext
    private let budget: Int

    init(_ context: FixContext, budget: Int? = nil) {
        self.context = context
        self.budget = budget ?? context.maxEntities
    }

    var isEmpty: Bool { operations.isEmpty }

    /// Removes tag `index`; false when another tag names it (setup, teardown or tag reference) or the budget is spent.
    mutating func removeTag(_ index: Int) -> Bool {
        let tag = context.container.tags[index]
        guard !context.isTagNameReferenced(tag), removed.count < budget else { return false }
        append(tag.reference)
        return true
    }

    /// Removes trigger `id`; false when it does not exist or the budget is spent.
    mutating func removeTrigger(_ id: String) -> Bool {
        guard let (_, trigger) = context.trigger(id: id), removed.count < budget else { return false }
        append(trigger.reference)
        return true
    }

    /// Removes variable `id`; false when it does not exist or the budget is spent.
    mutating func removeVariable(_ id: String) -> Bool {
        guard let (_, variable) = context.variable(id: id), removed.count < budget else { return false }
        append(variable.reference)
        return true
    }

    /// Adds, while the budget lasts, the triggers of the removed tags that no other tag uses,
    /// then the variables that nothing but removed entities references.
    mutating func sweep() {
        let removedTags = Set(removed.filter { $0.kind == .tag }.compactMap { context.graph.tagIndexById[$0.id] })
        var candidates: [String] = []
        for i in removedTags.sorted() {
            let tag = context.container.tags[i]
            for id in tag.firingTriggerIds + tag.blockingTriggerIds where !candidates.contains(id) { candidates.append(id) }
        }
        sweep(triggers: candidates, formerUsers: removedTags)
    }

    /// Adds, while the budget lasts, the `candidates` that no tag outside `formerUsers` (tags
    /// removed, or edited away from them) and no trigger group uses, then the variables that
    /// nothing but removed entities references.
    mutating func sweep(triggers candidates: [String], formerUsers: Set<Int>) {
        let graph = context.graph
        for id in candidates where removed.count < budget {
            guard !BuiltInTrigger.isBuiltIn(id), let (_, trigger) = context.trigger(id: id), !removed.contains(trigger.reference) else { continue }
            let users = (graph.tagsFiredBy[id] ?? []) + (graph.tagsBlockedBy[id] ?? [])
            guard users.allSatisfy(formerUsers.contains), graph.groupsContaining[id] == nil else { continue }
            append(trigger.reference)
        }
        let gone = Set(removed)
        var names: [String] = []
        for ref in removed {
            for name in context.namesUsedBy[ref] ?? [] where !names.contains(name) { names.append(name) }
        }
        for name in names where removed.count < budget {
            guard let variable = context.variable(named: name), !gone.contains(variable.reference) else { continue }
            let referrers = graph.referrers[name] ?? []
            guard referrers.allSatisfy({ gone.contains($0) || $0 == variable.reference }) else { continue }
            append(variable.reference)
        }
    }

    private mutating func append(_ ref: EntityReference) {
        guard let collection = ref.kind.collection else { return }
        removed.append(ref)
        operations.append(.remove(path: PatchPath.entity(collection, ref.id)))
    }
}
