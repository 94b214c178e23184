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
            let analysis = context.analysis
            for record in context.tagRecords where record.isLive {
                let events = ParameterFacts.events(ofTag: record.index, in: analysis).names
                let purchase = ["purchase", "refund"].first { events.contains($0) }
                let fields: ParameterFacts.Fields
                let key: String
                switch record.tag.type {
                case "gaawe":
                    guard purchase != nil else { continue }
                    fields = ParameterFacts.ga4Fields(record.tag, in: context)
                    key = "transaction_id"
                case "awct":
                    let template = ParameterFacts.templateFields(record.tag)
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
                        results.fail(record.tag.reference, "Tag \"\(record.tag.name)\" sends \(what) with an empty \(setting.origin).", ref: key)
                    default:
                        results.fail(record.tag.reference, "Tag \"\(record.tag.name)\" sends \(what) with the literal \(setting.origin) \"\(ParameterCode.trim(setting.raw))\": every order after the first is a duplicate.", ref: key)
                    }
                } else if fields.inherited.contains(.transactionId) {
                    results.pass()
                } else {
                    results.fail(record.tag.reference, "Tag \"\(record.tag.name)\" sends \(what) without a transaction id (\(key)).", ref: key)
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
            for record in context.tagRecords where record.isLive && ParameterFacts.destination(ofTag: record.index, in: context.analysis) == .meta && record.profile.role == .measurement {
                let conversions = context.analysis.tagEvents[record.index].names.filter { EventNames.conversions.contains($0) }
                guard !conversions.isEmpty else { continue }
                var missing: [String] = []
                if let code = record.tag.html {
                    for call in ParameterCode.eventCalls(in: code) where call.destination == .meta {
                        let event = EventNames.canonical(call.name, for: .meta)
                        guard EventNames.conversions.contains(event) else { continue }
                        var fields = ParameterFacts.Fields()
                        if case .object(let text)? = call.options {
                            for (key, value) in ParameterCode.objectFields(text) where key == "eventID" || key == "event_id" {
                                fields.explicit[.eventId] = ParameterFacts.Setting(raw: value, origin: key, isCode: true)
                            }
                        } else if case .other(let text)? = call.options, !text.isEmpty {
                            fields.inherited.insert(.eventId)
                        }
                        if !fields.provides(.eventId), !missing.contains(event) { missing.append(event) }
                    }
                } else {
                    let fields = ParameterFacts.templateFields(record.tag)
                    if !fields.provides(.eventId) { missing = conversions }
                }
                results.check(missing.isEmpty, record.tag.reference,
                              "Meta tag \"\(record.tag.name)\" sends \(missing.joined(separator: ", ")) without an event id, so pixel and Conversions API events cannot be deduplicated.",
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

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let analysis = context.analysis
            let configTypes: Set<String> = ["googtag", "gaawc"]
            var seen: [(index: Int, destination: Destination, key: String)] = []
            for record in context.tagRecords where record.isLive {
                // An unknown vendor's tags may talk to different vendors: nothing to compare.
                guard let destination = ParameterFacts.destination(ofTag: record.index, in: context.analysis), destination != .otherVendor,
                      record.profile.role == .measurement || record.profile.role == .googleTagConfig
                else { continue }
                let account = ParameterFacts.account(ofTag: record.index, in: context)
                let declares = !record.profile.declaredEvents.isEmpty
                var conflict: (index: Int, event: String)?
                search: for earlier in seen where earlier.destination == destination && earlier.key == account.key {
                    let earlierTag = context.container.tags[earlier.index]
                    // Two Google tags are duplicate_google_tag's; identical tags are duplicate_tag's.
                    if configTypes.contains(record.tag.type), configTypes.contains(earlierTag.type) { continue }
                    if DuplicateTag.signature(record.tag) == DuplicateTag.signature(earlierTag) { continue }
                    // What a template or code tag sends on its trigger is only known when it names its
                    // event (two tags of one template may identify a user and track an event); without
                    // an account id, both must name it.
                    let earlierDeclares = !analysis.tagProfiles[earlier.index].declaredEvents.isEmpty
                    if !declares, !SameEventTwice.behavesByType(record.tag) { continue }
                    if !earlierDeclares, !SameEventTwice.behavesByType(earlierTag) { continue }
                    if !account.isIdentified, !declares || !earlierDeclares { continue }
                    let shared = Set(record.tag.firingTriggerIds).intersection(context.container.tags[earlier.index].firingTriggerIds)
                    for trigger in shared.sorted() {
                        let common = ParameterFacts.events(ofTag: record.index, onTrigger: trigger, in: analysis)
                            .intersection(ParameterFacts.events(ofTag: earlier.index, onTrigger: trigger, in: analysis))
                        if let event = common.sorted().first {
                            conflict = (earlier.index, event)
                            break search
                        }
                    }
                }
                seen.append((record.index, destination, account.key))
                if let conflict {
                    let other = context.container.tags[conflict.index]
                    let event = conflict.event == "*" ? "the same events" : "\"\(conflict.event)\""
                    results.fail(record.tag.reference, "Tag \"\(record.tag.name)\" sends \(event) to \(destination.displayName) like tag \"\(other.name)\", to the same account and on the same trigger, so it is recorded twice.", ref: other.id)
                } else {
                    results.pass()
                }
            }
        }

        /// Built-in types whose hit is fixed by the type (a conversion, a GA4 event, a page view),
        /// unlike templates and code, which can do anything on their trigger.
        static func behavesByType(_ tag: Tag) -> Bool {
            !tag.isCustomTemplate && !["html", "img", "http_request"].contains(tag.type)
        }
    }

    struct DuplicateTag: Rule {
        let descriptor = RuleDescriptor(
            "duplicate_tag", .dedup, .warning,
            title: "Two live tags are identical (same type, parameters and triggers)",
            rationale: "Two tags of the same type with the same parameters, firing and blocking triggers do exactly the same thing twice: the destination receives every hit in double. Such copies come from imports, merges and \"Copy of\" tags that were never finished.",
            hint: "Delete one of the two tags.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            var first: [String: Int] = [:]
            for record in context.tagRecords where record.isLive {
                let signature = DuplicateTag.signature(record.tag)
                if let earlier = first[signature] {
                    let other = context.container.tags[earlier]
                    results.fail(record.tag.reference, "Tag \"\(record.tag.name)\" is identical to tag \"\(other.name)\" (type, parameters and triggers) and fires with it.", ref: other.id)
                } else {
                    first[signature] = record.index
                    results.pass()
                }
            }
        }

        /// Type, parameters as a normalised set (recursively), firing and blocking trigger sets.
        static func signature(_ tag: Tag) -> String {
            func encode(_ s: String) -> String { "\(s.utf8.count):\(s)" }
            func normalised(_ p: Parameter) -> String {
                let children = (p.list + p.map).map(normalised).sorted()
                return encode(p.key ?? "") + encode(p.value ?? "") + "[" + children.map(encode).joined() + "]"
            }
            return [encode(tag.type), tag.parameters.map(normalised).sorted().map(encode).joined(),
                    Set(tag.firingTriggerIds).sorted().map(encode).joined(), Set(tag.blockingTriggerIds).sorted().map(encode).joined()]
                .map(encode).joined()
        }
    }

    struct ConversionFiringOption: Rule {
        let descriptor = RuleDescriptor(
            "conversion_firing_option", .dedup, .warning,
            title: "A conversion tag may fire more than once per event (firing option Unlimited)",
            rationale: "With the firing option Unlimited, a tag fires every time it is triggered or sequenced within one event, so a conversion tag that is also another tag's setup or teardown tag, or that two triggers match, reports one purchase several times. Conversion tags should fire once per event.",
            hint: "Set the tag's firing option (Advanced Settings → Tag firing options) to Once per event.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            for record in context.tagRecords where record.isLive {
                let isConversion = ParameterFacts.adsConversionTypes.contains(record.tag.type)
                    || (record.profile.role == .measurement && ParameterFacts.destination(ofTag: record.index, in: context.analysis) != nil
                        && ParameterFacts.events(ofTag: record.index, in: context.analysis).names.contains("purchase"))
                guard isConversion else { continue }
                results.check(record.tag.firingOption != "UNLIMITED" && record.tag.firingOption != "unlimited", record.tag.reference,
                              "Conversion tag \"\(record.tag.name)\" fires Unlimited times per event and can report one conversion several times.",
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
            for record in context.tagRecords where record.isLive && record.tag.type == "googtag" {
                let id = ParameterCode.trim(record.tag.parameters.value("tagId") ?? "")
                guard !id.isEmpty else { continue }
                let key = id.contains("{{") ? id : id.uppercased()
                if let earlier = first[key] {
                    let other = context.container.tags[earlier]
                    results.fail(record.tag.reference, "Google tag \"\(record.tag.name)\" loads the tag id \(id), like Google tag \"\(other.name)\".", ref: other.id)
                } else {
                    first[key] = record.index
                    results.pass()
                }
            }
        }
    }
}
