import GTMModel

/// Rules of the `alignment` dimension: one business event reaches every destination, with the
/// same value, currency and transaction-id sources, and (with an AccountState) the conversions
/// the ad accounts use are tagged.
enum AlignmentRules {
    static let all: [any Rule] = [
        EventMissingDestination(), InconsistentValueSource(), AccountConversionUncovered(), ValueWithoutCurrency(),
    ]

    /// The events whose value, currency and transaction id are compared across destinations, in order.
    static let valueEvents = valueEventSet.sorted()
    static let valueEventSet = EventNames.conversions.union(EventNames.monetary)

    /// Destinations that never receive business events (session recording, transports, unknown, sunset).
    static let nonConversionDestinations: Set<Destination> = [.hotjar, .clarity, .serverContainer, .otherVendor, .universalAnalytics]

    /// Conversions that bid-optimised ad platforms count as primary (what a Google Ads or LinkedIn
    /// conversion action is normally created for). Funnel steps such as add_to_cart are optional there.
    static let primaryConversions: Set<String> = ["purchase", "generate_lead", "sign_up", "subscribe", "start_trial", "submit_application"]

    /// The business events a destination is expected to receive.
    static func expectedEvents(for destination: Destination) -> Set<String> {
        switch destination {
        case .ga4, .meta, .tiktok, .pinterest, .snapchat, .reddit, .mixpanel, .amplitude:
            EventNames.conversions
        case .awin:
            ["purchase"]
        case .googleAds, .floodlight, .microsoftAds, .linkedin, .twitter, .criteo:
            primaryConversions
        case .klaviyo, .hubspot:
            // CRM and email platforms get orders and leads from the shop or form backend, not the page.
            []
        case .hotjar, .clarity, .serverContainer, .otherVendor, .universalAnalytics:
            []
        }
    }

    /// What live conversion-sending tags send, per destination: event names and whether some tag
    /// sends events that cannot be listed.
    static func sentEvents(_ context: ScoringContext) -> [Destination: (names: Set<String>, isOpenEnded: Bool)] {
        let facts = ParameterFacts.TagFacts.of(context)
        var sent: [Destination: (names: Set<String>, isOpenEnded: Bool)] = [:]
        for i in context.analysis.liveSendingTags where facts.sendsConversions[i] {
            guard let destination = facts.destinations[i] else { continue }
            let events = facts.events[i]
            var entry = sent[destination] ?? ([], false)
            entry.names.formUnion(events.names)
            entry.isOpenEnded = entry.isOpenEnded || events.isOpenEnded
            sent[destination] = entry
        }
        return sent
    }

    struct EventMissingDestination: Rule {
        let descriptor = RuleDescriptor(
            "event_missing_destination", .alignment, .warning,
            title: "A business event reaches some configured destinations but not another",
            rationale: "When a purchase or lead is sent to GA4 but not to Google Ads or Meta (or the reverse), the platforms disagree about what happened: one reports conversions the other never sees, and the platform without the event cannot optimise bidding on it. Destinations are the tracking plan's, or those the container's live tags measure conversions for; Google Ads, Floodlight, Microsoft Ads, LinkedIn, X and Criteo are expected to receive only primary conversions (purchase, lead, sign-up, subscription, trial, application), Awin only purchases; CRM and email platforms (Klaviyo, HubSpot), session recorders and server transports are not judged. Judged only when at least two such destinations are configured.",
            hint: "Add a tag that sends the event to the missing destination (for Google Ads, a conversion tag on the event's trigger), or remove the destination from the plan if it is not meant to receive it.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let sent = AlignmentRules.sentEvents(context)
            var destinations = context.configuredDestinations.filter { !AlignmentRules.expectedEvents(for: $0).isEmpty }
            if context.plan.destinations.isEmpty { destinations = destinations.filter { sent[$0] != nil } }
            guard destinations.count >= 2 else { return }
            var business = Set<String>()
            for (destination, entry) in sent where destinations.contains(destination) {
                business.formUnion(entry.names.filter { EventNames.conversions.contains($0) && $0 != "conversion" })
            }
            let subject = containerReference(context.container)
            for event in business.sorted() {
                let senders = destinations.filter { sent[$0]?.names.contains(event) == true }.map(\.displayName)
                for destination in destinations where AlignmentRules.expectedEvents(for: destination).contains(event) {
                    let entry = sent[destination]
                    let covered = entry.map { $0.names.contains(event) || $0.isOpenEnded } ?? false
                    results.check(covered, subject,
                                  "The business event \"\(event)\" is sent to \(senders.joined(separator: ", ")) but by no live tag to \(destination.displayName).",
                                  ref: "\(event)→\(destination.rawValue)")
                }
            }
        }
    }

    struct InconsistentValueSource: Rule {
        let descriptor = RuleDescriptor(
            "inconsistent_value_source", .alignment, .warning,
            title: "One business event sends value, currency or transaction id from different variables to different destinations",
            rationale: "When GA4 reads a purchase's value from one variable and Google Ads or Meta from another, the platforms report different revenue for the same orders (gross vs net, with or without shipping, a stale variable), and their conversion counts cannot be reconciled; a different transaction-id source also breaks cross-platform deduplication. Variables count as the same source when they read the same data-layer key, event-data key or constant. Affiliate networks (Awin) are not compared on value: they are paid on net order value by contract.",
            hint: "Send each field from one variable to every destination (or variables that read the same data-layer key), unless the difference is deliberate (e.g. profit to Google Ads).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let facts = ParameterFacts.TagFacts.of(context)
            // The live conversion-sending tags of each event, in container order.
            var sendersByEvent: [String: [Int]] = [:]
            for index in context.analysis.liveSendingTags where facts.sendsConversions[index] {
                for event in facts.events[index].names where AlignmentRules.valueEventSet.contains(event) && sendersByEvent[event]?.last != index {
                    sendersByEvent[event, default: []].append(index)
                }
            }
            for event in AlignmentRules.valueEvents {
                guard let senders = sendersByEvent[event] else { continue }
                guard Set(senders.compactMap { facts.destinations[$0] }).count >= 2 else { continue }
                let fields = senders.map { ($0, facts.fields(ofTag: $0, event: event)) }
                for field in [ParameterFacts.Field.value, .currency, .transactionId] {
                    var entries: [(index: Int, destination: Destination, variable: String, source: String)] = []
                    for (index, tagFields) in fields {
                        guard let destination = facts.destinations[index], let variable = tagFields.variable(field) else { continue }
                        if field == .value, destination == .awin { continue }
                        entries.append((index, destination, variable, InconsistentValueSource.source(of: variable, in: context)))
                    }
                    guard let reference = entries.first, Set(entries.map(\.destination)).count >= 2 else { continue }
                    let referenceTag = context.container.tags[reference.index]
                    for entry in entries.dropFirst() where entry.destination != reference.destination {
                        let tag = context.container.tags[entry.index]
                        results.check(entry.source == reference.source, tag.reference,
                                      "Tag \"\(tag.name)\" sends \(event) \(field.rawValue) to \(entry.destination.displayName) from {{\(entry.variable)}}, but tag \"\(referenceTag.name)\" sends it to \(reference.destination.displayName) from {{\(reference.variable)}}.",
                                      ref: "\(event).\(field.rawValue)")
                    }
                }
            }
        }

        /// What a variable reads: a data-layer key, an event-data key, a constant, else its name.
        static func source(of name: String, in context: ScoringContext) -> String {
            guard let index = context.graph.variableIndexByName[name] else { return "name:" + name }
            let variable = context.container.variables[index]
            let params = variable.parameters
            switch variable.type {
            case "v": return "dl:" + ParameterCode.trim(params.value("name") ?? name)
            case "ed": return "ed:" + ParameterCode.trim(params.value("keyPath") ?? name)
            case "c": return "const:" + ParameterCode.trim(params.value("value") ?? name)
            default: return "name:" + name
            }
        }
    }

    struct AccountConversionUncovered: Rule {
        let descriptor = RuleDescriptor(
            "account_conversion_uncovered", .alignment, .error,
            title: "A conversion the ad account uses is sent by no live tag",
            rationale: "The AccountState lists the conversion actions and pixel events the client's ad accounts actually record, with their counts and values. A conversion that no live tag of this container sends to that platform either comes from elsewhere (another container, an import, hard-coded site code) or has stopped arriving; either way this container does not measure what bidding depends on. Each conversion weighs by its value (else its count), so an uncovered high-value purchase costs more than an uncovered micro-conversion.",
            hint: "Add a live tag that sends the event to the platform (for Google Ads a conversion tag with the action's id and label on the event's trigger), or update the AccountState if the conversion is retired.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard let account = context.accountState else { return }
            let sent = AlignmentRules.sentEvents(context)
            let subject = containerReference(context.container)
            for conversion in account.conversions {
                let entry = sent[conversion.destination]
                let covered = entry.map { $0.names.contains(conversion.event) || $0.isOpenEnded } ?? false
                results.check(covered, subject,
                              "The \(conversion.destination.displayName) conversion \"\(conversion.name)\" (\(conversion.event); \(AccountConversionUncovered.number(conversion.count)) conversions, value \(AccountConversionUncovered.number(conversion.value))) is sent by no live tag.",
                              ref: "\(conversion.event)→\(conversion.destination.rawValue)", weight: conversion.weight)
            }
        }

        /// `120` for whole numbers, else two decimals.
        static func number(_ x: Double) -> String {
            if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
            let cents = Int((x * 100).rounded())
            let fraction = abs(cents % 100)
            return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
    }

    struct ValueWithoutCurrency: Rule {
        let descriptor = RuleDescriptor(
            "value_without_currency", .alignment, .warning,
            title: "A monetary event sends a value without a currency",
            rationale: "GA4, Google Ads and Meta read a value without a currency in whatever currency the property or account uses (GA4 drops the revenue of ecommerce events that lack one). As soon as a site sells in a second currency, or the account currency differs from the shop's, revenue and ROAS are wrong and the destinations no longer agree.",
            hint: "Send currency (GA4, Meta) or currencyCode (Google Ads) with every value, from a {{variable}} or as an ISO code.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let facts = ParameterFacts.TagFacts.of(context)
            let analysis = context.analysis
            let tags = analysis.container.tags
            let judged: Set<Destination> = [.ga4, .googleAds, .meta]
            for index in tags.indices where analysis.isLive[index] && analysis.tagProfiles[index].role == .measurement {
                guard let destination = facts.destinations[index], judged.contains(destination) else { continue }
                // The first monetary event in alphabetical order.
                let monetary = facts.events[index].names.filter { EventNames.monetary.contains($0) }.min()
                guard tags[index].type == "awct" || monetary != nil else { continue }
                let fields = facts.fields(ofTag: index, event: monetary)
                guard let value = fields.explicit[.value], value.kind != .empty else { continue }
                let tag = tags[index]
                let event = monetary.map { " with \($0)" } ?? ""
                results.check(fields.provides(.currency), tag.reference,
                              "Tag \"\(tag.name)\" sends a value (\(value.origin))\(event) to \(destination.displayName) but no currency.",
                              ref: destination == .googleAds && tag.type == "awct" ? "currencyCode" : "currency")
            }
        }
    }
}
