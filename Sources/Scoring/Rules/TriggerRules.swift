import GTMModel

/// Rules of the `triggers` dimension: every trigger is used and unique, custom events match
/// exactly, conversions do not fire on every page, no tag is fired and blocked by the same
/// trigger, regexes compile and cannot backtrack forever, timers stop, and groups are complete.
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
            for trigger in context.container.triggers {
                results.check(context.graph.isTriggerUsed(trigger.id), trigger.reference,
                              "Trigger \"\(trigger.name)\" is used by no tag (firing or blocking) and no trigger group.")
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
            var first: [String: Trigger] = [:]
            for trigger in context.container.triggers {
                let key = TriggerRules.Canonical.trigger(trigger)
                if let original = first[key] {
                    results.fail(trigger.reference,
                                 "Trigger \"\(trigger.name)\" has the same type (\(trigger.type)) and conditions as \"\(original.name)\".",
                                 ref: original.name)
                } else {
                    first[key] = trigger
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
            for trigger in context.container.triggers where TriggerRules.normalized(trigger.type) == "customevent" {
                let conditions = trigger.customEventFilters.filter { $0.left?.filter { !$0.isWhitespace } == "{{_event}}" && !$0.isNegated }
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
            let analysis = context.analysis
            for record in context.tagRecords where record.isLive {
                let declared = Set(record.profile.declaredEvents).intersection(ConversionOnAllPages.conversionEvents)
                guard ConversionOnAllPages.conversionTypes.contains(record.tag.type) || !declared.isEmpty else { continue }
                let everyPage = record.tag.firingTriggerIds.first { TriggerRules.firesOnEveryPage($0, analysis) }
                if let everyPage {
                    let what = declared.isEmpty ? "conversion tag (\(record.tag.type))" : "tag sending \(declared.sorted().joined(separator: ", "))"
                    let trigger = analysis.trigger(id: everyPage).map { "\"\($0.name)\"" } ?? BuiltInTrigger.name(of: everyPage)
                    results.fail(record.tag.reference,
                                 "The \(what) \"\(record.tag.name)\" fires on \(trigger), so every page view counts as a conversion.",
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
            for tag in context.container.tags where !tag.firingTriggerIds.isEmpty && !tag.blockingTriggerIds.isEmpty {
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

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            for trigger in context.container.triggers {
                let conditions = trigger.filters + trigger.customEventFilters + trigger.autoEventFilters
                for condition in conditions where TriggerRules.normalized(condition.type) == "matchregex" {
                    guard let pattern = condition.right, !pattern.contains("{{") else { continue }
                    if let error = TriggerRules.RegexCheck.compileError(pattern, ignoreCase: condition.ignoresCase) {
                        results.fail(trigger.reference, "Trigger \"\(trigger.name)\" has a regex that does not compile (\(error)): \(pattern)", ref: pattern)
                    } else if let nested = TriggerRules.RegexCheck.nestedQuantifier(in: pattern) {
                        results.fail(trigger.reference,
                                     "Trigger \"\(trigger.name)\" has a regex with the nested quantifier \(nested), which can backtrack catastrophically: \(pattern)",
                                     ref: pattern)
                    } else {
                        results.pass()
                    }
                }
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
            for trigger in context.container.triggers where TriggerRules.normalized(trigger.type) == "timer" {
                var problems: [String] = []
                let limit = trigger.parameters.value("limit")?.filter { !$0.isWhitespace } ?? ""
                if limit.isEmpty || limit == "0" || (Int(limit).map { $0 <= 0 } ?? false) {
                    problems.append("has no limit")
                }
                if let intervalText = trigger.parameters.value("interval")?.filter({ !$0.isWhitespace }), let interval = Int(intervalText),
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
            for trigger in context.container.triggers {
                for id in trigger.groupMemberIds {
                    let exists = BuiltInTrigger.isBuiltIn(id) || context.graph.triggerIndexById[id] != nil
                    results.check(exists, trigger.reference, "Trigger group \"\(trigger.name)\" waits for trigger id \(id), which does not exist.", ref: id)
                }
            }
        }
    }

    /// `CUSTOM_EVENT` and `customEvent` both become `customevent`.
    static func normalized(_ type: String) -> String {
        String(type.lowercased().filter { $0 != "_" })
    }

    /// Whether a firing trigger id fires on every page: a built-in page trigger, or a page-load or
    /// initialization trigger whose conditions all always hold.
    static func firesOnEveryPage(_ id: String, _ analysis: ContainerAnalysis) -> Bool {
        guard let trigger = analysis.trigger(id: id) else {
            return id == BuiltInTrigger.allPages || id == BuiltInTrigger.initialization || id == BuiltInTrigger.consentInitialization
        }
        switch normalized(trigger.type) {
        case "pageview", "domready", "windowloaded", "init", "consentinit":
            return trigger.filters.allSatisfy(RegexCheck.alwaysHolds)
        default:
            return false
        }
    }
}
