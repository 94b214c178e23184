import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// A trigger nothing uses is removed (with the variables only it referenced).
struct OrphanTriggerFixer: Fixer {
    let rules: Set<String> = ["triggers.orphan"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, trigger) = context.trigger(id: finding.entity.id), !context.graph.isTriggerUsed(trigger.id) else { return [] }
        var plan = RemovalPlan(context)
        guard plan.removeTrigger(trigger.id) else { return [] }
        plan.sweep(triggers: [], formerUsers: [])
        return [FixProposal(plan.operations, "Remove trigger \"\(trigger.name)\", which fires, blocks and groups nothing.")]
    }
}

/// Tags on a duplicate trigger move to the original, and the duplicate goes once nothing uses it.
/// When its users do not fit one patch, the first ones move and a later round finishes.
struct DuplicateTriggerFixer: Fixer {
    let rules: Set<String> = ["triggers.duplicate"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let originalName = finding.ref, let (index, duplicate) = context.trigger(id: finding.entity.id),
              let original = context.container.triggers[..<index].first(where: { $0.name == originalName }), original.id != duplicate.id
        else { return [] }
        let graph = context.graph
        let tags = Array(Set((graph.tagsFiredBy[duplicate.id] ?? []) + (graph.tagsBlockedBy[duplicate.id] ?? []))).sorted()
        let groups = Array(Set(graph.groupsContaining[duplicate.id] ?? [])).sorted()
        var operations: [JSONPatch.Operation] = []
        var users = 0
        for i in tags where users < context.maxEntities {
            operations += repoint(context.container.tags[i], from: duplicate.id, to: original.id)
            users += 1
        }
        for g in groups where users < context.maxEntities {
            let group = context.container.triggers[g]
            guard let p = group.raw["parameter"]?.arrayValue?.firstIndex(where: { $0["key"]?.stringValue == "triggerIds" }),
                  let items = group.raw["parameter"]?.arrayValue?[p]["list"]?.arrayValue else { continue }
            for (k, item) in items.enumerated() where item["value"]?.stringValue == duplicate.id {
                operations.append(.replace(path: PatchPath.trigger(group.id, "parameter", String(p), "list", String(k), "value"), value: .string(original.id)))
            }
            users += 1
        }
        let all = tags.count + groups.count
        if all + 1 <= context.maxEntities {
            return [FixProposal(operations + [.remove(path: PatchPath.trigger(duplicate.id))],
                                "Merge trigger \"\(duplicate.name)\" into its identical \"\(original.name)\": move its \(all) user\(all == 1 ? "" : "s") and remove it.")]
        }
        return [FixProposal(operations, "Move \(users) of the \(all) users of duplicate trigger \"\(duplicate.name)\" to its identical \"\(original.name)\"; a later round removes it.")]
    }

    /// Operations that replace `old` by `new` in a tag's firing and blocking lists (dropping it
    /// where `new` is already listed).
    private func repoint(_ tag: Tag, from old: String, to new: String) -> [JSONPatch.Operation] {
        var operations: [JSONPatch.Operation] = []
        for (key, ids) in [("firingTriggerId", tag.firingTriggerIds), ("blockingTriggerId", tag.blockingTriggerIds)] where ids.contains(old) {
            for k in ids.indices.reversed() where ids[k] == old {
                let path = PatchPath.tag(tag.id, key, String(k))
                operations.append(.test(path: path, value: .string(old)))
                operations.append(ids.contains(new) ? .remove(path: path) : .replace(path: path, value: .string(new)))
            }
        }
        return operations
    }
}

/// A custom-event trigger matches its event names exactly: `contains purchase` → `equals purchase`,
/// `a|b` → `^(a|b)$`, when no tag stops sending an event it sends today.
struct CustomEventMatchFixer: Fixer {
    let rules: Set<String> = ["triggers.custom_event_not_equals"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, trigger) = context.trigger(id: finding.entity.id),
              let conditions = trigger.raw["customEventFilter"]?.arrayValue else { return [] }
        var result: [FixProposal] = []
        for (c, condition) in trigger.customEventFilters.enumerated() where c < conditions.count {
            guard condition.left?.filter({ !$0.isWhitespace }) == "{{_event}}", !condition.isNegated, let pattern = condition.right,
                  let arg1 = condition.parameters.firstIndex(where: { $0.key == "arg1" }) else { continue }
            let type = condition.type.uppercased().filter { $0 != "_" }
            var variants: [(type: String, pattern: String, why: String)] = []
            switch type {
            case "CONTAINS", "STARTSWITH", "ENDSWITH":
                if EventNames.isLiteral(pattern), !pattern.isEmpty { variants.append(("EQUALS", pattern, "equals \"\(pattern)\"")) }
            case "MATCHREGEX":
                let anchored = CustomEventMatchFixer.anchored(pattern)
                if let escaped = anchored.escaped { variants.append(("MATCH_REGEX", escaped, "the anchored regex \(escaped)")) }
                if let plain = anchored.plain { variants.append(("MATCH_REGEX", plain, "the anchored regex \(plain)")) }
            default:
                continue
            }
            for variant in variants {
                var edited = trigger
                edited.customEventFilters[c] = Condition(type: variant.type, parameters: condition.parameters.map { p in
                    var p = p
                    if p.key == "arg1" { p.value = variant.pattern }
                    return p
                })
                let events = TriggerEvents.of(edited, in: context.container, graph: context.graph)
                guard context.ledger.keepsCoverage(context.ledger.changes(whenTrigger: trigger.id, firesOn: (events.names, events.isOpenEnded))) else { continue }
                let base = PatchPath.trigger(trigger.id, "customEventFilter", String(c))
                var operations: [JSONPatch.Operation] = [.replace(path: base.appending("parameter").appending(String(arg1)).appending("value"), value: .string(variant.pattern))]
                if variant.type != condition.type { operations.insert(.replace(path: base.appending("type"), value: .string(variant.type)), at: 0) }
                result.append(FixProposal(operations, "Match the event name of trigger \"\(trigger.name)\" exactly: \(variant.why)."))
            }
        }
        return result
    }

    /// `a|b.c` → `^(a|b\.c)$` (dots as literal dots, when the alternatives are plain names) and
    /// `^(a|b.c)$` (the pattern as written, anchored).
    static func anchored(_ pattern: String) -> (escaped: String?, plain: String?) {
        var body = pattern
        if body.hasPrefix("^") { body.removeFirst() }
        if body.hasSuffix("$"), !body.hasSuffix("\\$") { body.removeLast() }
        guard !body.isEmpty else { return (nil, nil) }
        let plain = "^(\(body))$"
        let isNames = body.allSatisfy { $0.isLetter || $0.isNumber || "_-.|".contains($0) }
        let escaped = isNames && body.contains(".") ? "^(\(body.replacing(".", with: "\\.")))$" : nil
        return (escaped, plain == pattern ? nil : plain)
    }
}

/// A conversion tag that names its event fires on the custom-event trigger for that event (an
/// existing one, or a new one), not on every page.
struct ConversionTriggerFixer: Fixer {
    let rules: Set<String> = ["triggers.conversion_on_all_pages"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let everyPage = finding.ref, let (index, tag) = context.tag(id: finding.entity.id) else { return [] }
        // Only a tag that names its event keeps sending the same pairs on another trigger.
        let declared = context.analysis.tagProfiles[index].declaredEvents
        guard declared.count == 1, let event = declared.first, let k = tag.firingTriggerIds.firstIndex(of: everyPage) else { return [] }
        let path = PatchPath.tag(tag.id, "firingTriggerId", String(k))
        var operations: [JSONPatch.Operation] = [.test(path: path, value: .string(everyPage))]
        let name: String
        if let existing = GA4EventTag.existingTrigger(for: event, in: context) {
            operations.append(tag.firingTriggerIds.contains(existing) ? .remove(path: path) : .replace(path: path, value: .string(existing)))
            name = context.trigger(id: existing)?.trigger.name ?? existing
        } else {
            let separator = context.naming.separator
            guard EventNames.isLiteral(event),
                  let new = context.names.unique("CE\(separator)\(event)", kind: .trigger, accepts: { context.judge.acceptsTrigger($0, type: "CUSTOM_EVENT") })
            else { return [] }
            let folder = tag.parentFolderId.flatMap { context.graph.folderIndexById[$0] != nil ? $0 : nil }
            operations.insert(.add(path: PatchPath.new(.trigger), value: NewEntities.customEventTrigger(label: "new-1", name: new, event: event, folder: folder)), at: 0)
            operations.append(.replace(path: path, value: "new-1"))
            name = new
        }
        return [FixProposal(operations, "Fire conversion tag \"\(tag.name)\" on \"\(name)\" (its \(event) event) instead of on every page.")]
    }
}

/// A trigger that both fires and blocks a tag never fires it: it leaves the firing list.
struct FiresAndBlocksFixer: Fixer {
    let rules: Set<String> = ["triggers.fires_and_blocks"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let id = finding.ref, let (index, tag) = context.tag(id: finding.entity.id) else { return [] }
        let remaining = tag.firingTriggerIds.filter { $0 != id }
        guard !remaining.isEmpty, context.ledger.keepsCoverage([index: context.ledger.pairs(ofTag: index, firing: remaining)]) else { return [] }
        var operations: [JSONPatch.Operation] = []
        for k in tag.firingTriggerIds.indices.reversed() where tag.firingTriggerIds[k] == id {
            let path = PatchPath.tag(tag.id, "firingTriggerId", String(k))
            operations += [.test(path: path, value: .string(id)), .remove(path: path)]
        }
        return [FixProposal(operations, "Remove trigger \(id) from the firing triggers of tag \"\(tag.name)\": it also blocks the tag, so it never fired it.")]
    }
}

/// Timer triggers stop: a limit (1) and an interval of at least a second.
struct TimerFixer: Fixer {
    let rules: Set<String> = ["triggers.unbounded_timer"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, trigger) = context.trigger(id: finding.entity.id) else { return [] }
        var operations: [JSONPatch.Operation] = []
        let limit = trigger.parameters.value("limit").map { $0.filter { !$0.isWhitespace } } ?? ""
        if Int(limit).map({ $0 <= 0 }) ?? true {
            operations.append(contentsOf: set("limit", "1", trigger))
        }
        if let interval = trigger.parameters.value("interval").flatMap({ Int($0.filter { !$0.isWhitespace }) }), interval < 1000 {
            operations.append(contentsOf: set("interval", "1000", trigger))
        }
        guard !operations.isEmpty else { return [] }
        return [FixProposal(operations, "Bound timer trigger \"\(trigger.name)\": fire at most once, at most once a second.")]
    }

    /// Sets a timer setting where the trigger keeps it: a top-level field, or its parameter list.
    private func set(_ key: String, _ value: String, _ trigger: Trigger) -> [JSONPatch.Operation] {
        if let p = trigger.raw["parameter"]?.arrayValue?.firstIndex(where: { $0["key"]?.stringValue == key }) {
            return [.add(path: PatchPath.trigger(trigger.id, "parameter", String(p), "value"), value: .string(value))]
        }
        return [.add(path: PatchPath.trigger(trigger.id, key), value: GTMJSON.bareTemplate(value))]
    }
}

/// A trigger group stops waiting for a trigger that does not exist.
struct GroupMemberFixer: Fixer {
    let rules: Set<String> = ["triggers.group_missing_member"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let missing = finding.ref, let (_, group) = context.trigger(id: finding.entity.id),
              let p = group.raw["parameter"]?.arrayValue?.firstIndex(where: { $0["key"]?.stringValue == "triggerIds" }),
              let items = group.raw["parameter"]?.arrayValue?[p]["list"]?.arrayValue,
              items.contains(where: { $0["value"]?.stringValue != missing })
        else { return [] }
        var edited = group
        let remaining = group.groupMemberIds.filter { $0 != missing }
        edited.parameters = group.parameters.map { parameter in
            guard parameter.key == "triggerIds" else { return parameter }
            var copy = parameter
            copy.list = parameter.list.filter { $0.value != missing }
            return copy
        }
        let events = TriggerEvents.of(edited, in: context.container, graph: context.graph)
        guard !remaining.isEmpty, context.ledger.keepsCoverage(context.ledger.changes(whenTrigger: group.id, firesOn: (events.names, events.isOpenEnded))) else { return [] }
        var operations: [JSONPatch.Operation] = []
        for (k, item) in items.enumerated().reversed() where item["value"]?.stringValue == missing {
            let path = PatchPath.trigger(group.id, "parameter", String(p), "list", String(k))
            operations += [.test(path: path.appending("value"), value: .string(missing)), .remove(path: path)]
        }
        return [FixProposal(operations, "Remove trigger id \(missing), which does not exist, from trigger group \"\(group.name)\".")]
    }
}

/// A regex with a nested unbounded quantifier over one atom (`(a+)+`, `(.*)*`, `([0-9]+)*`) gets
/// the equivalent single quantifier (`(a+)`, `(.*)`, `([0-9]*)`), which cannot backtrack
/// catastrophically. The group stays, so capture numbering does not move.
struct InvalidRegexFixer: Fixer {
    let rules: Set<String> = ["triggers.invalid_regex"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let pattern = finding.ref, let (_, trigger) = context.trigger(id: finding.entity.id),
              let fixed = InvalidRegexFixer.flattened(pattern), fixed != pattern else { return [] }
        var operations: [JSONPatch.Operation] = []
        for key in ["filter", "customEventFilter", "autoEventFilter"] {
            for (c, condition) in (trigger.raw[key]?.arrayValue ?? []).enumerated() {
                for (p, parameter) in (condition["parameter"]?.arrayValue ?? []).enumerated()
                where parameter["key"]?.stringValue == "arg1" && parameter["value"]?.stringValue == pattern {
                    operations.append(.replace(path: PatchPath.trigger(trigger.id, key, String(c), "parameter", String(p), "value"), value: .string(fixed)))
                }
            }
        }
        // Only when the scorer's own check accepts the result (it compiles and nests nothing).
        let probe = GTMJSON.object(["triggerId": "1", "name": "Probe - regex", "type": "PAGEVIEW", "filter": .array([GTMJSON.object([
            "type": "MATCH_REGEX", "parameter": .array([GTMJSON.template("arg0", "{{Page URL}}"), GTMJSON.template("arg1", fixed)]),
        ])])])
        guard !operations.isEmpty, context.judge.triggerPasses("triggers.invalid_regex", trigger: probe) else { return [] }
        return [FixProposal(operations, "Rewrite the regex \(pattern) of trigger \"\(trigger.name)\" as \(fixed), which matches the same text without nested quantifiers.")]
    }

    /// `(x+)+` → `(x+)`, `(x*)*`/`(x+)*`/`(x*)+` → `(x*)` for a single atom x; nil when there is none.
    static func flattened(_ pattern: String) -> String? {
        let chars = Array(pattern)
        var out: [Character] = []
        var i = 0, changed = false
        while i < chars.count {
            if chars[i] == "\\", i + 1 < chars.count {
                out += [chars[i], chars[i + 1]]
                i += 2
                continue
            }
            if chars[i] == "(", let (atomEnd, inner) = atom(chars, from: i + 1), atomEnd + 2 < chars.count,
               chars[atomEnd] == inner, chars[atomEnd + 1] == ")", "+*".contains(chars[atomEnd + 2])
            {
                let outer = chars[atomEnd + 2]
                out += ["("] + chars[(i + 1)..<(atomEnd)] + [inner == "+" && outer == "+" ? "+" : "*", ")"]
                i = atomEnd + 3
                changed = true
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return changed ? String(out) : nil
    }

    /// The end of one atom starting at `start` (a character, an escape, `.` or a class) and the
    /// quantifier after it, when that quantifier is `+` or `*`.
    private static func atom(_ chars: [Character], from start: Int) -> (end: Int, quantifier: Character)? {
        guard start < chars.count else { return nil }
        var end: Int
        switch chars[start] {
        case "\\": end = start + 2
        case "[":
            guard let close = chars[(start + 1)...].firstIndex(of: "]") else { return nil }
            end = close + 1
        case "(", ")", "|", "+", "*", "?", "{": return nil
        default: end = start + 1
        }
        guard end < chars.count, "+*".contains(chars[end]) else { return nil }
        return (end, chars[end])
    }
}
