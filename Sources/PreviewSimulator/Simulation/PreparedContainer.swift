import GTMModel
import LosslessJSON

/// What the simulator looks up on every event, computed once per container.
struct PreparedContainer: Sendable {
    let container: Container
    let graph: ReferenceGraph
    /// Parallel to `container.tags`: what each tag is, as the scorer classifies it.
    let profiles: [TagProfile]
    /// Parallel to `container.triggers`.
    let triggerKinds: [TriggerKind]
    /// Built-in variable type by the name templates use (`Page URL` → `PAGE_URL`).
    let builtInTypeByName: [String: String]
    /// Trigger indices a tag (firing or blocking) or a trigger group refers to, in container order.
    let usedTriggers: [Int]
    /// Trigger kinds that have at least one used trigger (the listeners GTM would install).
    let listenedKinds: Set<TriggerKind>
    /// Parallel to `container.triggers`: for a custom-event trigger whose only event condition is
    /// `{{_event}} equals <literal>` (case-sensitive, not negated), the literal; it listens to
    /// that event name and no other, which the matcher checks without evaluating the condition.
    let customEventLiterals: [String?]
    /// `containerVersion.containerVersionId`.
    let versionId: String

    init(_ container: Container) {
        let graph = ReferenceGraph(container)
        let classifier = TagClassifier(container: container, graph: graph)
        self.init(container, graph: graph, profiles: container.tags.map { classifier.profile(of: $0) })
    }

    /// With the graph and tag profiles already computed (by `ContainerAnalysis`) for this very container.
    init(_ container: Container, graph: ReferenceGraph, profiles: [TagProfile]) {
        self.container = container
        self.graph = graph
        self.profiles = profiles
        triggerKinds = container.triggers.map { TriggerKind($0.type) }

        var builtIns: [String: String] = [:]
        for type in PreparedContainer.knownBuiltInTypes { builtIns[BuiltInVariable.displayName(ofType: type)] = type }
        for builtIn in container.builtInVariables { builtIns[builtIn.name] = builtIn.type }
        builtInTypeByName = builtIns

        var used: [Int] = []
        var kinds = Set<TriggerKind>()
        for (index, trigger) in container.triggers.enumerated() where graph.isTriggerUsed(trigger.id) {
            used.append(index)
            kinds.insert(triggerKinds[index])
        }
        usedTriggers = used
        listenedKinds = kinds
        customEventLiterals = zip(container.triggers, triggerKinds).map { trigger, kind in
            kind == .customEvent ? PreparedContainer.literalEventName(trigger) : nil
        }
        versionId = container.document["containerVersion"]?["containerVersionId"]?.identifierText ?? ""
    }

    /// The literal of a sole `{{_event}} equals literal` event condition, nil for anything else.
    private static func literalEventName(_ trigger: Trigger) -> String? {
        guard trigger.customEventFilters.count == 1, let condition = trigger.customEventFilters.first,
              condition.type == "EQUALS" || condition.type == "equals", !condition.isNegated, !condition.ignoresCase,
              condition.left == "{{\(VariableReferences.eventName)}}", let right = condition.right, !right.contains("{{")
        else { return nil }
        return right
    }

    /// The user variable named `name` (the first, when an export repeats a name).
    func variable(named name: String) -> Variable? {
        graph.variableIndexByName[name].map { container.variables[$0] }
    }

    /// The index of the tag named `name`.
    func tagIndex(named name: String) -> Int? { graph.tagIndexByName[name] }

    /// The trigger with this id.
    func trigger(id: String) -> Trigger? {
        graph.triggerIndexById[id].map { container.triggers[$0] }
    }

    /// A readable name for a trigger id: the trigger's name, or GTM's name for a built-in id.
    func triggerName(_ id: String) -> String {
        if let trigger = trigger(id: id) { return trigger.name }
        return BuiltInTrigger.name(of: id)
    }

    /// Built-in types recognised by display name even when an export does not list them enabled
    /// (partial exports still reference them).
    static let knownBuiltInTypes = [
        "PAGE_URL", "PAGE_HOSTNAME", "PAGE_PATH", "REFERRER", "EVENT",
        "CLICK_ELEMENT", "CLICK_CLASSES", "CLICK_ID", "CLICK_TARGET", "CLICK_URL", "CLICK_TEXT",
        "FORM_ELEMENT", "FORM_CLASSES", "FORM_ID", "FORM_TARGET", "FORM_URL", "FORM_TEXT",
        "NEW_HISTORY_FRAGMENT", "OLD_HISTORY_FRAGMENT", "NEW_HISTORY_STATE", "OLD_HISTORY_STATE", "HISTORY_SOURCE",
        "NEW_HISTORY_URL", "OLD_HISTORY_URL",
        "ERROR_MESSAGE", "ERROR_URL", "ERROR_LINE",
        "SCROLL_DEPTH_THRESHOLD", "SCROLL_DEPTH_UNITS", "SCROLL_DEPTH_DIRECTION",
        "VIDEO_PROVIDER", "VIDEO_STATUS", "VIDEO_URL", "VIDEO_TITLE", "VIDEO_DURATION", "VIDEO_PERCENT",
        "VIDEO_VISIBLE", "VIDEO_CURRENT_TIME",
        "ELEMENT_VISIBILITY_RATIO", "ELEMENT_VISIBILITY_TIME", "ELEMENT_VISIBILITY_FIRST_TIME", "ELEMENT_VISIBILITY_RECENT_TIME",
        "CONTAINER_ID", "CONTAINER_VERSION", "DEBUG_MODE", "RANDOM_NUMBER", "HTML_ID", "ENVIRONMENT_NAME",
    ]
}
