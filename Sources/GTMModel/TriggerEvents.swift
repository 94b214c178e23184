/// What a trigger listens for, as canonical event names where they can be known statically.
public struct TriggerEvents: Sendable, Equatable {
    /// Canonical event names this trigger fires on. Empty with `isOpenEnded` for patterns.
    public var names: [String]
    /// The trigger matches events that cannot be listed (a `CONTAINS` filter, a server `ALWAYS`
    /// trigger that forwards everything, a regex too complex to expand).
    public var isOpenEnded: Bool

    public static let none = TriggerEvents(names: [], isOpenEnded: false)
    public static let anything = TriggerEvents(names: [], isOpenEnded: true)

    /// Events of a built-in trigger id.
    public static func builtIn(_ id: String) -> TriggerEvents {
        switch id {
        case BuiltInTrigger.allPages: TriggerEvents(names: ["page_view"], isOpenEnded: false)
        default: TriggerEvents(names: ["initialization"], isOpenEnded: false)
        }
    }

    /// Events of a user trigger. Trigger groups take the union of their members (the group fires
    /// on the event that completes it).
    public static func of(_ trigger: Trigger, in container: Container, graph: ReferenceGraph, depth: Int = 0) -> TriggerEvents {
        switch trigger.type {
        case "PAGEVIEW", "DOM_READY", "WINDOW_LOADED", "pageview", "domReady", "windowLoaded", "SERVER_PAGEVIEW":
            return TriggerEvents(names: ["page_view"], isOpenEnded: false)
        case "HISTORY_CHANGE", "historyChange": return TriggerEvents(names: ["page_view"], isOpenEnded: false)
        case "INIT", "CONSENT_INIT", "init", "consentInit": return TriggerEvents(names: ["initialization"], isOpenEnded: false)
        case "CLICK", "LINK_CLICK", "AMP_CLICK", "click", "linkClick": return TriggerEvents(names: ["click"], isOpenEnded: false)
        case "FORM_SUBMISSION", "formSubmission": return TriggerEvents(names: ["form_submit"], isOpenEnded: false)
        case "TIMER", "AMP_TIMER", "timer": return TriggerEvents(names: ["timer"], isOpenEnded: false)
        case "SCROLL_DEPTH", "AMP_SCROLL", "scrollDepth": return TriggerEvents(names: ["scroll"], isOpenEnded: false)
        case "YOU_TUBE_VIDEO", "youTubeVideo": return TriggerEvents(names: ["video"], isOpenEnded: false)
        case "ELEMENT_VISIBILITY", "AMP_VISIBILITY", "elementVisibility": return TriggerEvents(names: ["element_visibility"], isOpenEnded: false)
        case "JS_ERROR", "jsError": return TriggerEvents(names: ["exception"], isOpenEnded: false)
        case "TRIGGER_GROUP", "triggerGroup":
            guard depth < 8 else { return .anything }
            var names: [String] = [], open = false
            for id in trigger.groupMemberIds {
                let member: TriggerEvents
                if let index = graph.triggerIndexById[id] {
                    member = .of(container.triggers[index], in: container, graph: graph, depth: depth + 1)
                } else {
                    member = .builtIn(id)
                }
                for n in member.names where !names.contains(n) { names.append(n) }
                open = open || member.isOpenEnded
            }
            return TriggerEvents(names: names, isOpenEnded: open)
        case "CUSTOM_EVENT", "customEvent":
            return customEventNames(trigger.customEventFilters)
        case "ALWAYS", "always":
            // Server "Custom" trigger: every incoming event unless a filter on the event name narrows it.
            let byName = trigger.filters.filter { $0.left == "{{Event Name}}" || $0.left == "{{_event}}" }
            return byName.isEmpty ? .anything : customEventNames(byName)
        default:
            return .anything
        }
    }

    /// Names matched by `{{_event}}` conditions: EQUALS gives one; a regex of plain alternatives
    /// (`^(purchase|refund)$`) gives each; anything else is open-ended.
    static func customEventNames(_ conditions: [Condition]) -> TriggerEvents {
        var names: [String] = []
        for condition in conditions where !condition.isNegated {
            guard let right = condition.right, !right.isEmpty else { continue }
            switch condition.type {
            case "EQUALS", "equals":
                if EventNames.isLiteral(right) { names.append(EventNames.canonical(right)) } else { return .anything }
            case "MATCH_REGEX", "matchRegex":
                guard let alternatives = plainAlternatives(right) else { return .anything }
                names.append(contentsOf: alternatives.map { EventNames.canonical($0) })
            default:
                return .anything
            }
            return TriggerEvents(names: names, isOpenEnded: false)
        }
        return .anything
    }

    /// `^(a|b|c)$`, `a|b`, `^a$` → ["a","b","c"]; nil when the regex is more than alternatives of
    /// literal names.
    static func plainAlternatives(_ regex: String) -> [String]? {
        var body = Substring(regex)
        if body.hasPrefix("^") { body = body.dropFirst() }
        if body.hasSuffix("$") { body = body.dropLast() }
        if body.hasPrefix("(?:") { body = body.dropFirst(3) } else if body.hasPrefix("(") { body = body.dropFirst() }
        if body.hasSuffix(")") { body = body.dropLast() }
        let allowed: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "|" || $0 == "\\" || $0 == "." }
        guard !body.isEmpty, body.allSatisfy(allowed) else { return nil }
        // `\.` is a literal dot; a bare `.` is a wildcard.
        var cleaned = ""
        var escaped = false
        for ch in body {
            if escaped { cleaned.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "." { return nil }
            cleaned.append(ch)
        }
        let parts = cleaned.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        return parts.contains(where: \.isEmpty) ? nil : parts
    }
}
