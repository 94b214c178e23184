import GTMModel

/// Rules of the `triggers` dimension: every trigger is used and unique, custom events match
/// exactly, conversions do not fire on every page, no tag is fired and blocked by the same
/// trigger, regexes compile and cannot backtrack forever, timers stop, and groups are complete.
///
/// Loops over all triggers or tags go by index and read fields through the array: copying each
/// entity (a dozen reference-counted fields) would cost more than most checks.
enum TriggerRules {
    static let all: [any Rule] = [
        Orphan(), Duplicate(), CustomEventNotEquals(), ConversionOnAllPages(), FiresAndBlocks(), InvalidRegex(),
        UnboundedTimer(), GroupMissingMember(),
    ]

    struct Orphan: Rule {
        let descriptor = RuleDescriptor(
            "orphan", .triggers, .warning,
            title: "A trigger fires, blocks and groups nothing",
            rationale: "A trigger that no tag lists as a firing or blocking trigger and no trigger group contains has no effect. Orphan triggers are left behind when tags are deleted or re-pointed; they clutter the trigger list and make it look as if an interaction is tracked when it is not. Listener triggers (clicks, timers, scroll, visibility) that are orphaned may still install their listeners on the page.",
            hint: "Delete the trigger, or attach it to the tag that was meant to use it.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let graph = context.graph
            let triggers = context.container.triggers
            for index in triggers.indices {
                let me = triggers[index].reference
                results.check(graph.isTriggerUsed(me.id), me,
                              "Trigger \"\(me.name)\" is used by no tag (firing or blocking) and no trigger group.")
            }
        }
    }

    struct Duplicate: Rule {
        let descriptor = RuleDescriptor(
            "duplicate", .triggers, .warning,
            title: "Two triggers have the same type and the same conditions",
            rationale: "Two triggers that fire on exactly the same events split the tags that should move together: a later fix to one (a new exclusion, a renamed event) misses the tags on the other. Conditions are compared as normalised sets (their order within an array does not matter, `negate`/`ignore_case` false equals absent); names, folders and notes are ignored.",
            hint: "Move the tags of the duplicate onto the first trigger and delete the duplicate.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let triggers = context.container.triggers, types = TriggerRules.Facts.of(context).types
            var first: [TriggerRules.Canonical.TriggerSettings: Int] = [:]
            for index in triggers.indices {
                let key = TriggerRules.Canonical.TriggerSettings(triggers, index, type: types[index])
                if let original = first[key].map({ triggers[$0].name }) {
                    results.fail(triggers[index].reference,
                                 "Trigger \"\(triggers[index].name)\" has the same type (\(triggers[index].type)) and conditions as \"\(original)\".",
                                 ref: original)
                } else {
                    first[key] = index
                    results.pass()
                }
            }
        }
    }

    struct CustomEventNotEquals: Rule {
        let descriptor = RuleDescriptor(
            "custom_event_not_equals", .triggers, .warning,
            title: "A custom-event trigger matches the event name partially",
            rationale: "A custom-event trigger that matches `{{_event}}` with contains, starts-with, ends-with or an unanchored regex also fires on every other event whose name includes the text: `purchase` matches `purchase_refund_requested`, `view_item` matches `view_item_list`. The extra firings inflate conversions and send events with the wrong parameters. Exact matches (equals, or a regex anchored with ^…$ such as `^(purchase|refund)$`) fire only on the events meant; a deliberate catch-all `.*` is accepted.",
            hint: "Use \"equals\" with the exact event name, or anchor the regex: ^(event_a|event_b)$.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let triggers = context.container.triggers, types = TriggerRules.Facts.of(context).types
            for index in triggers.indices where types[index] == "customevent" {
                let trigger = triggers[index]
                let conditions = trigger.customEventFilters.filter { $0.left.map(VariableRules.withoutWhitespace) == "{{_event}}" && !$0.isNegated }
                guard !conditions.isEmpty else { continue }
                var problem: (pattern: String, why: String)?
                for condition in conditions {
                    let pattern = condition.right ?? ""
                    switch TriggerRules.normalized(condition.type) {
                    case "contains": problem = (pattern, "contains")
                    case "startswith": problem = (pattern, "starts with")
                    case "endswith": problem = (pattern, "ends with")
                    case "matchregex":
                        if !pattern.contains("{{"), !TriggerRules.RegexCheck.isExactMatch(pattern) {
                            problem = (pattern, "matches the unanchored regex")
                        }
                    default: break
                    }
                    if problem != nil { break }
                }
                if let problem {
                    results.fail(trigger.reference,
                                 "Custom-event trigger \"\(trigger.name)\" fires when the event name \(problem.why) \"\(problem.pattern)\", so it also fires on other events containing that text.",
                                 ref: problem.pattern)
                } else {
                    results.pass()
                }
            }
        }
    }

    struct ConversionOnAllPages: Rule {
        /// Tag types that record a conversion whenever they fire. (Floodlight counters, `flc`,
        /// are left out: a site-wide counter is the usual way to build a Floodlight audience.)
        static let conversionTypes: Set<String> = ["awct", "fls"]
        /// Events that are conversions when a tag names them itself.
        static let conversionEvents: Set<String> = ["purchase", "generate_lead", "sign_up"]

        let descriptor = RuleDescriptor(
            "conversion_on_all_pages", .triggers, .error,
            title: "A conversion tag fires on every page",
            rationale: "A Google Ads conversion, Floodlight sales tag or a tag that sends purchase, generate_lead or sign_up, firing on All Pages (or Initialization, or an unfiltered Page View, DOM Ready or Window Loaded trigger), records a conversion for every page view. Conversion counts and values balloon, bidding optimises for browsing, and the real conversions can no longer be told apart.",
            hint: "Fire the conversion on the event that completes it (a custom event such as purchase, or a page-view trigger filtered to the confirmation page); use a remarketing tag for site-wide audiences.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let analysis = context.analysis, facts = TriggerRules.Facts.of(context)
            let tags = context.container.tags
            for index in tags.indices where analysis.isLive[index] {
                // The conversion events the tag names (a name may repeat).
                let declared = analysis.tagProfiles[index].declaredEvents.filter(ConversionOnAllPages.conversionEvents.contains)
                guard ConversionOnAllPages.conversionTypes.contains(tags[index].type) || !declared.isEmpty else { continue }
                let tag = tags[index]
                let everyPage = tag.firingTriggerIds.first { TriggerRules.firesOnEveryPage($0, analysis, facts) }
                if let everyPage {
                    let what = declared.isEmpty ? "conversion tag (\(tag.type))" : "tag sending \(Set(declared).sorted().joined(separator: ", "))"
                    let trigger = analysis.trigger(id: everyPage).map { "\"\($0.name)\"" } ?? BuiltInTrigger.name(of: everyPage)
                    results.fail(tag.reference,
                                 "The \(what) \"\(tag.name)\" fires on \(trigger), so every page view counts as a conversion.",
                                 ref: everyPage)
                } else {
                    results.pass()
                }
            }
        }
    }

    struct FiresAndBlocks: Rule {
        let descriptor = RuleDescriptor(
            "fires_and_blocks", .triggers, .error,
            title: "A tag is fired and blocked by the same trigger",
            rationale: "Blocking triggers win over firing triggers, so a trigger listed as both never fires the tag. Whoever added it as a firing trigger expected the tag to run on that event; it silently does not.",
            hint: "Remove the trigger from either the firing or the blocking list, whichever was not intended.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let tags = context.container.tags
            for index in tags.indices where !tags[index].firingTriggerIds.isEmpty && !tags[index].blockingTriggerIds.isEmpty {
                let tag = tags[index]
                let blocking = Set(tag.blockingTriggerIds)
                var shared: [String] = []
                for id in tag.firingTriggerIds where blocking.contains(id) && !shared.contains(id) { shared.append(id) }
                guard !shared.isEmpty else {
                    results.pass()
                    continue
                }
                for id in shared {
                    let name = context.analysis.trigger(id: id).map { "\"\($0.name)\"" } ?? "id \(id)"
                    results.fail(tag.reference, "Tag \"\(tag.name)\" lists trigger \(name) both as firing and as blocking trigger, so it never fires on it.", ref: id)
                }
            }
        }
    }

    struct InvalidRegex: Rule {
        let descriptor = RuleDescriptor(
            "invalid_regex", .triggers, .error,
            title: "A trigger's regex does not compile or can backtrack catastrophically",
            rationale: "A \"matches RegEx\" condition with a pattern that does not compile never matches (GTM refuses to save it in the UI, but imports and API edits can carry one). Nested unbounded quantifiers such as `(a+)+` or `(.*)*` make the regex engine try exponentially many ways to match a long URL or click text, freezing the page (or the server container) on every event the trigger evaluates.",
            hint: "Fix the pattern (GTM uses RE2 syntax); replace nested quantifiers with a single one, e.g. `(a+)+` → `a+`, `(.*)*` → `.*`.")

        /// What the rule concludes about a pattern.
        enum Verdict { case valid, compileError(String), nestedQuantifier(String) }

        static func verdict(on pattern: String, ignoreCase: Bool) -> Verdict {
            if let error = TriggerRules.RegexCheck.compileError(pattern, ignoreCase: ignoreCase) { return .compileError(error) }
            if let nested = TriggerRules.RegexCheck.nestedQuantifier(in: pattern) { return .nestedQuantifier(nested) }
            return .valid
        }

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            // Copied triggers repeat their patterns: each distinct pattern is compiled once.
            struct Pattern: Hashable { var text: String, ignoreCase: Bool }
            var verdicts: [Pattern: Verdict] = [:]
            let triggers = context.container.triggers
            func judge(_ conditions: [Condition], of trigger: EntityReference) {
                for i in conditions.indices where TriggerRules.normalized(conditions[i].type) == "matchregex" {
                    guard let pattern = conditions[i].right, !pattern.contains("{{") else { continue }
                    let key = Pattern(text: pattern, ignoreCase: conditions[i].ignoresCase)
                    let verdict: Verdict
                    if let known = verdicts[key] {
                        verdict = known
                    } else {
                        verdict = InvalidRegex.verdict(on: pattern, ignoreCase: key.ignoreCase)
                        verdicts[key] = verdict
                    }
                    switch verdict {
                    case .compileError(let error):
                        results.fail(trigger, "Trigger \"\(trigger.name)\" has a regex that does not compile (\(error)): \(pattern)", ref: pattern)
                    case .nestedQuantifier(let nested):
                        results.fail(trigger,
                                     "Trigger \"\(trigger.name)\" has a regex with the nested quantifier \(nested), which can backtrack catastrophically: \(pattern)",
                                     ref: pattern)
                    case .valid:
                        results.pass()
                    }
                }
            }
            for index in triggers.indices {
                let trigger = triggers[index].reference
                judge(triggers[index].filters, of: trigger)
                judge(triggers[index].customEventFilters, of: trigger)
                judge(triggers[index].autoEventFilters, of: trigger)
            }
        }
    }

    struct UnboundedTimer: Rule {
        static let minimumInterval = 1000

        let descriptor = RuleDescriptor(
            "unbounded_timer", .triggers, .warning,
            title: "A timer trigger has no limit or fires more than once a second",
            rationale: "A timer trigger without a limit pushes a gtm.timer event every interval for as long as the page is open, and an interval under a second floods the data layer; each firing runs every tag on the trigger and every trigger's conditions. Engagement timers are meant to fire a bounded number of times.",
            hint: "Set \"Limit number of times to fire\" (usually 1) and an interval of at least 1000 ms.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let triggers = context.container.triggers, types = TriggerRules.Facts.of(context).types
            for index in triggers.indices where types[index] == "timer" {
                let trigger = triggers[index]
                var problems: [String] = []
                let limit = trigger.parameters.value("limit").map(VariableRules.withoutWhitespace) ?? ""
                if limit.isEmpty || limit == "0" || (Int(limit).map { $0 <= 0 } ?? false) {
                    problems.append("has no limit")
                }
                if let intervalText = trigger.parameters.value("interval").map(VariableRules.withoutWhitespace), let interval = Int(intervalText),
                   interval < UnboundedTimer.minimumInterval
                {
                    problems.append("fires every \(interval) ms")
                }
                results.check(problems.isEmpty, trigger.reference,
                              "Timer trigger \"\(trigger.name)\" \(problems.joined(separator: " and ")).")
            }
        }
    }

    struct GroupMissingMember: Rule {
        let descriptor = RuleDescriptor(
            "group_missing_member", .triggers, .error,
            title: "A trigger group lists a trigger that does not exist",
            rationale: "A trigger group fires once every listed trigger has fired. A member id that is neither a trigger of the container nor a built-in trigger can never fire, so the group, and every tag on it, never fires either.",
            hint: "Remove the missing id from the group, or add the trigger it should wait for.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let graph = context.graph
            let triggers = context.container.triggers
            for index in triggers.indices {
                for id in triggers[index].groupMemberIds {
                    let exists = BuiltInTrigger.isBuiltIn(id) || graph.triggerIndexById[id] != nil
                    results.check(exists, triggers[index].reference,
                                  "Trigger group \"\(triggers[index].name)\" waits for trigger id \(id), which does not exist.", ref: id)
                }
            }
        }
    }

    /// Facts the trigger rules share within one scoring.
    struct Facts {
        /// The normalised type of each trigger, by index.
        let types: [String]

        static func of(_ context: ScoringContext) -> Facts {
            context.shared.value(Facts.self) {
                let triggers = context.container.triggers
                return Facts(types: triggers.indices.map { TriggerRules.normalized(triggers[$0].type) })
            }
        }
    }

    /// `CUSTOM_EVENT` and `customEvent` both become `customevent`.
    static func normalized(_ type: String) -> String {
        var type = type
        // ASCII (every GTM type): lowercase and drop underscores byte by byte.
        let ascii: String? = type.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var count = 0
                for byte in bytes where byte != UInt8(ascii: "_") {
                    buffer[count] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                    count += 1
                }
                return count
            }
        }
        return ascii ?? String(type.lowercased().filter { $0 != "_" })
    }

    /// Whether a firing trigger id fires on every page: a built-in page trigger, or a page-load or
    /// initialization trigger whose conditions all always hold.
    static func firesOnEveryPage(_ id: String, _ analysis: ContainerAnalysis, _ facts: Facts) -> Bool {
        guard let index = analysis.graph.triggerIndexById[id] else {
            return id == BuiltInTrigger.allPages || id == BuiltInTrigger.initialization || id == BuiltInTrigger.consentInitialization
        }
        switch facts.types[index] {
        case "pageview", "domready", "windowloaded", "init", "consentinit":
            return analysis.container.triggers[index].filters.allSatisfy(RegexCheck.alwaysHolds)
        default:
            return false
        }
    }
}
