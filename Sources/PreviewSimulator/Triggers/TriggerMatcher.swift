import GTMModel

/// Which triggers fire on an event.
///
/// Lifecycle triggers fire on their `gtm.*` event; custom event triggers on any event whose
/// name passes their event filter (`{{_event}}` equals / matches regex …); click, link click,
/// form and timer triggers on their auto event when both the "enable when" conditions
/// (`autoEventFilter`) and the "some events" conditions (`filter`) hold. A trigger group fires
/// once per page, on the event by which every member has fired at least once on that page.
struct TriggerMatcher {
    let prepared: PreparedContainer

    /// What triggers have done on the current page.
    struct PageState: Sendable {
        /// Ids of triggers (built-in ids included) that fired on some event of this page.
        var fired: Set<String> = []
        /// Trigger groups that already fired on this page.
        var groupsFired: Set<String> = []
    }

    /// A trigger whose event matched but whose conditions could not be evaluated.
    struct Undecided: Sendable {
        var triggerId: String
        var reason: String
    }

    /// The ids of the triggers that fire on `event`, built-in ids first, then in container order,
    /// with the triggers left undecided. Updates `state` with what fired.
    func firingTriggers(on event: SimulatedEvent, conditions: ConditionEvaluator, state: inout PageState) -> (fired: [String], undecided: [Undecided]) {
        var fired: [String] = []
        var undecided: [Undecided] = []
        switch event.kind {
        case .consentInitialization: fired.append(BuiltInTrigger.consentInitialization)
        case .initialization: fired.append(BuiltInTrigger.initialization)
        case .pageView: fired.append(BuiltInTrigger.allPages)
        default: break
        }
        let container = prepared.container
        var groups: [Int] = []
        for index in prepared.usedTriggers {
            let kind = prepared.triggerKinds[index]
            if kind == .triggerGroup {
                groups.append(index)
                continue
            }
            // Refuse what cannot listen before reading the trigger: most triggers of a large
            // container listen to one event name or kind, and each event is checked against all.
            if let literal = prepared.customEventLiterals[index] {
                guard literal == event.name else { continue }
            } else if !mayListen(kind, to: event) {
                continue
            }
            let trigger = container.triggers[index]
            guard listens(kind, trigger: trigger, to: event, conditions: conditions, undecided: &undecided) else { continue }
            var outcome = ConditionEvaluator.Outcome.holds
            if kind.hasAutoEventFilter { outcome = conditions.all(trigger.autoEventFilters) }
            if outcome == .holds { outcome = conditions.all(trigger.filters) }
            switch outcome {
            case .holds: fired.append(trigger.id)
            case .fails: break
            case .notEvaluable(let why): undecided.append(Undecided(triggerId: trigger.id, reason: why))
            }
        }
        state.fired.formUnion(fired)
        // Groups, until no more complete (a group may contain a group).
        var changed = true
        while changed {
            changed = false
            for index in groups {
                let group = container.triggers[index]
                let members = group.groupMemberIds
                guard !state.groupsFired.contains(group.id), !members.isEmpty, members.allSatisfy(state.fired.contains) else { continue }
                state.groupsFired.insert(group.id)
                state.fired.insert(group.id)
                fired.append(group.id)
                changed = true
            }
        }
        return (fired, undecided)
    }

    /// False when no trigger of this kind can listen to this event (what ``listens`` decides
    /// without the trigger itself).
    private func mayListen(_ kind: TriggerKind, to event: SimulatedEvent) -> Bool {
        switch kind {
        case .customEvent: true
        case .timer: event.kind == .timer
        case .scrollDepth, .youTubeVideo, .elementVisibility, .javaScriptError: event.name == kind.pushedEventName
        case .triggerGroup, .unsupported: false
        default: kind.eventKind == event.kind
        }
    }

    /// Whether a trigger of this kind is listening for this event at all (before its filters).
    private func listens(_ kind: TriggerKind, trigger: Trigger, to event: SimulatedEvent, conditions: ConditionEvaluator,
                         undecided: inout [Undecided]) -> Bool
    {
        switch kind {
        case .customEvent:
            guard !trigger.customEventFilters.isEmpty else { return false }
            switch conditions.all(trigger.customEventFilters) {
            case .holds: return true
            case .fails: return false
            case .notEvaluable(let why):
                undecided.append(Undecided(triggerId: trigger.id, reason: why))
                return false
            }
        case .timer:
            return event.kind == .timer && event.timerTriggerId == trigger.id
        case .scrollDepth, .youTubeVideo, .elementVisibility, .javaScriptError:
            return event.name == kind.pushedEventName
        case .triggerGroup, .unsupported:
            return false
        default:
            return kind.eventKind == event.kind
        }
    }
}
