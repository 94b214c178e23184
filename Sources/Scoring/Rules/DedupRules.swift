import GTMModel

/// Rules of the `dedup` dimension: every conversion is counted once, by every destination.
enum DedupRules {
    static let all: [any Rule] = [
        TransactionId(), MetaEventId(), SameEventTwice(), DuplicateTag(), ConversionFiringOption(), DuplicateGoogleTag(),
    ]

    struct TransactionId: Rule {
        let descriptor = RuleDescriptor(
            "transaction_id", .dedup, .error,
            title: "A GA4 or Google Ads purchase has no transaction id from a variable",
            rationale: "GA4 and Google Ads deduplicate purchases by transaction id: a reload of the confirmation page, a second tab or a retried data-layer push is counted once only if the id is the order's. Without an id every repeat is a new purchase; with a literal id (or an empty one) GA4 keeps the first purchase and drops every later one as a duplicate. GA4 tags that send the data layer's ecommerce object take the id from it. Google Ads conversions are judged when they fire on a purchase or send a dynamic value.",
            hint: "Set transaction_id (GA4) or orderId (Google Ads) to a {{variable}} holding the order id, e.g. a Data Layer Variable for ecommerce.transaction_id.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let facts = ParameterFacts.TagFacts.of(context)
            let analysis = context.analysis
            let tags = analysis.container.tags
            for index in tags.indices where analysis.isLive[index] && (tags[index].type == "gaawe" || tags[index].type == "awct") {
                let tag = tags[index]
                let events = facts.events[index].names
                let purchase = ["purchase", "refund"].first { events.contains($0) }
                let fields: ParameterFacts.Fields
                let key: String
                switch tag.type {
                case "gaawe":
                    guard purchase != nil else { continue }
                    fields = facts.fields(ofTag: index, event: purchase)
                    key = "transaction_id"
                case "awct":
                    let template = facts.templateFields(ofTag: index, in: context)
                    let dynamicValue = template.variable(.value) != nil
                    guard purchase != nil || dynamicValue else { continue }
                    fields = template
                    key = "orderId"
                default:
                    continue
                }
                let what = purchase.map { "a \($0) event" } ?? "a conversion"
                if let setting = fields.explicit[.transactionId] {
                    switch setting.kind {
                    case .variable, .expression:
                        results.pass()
                    case .empty:
                        results.fail(tag.reference, "Tag \"\(tag.name)\" sends \(what) with an empty \(setting.origin).", ref: key)
                    default:
                        results.fail(tag.reference, "Tag \"\(tag.name)\" sends \(what) with the literal \(setting.origin) \"\(ParameterCode.trim(setting.raw))\": every order after the first is a duplicate.", ref: key)
                    }
                } else if fields.inherited.contains(.transactionId) {
                    results.pass()
                } else {
                    results.fail(tag.reference, "Tag \"\(tag.name)\" sends \(what) without a transaction id (\(key)).", ref: key)
                }
            }
        }
    }

    struct MetaEventId: Rule {
        let descriptor = RuleDescriptor(
            "meta_event_id", .dedup, .warning,
            title: "A Meta pixel conversion is sent without an event id",
            rationale: "When the same conversion reaches Meta from the browser pixel and from the Conversions API, Meta counts it once only if both carry the same event id (and event name). A pixel event without `eventID` cannot be matched to its server twin, so every conversion sent both ways is counted twice, and Events Manager reports poor deduplication. In Custom HTML the id is the `eventID` of fbq's options (the argument after the event data); in templates it is the event id field. Server containers are not judged: their tags take the id from the incoming event.",
            hint: "Pass an event id from a variable shared with the server event, e.g. fbq('track', 'Purchase', {…}, {eventID: '{{Event ID}}'}), or set the template's Event ID field.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard !context.container.isServer else { return }
            let facts = ParameterFacts.TagFacts.of(context)
            let analysis = context.analysis
            for index in analysis.container.tags.indices
            where analysis.isLive[index] && facts.destinations[index] == .meta && analysis.tagProfiles[index].role == .measurement {
                let conversions = analysis.tagEvents[index].names.filter { EventNames.conversions.contains($0) }
                guard !conversions.isEmpty else { continue }
                let tag = analysis.container.tags[index]
                var missing: [String] = []
                if tag.html != nil {
                    for code in facts.eventCalls(ofTag: index) where code.call.destination == .meta {
                        let event = code.event
                        guard EventNames.conversions.contains(event) else { continue }
                        var fields = ParameterFacts.Fields()
                        if case .object(let text)? = code.call.options {
                            for (key, value) in ParameterCode.objectFields(text) where key == "eventID" || key == "event_id" {
                                fields.explicit[.eventId] = ParameterFacts.Setting(raw: value, origin: key, isCode: true)
                            }
                        } else if case .other(let text)? = code.call.options, !text.isEmpty {
                            fields.inherited.insert(.eventId)
                        }
                        if !fields.provides(.eventId), !missing.contains(event) { missing.append(event) }
                    }
                } else {
                    let fields = facts.templateFields(ofTag: index, in: context)
                    if !fields.provides(.eventId) { missing = conversions }
                }
                results.check(missing.isEmpty, tag.reference,
                              "Meta tag \"\(tag.name)\" sends \(missing.joined(separator: ", ")) without an event id, so pixel and Conversions API events cannot be deduplicated.",
                              ref: missing.joined(separator: ","))
            }
        }
    }

    struct SameEventTwice: Rule {
        let descriptor = RuleDescriptor(
            "same_event_twice", .dedup, .warning,
            title: "Two live tags send the same event to the same account on the same trigger",
            rationale: "When two live tags send one event to the same destination and account (the same GA4 measurement id, Ads conversion id and label, or pixel) and fire on the same trigger, every occurrence is recorded twice: doubled page views, doubled purchases and revenue, and bidding that optimises on inflated numbers. This usually comes from an imported or copied tag left beside the original, or a Google tag that sends page_view next to a GA4 page_view event tag.",
            hint: "Keep one of the two tags (pause or delete the other), or move one to a different trigger if they measure different things.")

        /// Where and when a tag sends: its destination and one of its triggers.
        private struct Slot: Hashable {
            var destination: Destination
            var trigger: String
        }

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let analysis = context.analysis
            let facts = ParameterFacts.TagFacts.of(context)
            let identical = DuplicateTag.Identical.of(context)
            let tags = analysis.container.tags
            let configTypes: Set<String> = ["googtag", "gaawc"]
            // The accounts of the tags compared so far (read only for tags that share a destination
            // and a trigger with another).
            var accounts = [(key: String, isIdentified: Bool)?](repeating: nil, count: tags.count)
            func account(_ index: Int) -> (key: String, isIdentified: Bool) {
                if let known = accounts[index] { return known }
                let account = ParameterFacts.account(ofTag: index, codeAccountIds: facts.codeAccountIds(ofTag: index), in: context)
                accounts[index] = account
                return account
            }
            // The tags judged so far by destination and trigger, in container order.
            var seen: [Slot: [Int]] = [:]
            seen.reserveCapacity(tags.count)
            for index in tags.indices where analysis.isLive[index] {
                let profile = analysis.tagProfiles[index]
                // An unknown vendor's tags may talk to different vendors: nothing to compare.
                guard let destination = facts.destinations[index], destination != .otherVendor,
                      profile.role == .measurement || profile.role == .googleTagConfig
                else { continue }
                let type = tags[index].type
                let declares = !profile.declaredEvents.isEmpty
                // What a template or code tag sends on its trigger is only known when it names its
                // event (two tags of one template may identify a user and track an event): such a
                // tag is never compared.
                guard declares || SameEventTwice.behavesByType(type) else {
                    results.pass()
                    continue
                }
                // Only an earlier tag to the same destination and account on one of this tag's
                // triggers can conflict; the first that does is reported. The tag joins them.
                let firing = tags[index].firingTriggerIds
                var candidates: [Int] = []
                for trigger in DuplicateTag.triggerSet(firing) {
                    let slot = Slot(destination: destination, trigger: trigger)
                    if let position = seen.index(forKey: slot) {
                        candidates += seen.values[position]
                        seen.values[position].append(index)
                    } else {
                        seen[slot] = [index]
                    }
                }
                candidates.sort()
                var conflict: (index: Int, event: String)?
                search: for (position, earlier) in candidates.enumerated() where position == 0 || candidates[position - 1] != earlier {
                    let mine = account(index)
                    guard account(earlier).key == mine.key else { continue }
                    // Two Google tags are duplicate_google_tag's; identical tags are duplicate_tag's.
                    if configTypes.contains(type), configTypes.contains(tags[earlier].type) { continue }
                    if identical.first[index] == identical.first[earlier] { continue }
                    // Without an account id, both must name their event.
                    if !mine.isIdentified, !declares || analysis.tagProfiles[earlier].declaredEvents.isEmpty { continue }
                    let shared = Set(firing).intersection(tags[earlier].firingTriggerIds)
                    for trigger in shared.sorted() {
                        let common = ParameterFacts.events(ofTag: index, onTrigger: trigger, in: analysis)
                            .intersection(ParameterFacts.events(ofTag: earlier, onTrigger: trigger, in: analysis))
                        if let event = common.sorted().first {
                            conflict = (earlier, event)
                            break search
                        }
                    }
                }
                if let conflict {
                    let tag = tags[index], other = tags[conflict.index]
                    let event = conflict.event == "*" ? "the same events" : "\"\(conflict.event)\""
                    results.fail(tag.reference, "Tag \"\(tag.name)\" sends \(event) to \(destination.displayName) like tag \"\(other.name)\", to the same account and on the same trigger, so it is recorded twice.", ref: other.id)
                } else {
                    results.pass()
                }
            }
        }

        /// Whether a tag of this type sends a hit fixed by its type (a conversion, a GA4 event, a
        /// page view), unlike templates and code, which can do anything on their trigger.
        static func behavesByType(_ type: String) -> Bool {
            switch type {
            case "html", "img", "http_request": false
            default: !type.hasPrefix("cvt_")
            }
        }
    }

    struct DuplicateTag: Rule {
        let descriptor = RuleDescriptor(
            "duplicate_tag", .dedup, .warning,
            title: "Two live tags are identical (same type, parameters and triggers)",
            rationale: "Two tags of the same type with the same parameters, firing and blocking triggers do exactly the same thing twice: the destination receives every hit in double. Such copies come from imports, merges and \"Copy of\" tags that were never finished.",
            hint: "Delete one of the two tags.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let identical = Identical.of(context)
            let tags = context.container.tags
            for index in tags.indices {
                guard let first = identical.first[index] else { continue }
                if first != index {
                    results.fail(tags[index].reference, "Tag \"\(tags[index].name)\" is identical to tag \"\(tags[first].name)\" (type, parameters and triggers) and fires with it.", ref: tags[first].id)
                } else {
                    results.pass()
                }
            }
        }

        /// For each live tag, the first live tag identical to it: same type, the same parameters
        /// (compared as sets, recursively, by key and value) and the same firing and blocking
        /// triggers. Shared by `duplicate_tag` and `same_event_twice`.
        struct Identical: Sendable {
            /// Parallel to `container.tags`: the first identical live tag (the tag itself when no
            /// earlier one is); nil for tags that are not live.
            let first: [Int?]

            static func of(_ context: ScoringContext) -> Identical {
                context.shared.value(Identical.self) { Identical(context) }
            }

            /// What identical tags must share, cheap to compare; parameters are compared only
            /// among tags with the same outline.
            private struct Outline: Hashable {
                var type: String
                var firing: [String]
                var blocking: [String]
                var parameterCount: Int
            }

            private init(_ context: ScoringContext) {
                let tags = context.container.tags
                var byOutline: [Outline: [Int]] = [:]
                for index in tags.indices where context.analysis.isLive[index] {
                    let outline = Outline(type: tags[index].type, firing: DuplicateTag.triggerSet(tags[index].firingTriggerIds),
                                          blocking: DuplicateTag.triggerSet(tags[index].blockingTriggerIds), parameterCount: tags[index].parameters.count)
                    byOutline[outline, default: []].append(index)
                }
                var first = [Int?](repeating: nil, count: tags.count)
                for members in byOutline.values {
                    guard members.count > 1 else {
                        first[members[0]] = members[0]
                        continue
                    }
                    // Tags that share an outline are told apart by a fingerprint of their parameters
                    // first, and compared in full only when that matches too. Members are in
                    // container order, so the first of each kind is the earliest.
                    var byFingerprint: [Int: [Int]] = [:]
                    for index in members {
                        byFingerprint[DuplicateTag.fingerprint(tags[index].parameters), default: []].append(index)
                    }
                    for group in byFingerprint.values {
                        var kinds: [(parameters: [NormalizedParameter], first: Int)] = []
                        for index in group {
                            guard group.count > 1 else {
                                first[index] = index
                                continue
                            }
                            let parameters = tags[index].parameters.map(NormalizedParameter.init).sorted()
                            if let kind = kinds.first(where: { $0.parameters == parameters }) {
                                first[index] = kind.first
                            } else {
                                kinds.append((parameters, index))
                                first[index] = index
                            }
                        }
                    }
                }
                self.first = first
            }
        }

        /// A hash of parameters that ignores their order (in lists and maps too): parameters
        /// `NormalizedParameter` finds equal have equal fingerprints.
        private static func fingerprint(_ parameters: [Parameter]) -> Int {
            var sum = 0
            for parameter in parameters {
                var hasher = Hasher()
                hasher.combine(parameter.key ?? "")
                hasher.combine(parameter.value ?? "")
                hasher.combine(fingerprint(parameter.list) &+ fingerprint(parameter.map))
                sum &+= hasher.finalize()
            }
            return sum
        }

        /// Trigger ids as a set: sorted, without repeats.
        static func triggerSet(_ ids: [String]) -> [String] {
            ids.count < 2 ? ids : Set(ids).sorted()
        }

        /// A parameter as duplicates are compared: key and value (absent = empty) and its list and
        /// map members as one set.
        private struct NormalizedParameter: Comparable {
            var key: String
            var value: String
            /// Sorted.
            var children: [NormalizedParameter]

            init(_ parameter: Parameter) {
                key = parameter.key ?? ""
                value = parameter.value ?? ""
                children = (parameter.list + parameter.map).map(NormalizedParameter.init).sorted()
            }

            static func < (lhs: NormalizedParameter, rhs: NormalizedParameter) -> Bool {
                if lhs.key != rhs.key { return lhs.key < rhs.key }
                if lhs.value != rhs.value { return lhs.value < rhs.value }
                return lhs.children.lexicographicallyPrecedes(rhs.children)
            }
        }
    }

    struct ConversionFiringOption: Rule {
        let descriptor = RuleDescriptor(
            "conversion_firing_option", .dedup, .warning,
            title: "A conversion tag may fire more than once per event (firing option Unlimited)",
            rationale: "With the firing option Unlimited, a tag fires every time it is triggered or sequenced within one event, so a conversion tag that is also another tag's setup or teardown tag, or that two triggers match, reports one purchase several times. Conversion tags should fire once per event.",
            hint: "Set the tag's firing option (Advanced Settings → Tag firing options) to Once per event.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let facts = ParameterFacts.TagFacts.of(context)
            let analysis = context.analysis
            let tags = analysis.container.tags
            for index in tags.indices where analysis.isLive[index] {
                let isConversion = ParameterFacts.adsConversionTypes.contains(tags[index].type)
                    || (analysis.tagProfiles[index].role == .measurement && facts.destinations[index] != nil
                        && facts.events[index].names.contains("purchase"))
                guard isConversion else { continue }
                let tag = tags[index]
                results.check(tag.firingOption != "UNLIMITED" && tag.firingOption != "unlimited", tag.reference,
                              "Conversion tag \"\(tag.name)\" fires Unlimited times per event and can report one conversion several times.",
                              ref: "tagFiringOption")
            }
        }
    }

    struct DuplicateGoogleTag: Rule {
        let descriptor = RuleDescriptor(
            "duplicate_google_tag", .dedup, .warning,
            title: "Two live Google tags load the same tag id",
            rationale: "Each Google tag (googtag) with a tag id configures that GA4 property or Ads account and, by default, sends a page_view. Two live Google tags with the same id configure it twice and usually send every page view twice; their settings (server container URL, user data, cookie settings) also compete.",
            hint: "Keep one Google tag per tag id and delete or pause the other.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            var first: [String: Int] = [:]
            let tags = context.container.tags
            for index in tags.indices where context.analysis.isLive[index] && tags[index].type == "googtag" {
                let tag = tags[index]
                let id = ParameterCode.trim(tag.parameters.value("tagId") ?? "")
                guard !id.isEmpty else { continue }
                let key = ParameterCode.containsReference(id) ? id : id.uppercased()
                if let earlier = first[key] {
                    let other = tags[earlier]
                    results.fail(tag.reference, "Google tag \"\(tag.name)\" loads the tag id \(id), like Google tag \"\(other.name)\".", ref: other.id)
                } else {
                    first[key] = index
                    results.pass()
                }
            }
        }
    }
}
