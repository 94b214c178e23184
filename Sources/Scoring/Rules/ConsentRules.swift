import GTMModel

/// Rules of the `consent` dimension: Consent Mode v2 defaults and every vendor tag's consent settings.
///
/// Only web and AMP containers are judged (and exports without a usage context, which predate
/// server containers): server containers have no `consentSettings`, so these rules record nothing
/// for them and the dimension is "not applicable" there.
enum ConsentRules {
    static let all: [any Rule] = [
        NotSet(), NeededWithoutTypes(), MissingTypes(), NotNeededWithoutBuiltIn(), NoDefault(), DefaultWrongTrigger(),
        InconsistentVendor(),
    ]

    struct NotSet: Rule {
        let descriptor = RuleDescriptor(
            "not_set", .consent, .warning,
            title: "A vendor tag has no consent settings (NOT_SET)",
            rationale: "A tag that sends data to a vendor and leaves its consent settings NOT_SET (or has none, in exports from before 2021) fires whatever the visitor chose in the consent banner, unless a blocking trigger happens to stop it. Declaring the consent types a tag needs is how Consent Mode v2 gates it, and it documents the intent for the next person who edits the container.",
            hint: "In the tag's Advanced Settings → Consent Settings, choose \"Require additional consent for tag to fire\" and add the types its vendor needs (ads: ad_storage, ad_user_data, ad_personalization; analytics: analytics_storage); Google tags with built-in consent checks may use \"No additional consent required\".")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard ConsentScope.judgesTags(context.container) else { return }
            let tags = context.container.tags
            for record in ConsentScope.records(context) where record.sendsData {
                let i = record.index
                let vendor = record.destination?.displayName ?? "a vendor"
                switch record.status {
                case nil:
                    results.fail(tags[i].reference, "Tag \"\(tags[i].name)\" sends data to \(vendor) but has no consent settings, so it fires whatever the visitor chose.")
                case .notSet?:
                    results.fail(tags[i].reference, "Tag \"\(tags[i].name)\" sends data to \(vendor) but its consent settings are NOT_SET, so it fires whatever the visitor chose.")
                default:
                    results.pass()
                }
            }
        }
    }

    struct NeededWithoutTypes: Rule {
        let descriptor = RuleDescriptor(
            "needed_without_types", .consent, .error,
            title: "A tag requires additional consent but lists no consent type",
            rationale: "NEEDED tells GTM to check that every listed consent type is granted before the tag fires. With an empty list there is nothing to check, so the tag fires ungated while the container looks compliant: the worst of both.",
            hint: "Add the consent types the tag needs (ads: ad_storage, ad_user_data, ad_personalization; analytics: analytics_storage), or choose another consent setting deliberately.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard ConsentScope.judgesTags(context.container) else { return }
            let tags = context.container.tags
            for record in ConsentScope.records(context) where record.status == .needed {
                results.check(!record.types.isEmpty, tags[record.index].reference,
                              "Tag \"\(tags[record.index].name)\" requires additional consent but lists no consent type, so nothing is checked.")
            }
        }
    }

    struct MissingTypes: Rule {
        let descriptor = RuleDescriptor(
            "missing_types", .consent, .warning,
            title: "A tag requires consent but not every type its vendor needs",
            rationale: "Consent Mode v2 splits advertising consent into ad_storage, ad_user_data and ad_personalization; since March 2024 Google requires all three for EEA traffic, and other ad platforms map their consent to the same types. Analytics needs analytics_storage. A tag that checks only ad_storage fires for a visitor who allowed cookies but refused ad personalisation or the sharing of user data.",
            hint: "Add the missing consent types to the tag's Consent Settings (ads: ad_storage, ad_user_data, ad_personalization; analytics: analytics_storage).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard ConsentScope.judgesTags(context.container) else { return }
            let tags = context.container.tags
            for record in ConsentScope.records(context) where record.sendsData {
                guard record.status == .needed, let destination = record.destination else { continue }
                guard !record.types.isEmpty else { continue }  // needed_without_types reports it
                let missing = ConsentScope.missingTypes(record.types, for: destination)
                results.check(missing.isEmpty, tags[record.index].reference,
                              "Tag \"\(tags[record.index].name)\" sends data to \(destination.displayName) but does not require \(missing.joined(separator: ", ")).",
                              ref: missing.joined(separator: ","))
            }
        }
    }

    struct NotNeededWithoutBuiltIn: Rule {
        let descriptor = RuleDescriptor(
            "not_needed_without_builtin", .consent, .warning,
            title: "A vendor tag without built-in consent checks is set to NOT_NEEDED",
            rationale: "\"No additional consent required\" is right for Google's own tags (GA4, Google Ads, Floodlight), which read the Consent Mode state themselves and adjust what they send. Any other vendor's tag set to NOT_NEEDED fires ungated: the pixel loads and sends data before, or without, the visitor's consent.",
            hint: "Set the tag to \"Require additional consent for tag to fire\" with the types its vendor needs, or use a vendor template that implements Consent Mode itself.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard ConsentScope.judgesTags(context.container) else { return }
            let tags = context.container.tags
            for record in ConsentScope.records(context) where record.sendsData {
                guard record.status == .notNeeded, let destination = record.destination else { continue }
                results.check(destination.hasBuiltInConsentChecks, tags[record.index].reference,
                              "Tag \"\(tags[record.index].name)\" sends data to \(destination.displayName), which has no built-in consent checks, but is set to NOT_NEEDED, so it fires ungated.",
                              ref: destination.rawValue)
            }
        }
    }

    struct NoDefault: Rule {
        let descriptor = RuleDescriptor(
            "no_default", .consent, .error,
            title: "Vendor tags fire but no consent-default tag fires on Consent Initialization",
            rationale: "Consent Mode needs a default consent state (usually denied in the EEA) before any tag reads it. GTM's Consent Initialization trigger fires before every other trigger, including Initialization and All Pages; a default set later, or never, lets the first tags fire with no consent state at all, and Google tags then behave as if consent were granted.",
            hint: "Add your consent platform's template (or a Consent Mode default tag that calls gtag('consent', 'default', …)) firing on \"Consent Initialization - All Pages\".")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard ConsentScope.judgesDefaults(context.container) else { return }
            let facts = ConsentScope.facts(context)
            let vendorTags = facts.liveVendorTagCount
            guard vendorTags > 0 else { return }
            let defaults = facts.liveConsentDefaults
            if defaults.contains(where: { ConsentScope.firesOnConsentInitialization(context.container.tags[$0], context) }) {
                results.pass()
            } else if defaults.isEmpty {
                results.fail(containerReference(context.container),
                             "The container has \(vendorTags) live vendor tag\(vendorTags == 1 ? "" : "s") but no consent-default tag (consent platform template or gtag('consent', 'default', …)).")
            }
            // A default on another trigger: default_wrong_trigger reports it on the tag instead.
        }
    }

    struct DefaultWrongTrigger: Rule {
        let descriptor = RuleDescriptor(
            "default_wrong_trigger", .consent, .warning,
            title: "The consent-default tag does not fire on Consent Initialization",
            rationale: "A consent platform or Consent Mode default tag on All Pages, DOM Ready or even Initialization runs after tags that may already have read (or lacked) a consent state. Only the Consent Initialization trigger is guaranteed to fire before every other trigger.",
            hint: "Fire the tag on \"Consent Initialization - All Pages\" (or a trigger of type Consent Initialization) instead.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard ConsentScope.judgesDefaults(context.container) else { return }
            let tags = context.container.tags
            let defaults = ConsentScope.facts(context).liveConsentDefaults.map { tags[$0] }
            let onTime = defaults.filter { ConsentScope.firesOnConsentInitialization($0, context) }
            if !onTime.isEmpty {
                // Defaults are set in time; other consent-platform tags (updates, banners) may fire later.
                for _ in onTime { results.pass() }
                return
            }
            for tag in defaults {
                let triggers = tag.firingTriggerIds.map { ConsentScope.triggerDescription($0, context) }
                let list = triggers.isEmpty ? "only as a sequenced tag" : "on " + triggers.joined(separator: ", ")
                results.fail(tag.reference,
                             "Consent-default tag \"\(tag.name)\" fires \(list), not on a Consent Initialization trigger, so tags that fire before it run with no consent default.")
            }
        }
    }

    struct InconsistentVendor: Rule {
        let descriptor = RuleDescriptor(
            "inconsistent_vendor", .consent, .info,
            title: "Tags of one vendor have different consent settings",
            rationale: "Tags that send to the same vendor process the same kind of data and should be gated by the same consent. When one Meta tag requires ad_storage and another fires with NOT_SET, the vendor receives data for visitors who refused, and the difference is usually an oversight rather than a decision.",
            hint: "Give every tag of this vendor the same consent settings (the ones most of its tags already use, if they are right).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard ConsentScope.judgesTags(context.container) else { return }
            var byDestination: [Destination: [Int]] = [:]
            for record in ConsentScope.records(context) where record.isLive && record.sendsData {
                // "Other vendor" lumps unrelated hosts together: not one vendor.
                guard let d = record.destination, d != .otherVendor else { continue }
                byDestination[d, default: []].append(record.index)
            }
            let tags = context.container.tags
            let records = ConsentScope.records(context)
            for destination in byDestination.keys.sorted() {
                let indices = byDestination[destination] ?? []
                guard indices.count >= 2 else { continue }
                let settings = indices.map { ConsentSetting(tags[$0].consent, types: records[$0].types) }
                let reference = ConsentSetting.mostCommon(settings)
                for (i, setting) in zip(indices, settings) {
                    results.check(setting == reference, tags[i].reference,
                                  "Tag \"\(tags[i].name)\" uses \(setting.description) while most \(destination.displayName) tags use \(reference.description).",
                                  ref: destination.rawValue)
                }
            }
        }
    }
}

/// What the consent rules share: which containers they judge and how they read a tag's settings.
private enum ConsentScope {
    /// Web and AMP containers have tag consent settings (and exports without a usage context, from before server containers).
    static func judgesTags(_ container: Container) -> Bool {
        switch container.usageContext {
        case .web, .amp, .unknown: true
        case .server, .android, .ios: false
        }
    }

    /// Only web pages run a Consent Mode default tag on the Consent Initialization trigger.
    static func judgesDefaults(_ container: Container) -> Bool {
        container.usageContext == .web || container.usageContext == .unknown
    }

    /// The distinct non-empty consent types of a setting, in export order.
    static func types(_ consent: ConsentSettings) -> [String] {
        var result: [String] = []
        for type in consent.types {
            // Most types are ASCII without whitespace: nothing to filter.
            let isPlain = type.utf8.allSatisfy { $0 > UInt8(ascii: " ") && $0 < 0x80 }
            let trimmed = isPlain ? type : type.filter { !$0.isWhitespace }
            if !trimmed.isEmpty, !result.contains(trimmed) { result.append(trimmed) }
        }
        return result
    }

    /// A tag as the consent rules see it.
    struct Record {
        /// Index of the tag in `container.tags`.
        var index: Int
        var destination: Destination?
        var isLive: Bool
        /// Sends data to a vendor, so its consent settings are judged.
        var sendsData: Bool
        /// Sets Consent Mode defaults (a CMP template, `gtag('consent', 'default', …)`).
        var isConsentDefault: Bool
        /// The tag's consent status; nil when it has no consent settings.
        var status: ConsentSettings.Status?
        /// The distinct non-empty consent types of its settings (``types(_:)``) when NEEDED, the one
        /// status whose types gate a tag; empty for the others.
        var types: [String]
    }

    /// What the consent rules know of a container's tags, derived once per scoring.
    struct Facts {
        /// One record per tag, in `container.tags` order.
        var records: [Record] = []
        /// Live tags that send data to a vendor.
        var liveVendorTagCount = 0
        /// Indices of live tags that set Consent Mode defaults.
        var liveConsentDefaults: [Int] = []

        init(_ context: ScoringContext) {
            let container = context.container
            var kinds: [Int: ConsentTemplateKind?] = [:]  // per template: templates are large, tags many
            let tags = container.tags
            records.reserveCapacity(tags.count)
            for index in tags.indices {
                var kind: ConsentTemplateKind?
                if let template = context.graph.templateIndex(forType: tags[index].type, in: container) {  // custom templates
                    if let known = kinds[template] {
                        kind = known
                    } else {
                        kind = ConsentTemplateKind(container.templates[template])
                        kinds[template] = .some(kind)
                    }
                }
                let profile = context.analysis.tagProfiles[index]
                var record = Record(index: index, destination: profile.destination, isLive: context.analysis.isLive[index],
                                    sendsData: profile.sendsData, isConsentDefault: profile.role == .consentDefault,
                                    status: tags[index].consent?.status, types: [])
                if let consent = tags[index].consent, consent.status == .needed { record.types = ConsentScope.types(consent) }
                switch kind {
                case .setsDefaults?: (record.sendsData, record.isConsentDefault) = (false, true)
                case .relaysConsent?: (record.sendsData, record.isConsentDefault) = (false, false)
                case nil: break
                }
                if record.isLive && record.sendsData { liveVendorTagCount += 1 }
                if record.isLive && record.isConsentDefault { liveConsentDefaults.append(index) }
                records.append(record)
            }
        }
    }

    /// The consent facts of this scoring, derived by the first rule that asks.
    static func facts(_ context: ScoringContext) -> Facts {
        context.shared.value(Facts.self) { Facts(context) }
    }

    /// Every tag with the classifier's verdict, corrected for consent templates it reads as vendor tags.
    static func records(_ context: ScoringContext) -> [Record] { facts(context).records }

    /// The consent types a destination needs that `types` lacks. For a vendor the classifier does not
    /// know, either storage type gates it (an unknown affiliate cookie is ad_storage, a beacon analytics_storage).
    static func missingTypes(_ types: [String], for destination: Destination) -> [String] {
        if destination.category == .other, types.contains("ad_storage") || types.contains("analytics_storage") { return [] }
        return destination.requiredConsentTypes.filter { !types.contains($0) }
    }

    /// Whether the tag fires on the built-in Consent Initialization trigger or a user trigger of that type.
    static func firesOnConsentInitialization(_ tag: Tag, _ context: ScoringContext) -> Bool {
        tag.firingTriggerIds.contains { id in
            if id == BuiltInTrigger.consentInitialization { return true }
            guard let trigger = context.analysis.trigger(id: id) else { return false }
            return trigger.type == "CONSENT_INIT" || trigger.type == "consentInit"
        }
    }

    /// `"Consent Initialization - All Pages" (type INIT)`: the type shows when a name promises another.
    static func triggerDescription(_ id: String, _ context: ScoringContext) -> String {
        if let trigger = context.analysis.trigger(id: id) { return "\"\(trigger.name)\" (type \(trigger.type))" }
        return BuiltInTrigger.isBuiltIn(id) ? "\"\(BuiltInTrigger.name(of: id))\"" : "trigger \(id)"
    }
}

/// A tag's consent setting reduced to what gates it: the status and the set of types.
private struct ConsentSetting: Hashable {
    /// NEEDED, NOT_NEEDED, NOT_SET (also for missing settings) or an unknown exported status.
    var status: String
    var types: [String]

    /// - Parameter types: the distinct consent types of `consent` (``ConsentScope/types(_:)``).
    init(_ consent: ConsentSettings?, types: [String]) {
        switch consent?.status {
        case nil, .notSet?: status = "NOT_SET"
        case .notNeeded?: status = "NOT_NEEDED"
        case .needed?: status = "NEEDED"
        case .other(let s)?: status = s
        }
        self.types = status == "NEEDED" ? types.sorted() : []
    }

    var description: String {
        status == "NEEDED" ? "NEEDED (\(types.isEmpty ? "no types" : types.joined(separator: ", ")))" : status
    }

    /// Gating strength, for ties: NEEDED with more types beats fewer, beats NOT_NEEDED, beats NOT_SET.
    private var strength: Int {
        switch status {
        case "NEEDED": 10 + types.count
        case "NOT_NEEDED": 1
        default: 0
        }
    }

    /// The setting most tags use; ties go to the stronger setting, then to the first seen.
    static func mostCommon(_ settings: [ConsentSetting]) -> ConsentSetting {
        var counts: [ConsentSetting: Int] = [:]
        for s in settings { counts[s, default: 0] += 1 }
        var best = settings[0]
        for s in settings {
            let (c, b) = (counts[s] ?? 0, counts[best] ?? 0)
            if c > b || (c == b && s.strength > best.strength) { best = s }
        }
        return best
    }
}
