import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// Consent settings on vendor tags: `NEEDED` with the types the vendor needs, the way most of the
/// vendor's tags already do it when that passes.
struct TagConsentFixer: Fixer {
    let rules: Set<String> = ["consent.not_set", "consent.needed_without_types", "consent.missing_types",
                              "consent.not_needed_without_builtin", "consent.inconsistent_vendor"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (index, tag) = context.tag(id: finding.entity.id), let destination = context.analysis.tagProfiles[index].destination else { return [] }
        if finding.rule == "consent.inconsistent_vendor" { return alignVendor(index, destination, context) }
        var result: [FixProposal] = []
        if finding.rule == "consent.missing_types", tag.consent?.status == .needed,
           tag.raw["consentSettings"]?["consentType"]?["list"]?.arrayValue != nil
        {
            let missing = ConsentChoice.missingTypes(ConsentChoice.distinctTypes(tag.consent), for: destination)
            let list = PatchPath.tag(tag.id, "consentSettings", "consentType", "list", "-")
            if !missing.isEmpty {
                result.append(FixProposal(missing.map { .add(path: list, value: GTMJSON.item($0)) },
                                          "Add the consent types \(missing.joined(separator: ", ")) that \(destination.displayName) needs to tag \"\(tag.name)\"."))
            }
        }
        let target = ConsentChoice.target(for: destination, in: context.analysis)
        if let fix = set(target, on: tag, destination) { result.append(fix) }
        return result
    }

    private func set(_ choice: ConsentChoice, on tag: Tag, _ destination: Destination) -> FixProposal? {
        if let current = tag.consent, ConsentChoice.passes(current, for: destination) {
            let now: ConsentChoice = current.status == .needed ? .needed(ConsentChoice.distinctTypes(current)) : .notNeeded
            if now.isSame(as: choice) { return nil }
        }
        return FixProposal([.add(path: PatchPath.tag(tag.id, "consentSettings"), value: choice.json)],
                           "Set tag \"\(tag.name)\" to consent \(choice.summary), as \(destination.displayName) needs.")
    }

    /// `inconsistent_vendor`: the tag takes the setting most of the vendor's tags use when that
    /// setting passes; when the majority fails, one majority tag is raised to the passing setting.
    private func alignVendor(_ index: Int, _ destination: Destination, _ context: FixContext) -> [FixProposal] {
        let analysis = context.analysis
        let tags = context.container.tags
        let siblings = tags.indices.filter { analysis.isLive[$0] && analysis.tagProfiles[$0].sendsData && analysis.tagProfiles[$0].destination == destination }
        let settings = siblings.map { VendorSetting(tags[$0].consent) }
        guard let majority = VendorSetting.mostCommon(settings) else { return [] }
        if majority.passes(for: destination), let choice = majority.choice {
            return set(choice, on: tags[index], destination).map { [$0] } ?? []
        }
        let target = ConsentChoice.target(for: destination, in: analysis)
        let failing = zip(siblings, settings).filter { $0.1 == majority && !ConsentChoice.passes(tags[$0.0].consent, for: destination) }.map(\.0)
        return failing.prefix(3).compactMap { set(target, on: tags[$0], destination) }
    }
}

/// A tag's consent setting as `consent.inconsistent_vendor` compares them: status and type set.
private struct VendorSetting: Hashable {
    var status: String
    var types: [String]

    init(_ consent: ConsentSettings?) {
        switch consent?.status {
        case nil, .notSet?: status = "NOT_SET"
        case .notNeeded?: status = "NOT_NEEDED"
        case .needed?: status = "NEEDED"
        case .other(let s)?: status = s
        }
        types = status == "NEEDED" ? ConsentChoice.distinctTypes(consent).sorted() : []
    }

    var choice: ConsentChoice? {
        switch status {
        case "NEEDED" where !types.isEmpty: .needed(types)
        case "NOT_NEEDED": .notNeeded
        default: nil
        }
    }

    func passes(for destination: Destination) -> Bool {
        guard let choice else { return false }
        switch choice {
        case .notNeeded: return destination.hasBuiltInConsentChecks
        case .needed(let types): return ConsentChoice.missingTypes(types, for: destination).isEmpty
        }
    }

    /// NEEDED with more types beats fewer, beats NOT_NEEDED, beats NOT_SET (the rule's tie-break).
    private var strength: Int {
        switch status {
        case "NEEDED": 10 + types.count
        case "NOT_NEEDED": 1
        default: 0
        }
    }

    /// The setting most tags use; ties go to the stronger, then to the first seen.
    static func mostCommon(_ settings: [VendorSetting]) -> VendorSetting? {
        var counts: [VendorSetting: Int] = [:]
        for s in settings { counts[s, default: 0] += 1 }
        var best: VendorSetting?
        for s in settings {
            guard let b = best else { best = s; continue }
            let (c, d) = (counts[s] ?? 0, counts[b] ?? 0)
            if c > d || (c == d && s.strength > b.strength) { best = s }
        }
        return best
    }
}

/// A Consent Mode default that fires on Consent Initialization.
struct ConsentDefaultFixer: Fixer {
    let rules: Set<String> = ["consent.no_default", "consent.default_wrong_trigger"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        finding.rule == "consent.no_default" ? addDefault(context) : moveToConsentInitialization(finding, context)
    }

    /// Repoints the consent-default tag to the built-in Consent Initialization trigger, removing
    /// the triggers only it used.
    private func moveToConsentInitialization(_ finding: Finding, _ context: FixContext) -> [FixProposal] {
        guard let (index, tag) = context.tag(id: finding.entity.id) else { return [] }
        var plan = RemovalPlan(context, budget: context.maxEntities - 1)
        plan.sweep(triggers: tag.firingTriggerIds, formerUsers: [index])
        let repoint = JSONPatch.Operation.add(path: PatchPath.tag(tag.id, "firingTriggerId"), value: [.string(NewEntities.consentInitialization)])
        var result = [FixProposal([repoint] + plan.operations, "Fire consent-default tag \"\(tag.name)\" on Consent Initialization - All Pages, before every other tag\(plan.isEmpty ? "" : ", and remove the trigger it no longer needs").")]
        if !plan.isEmpty { result.append(FixProposal([repoint], "Fire consent-default tag \"\(tag.name)\" on Consent Initialization - All Pages, before every other tag.")) }
        return result
    }

    static let denyingRegions = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IE", "IT", "LV",
                                 "LI", "LT", "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "CH"]

    /// The Consent Mode v2 default: denied in the EEA, the UK and Switzerland until the consent
    /// banner updates it, granted elsewhere (Google's region-specific default).
    static var defaultCode: String {
        let types = ["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage"]
        func state(_ value: String) -> String { types.map { "'\($0)': '\(value)'" }.joined(separator: ", ") }
        let regions = denyingRegions.map { "'\($0)'" }.joined(separator: ", ")
        return """
        <script>
          window.dataLayer = window.dataLayer || [];
          function gtag() { dataLayer.push(arguments); }
          gtag('consent', 'default', {\(state("denied")), 'region': [\(regions)], 'wait_for_update': 500});
          gtag('consent', 'default', {\(state("granted"))});
        </script>
        """
    }

    private func addDefault(_ context: FixContext) -> [FixProposal] {
        let judge = context.judge
        guard let name = context.names.unique("Consent\(context.naming.separator)Default\(context.naming.separator)Consent Mode v2", kind: .tag, accepts: judge.acceptsTag) else { return [] }
        let placement = context.placementForNewEntity(context.folders.purposeFolder(["Consent", "CMP", "Consent Mode"]), label: "new-2", room: context.maxEntities - 1)
        let notes = "Sets the Consent Mode v2 default before any other tag: denied in the EEA, the UK and Switzerland until the consent banner sends an update, granted elsewhere. Added by GTM AutoResearch; check it against your consent platform."
        let tag = NewEntities.tag(label: "new-1", name: name, type: "html",
                                  parameters: [GTMJSON.template("html", ConsentDefaultFixer.defaultCode), GTMJSON.boolean("supportDocumentWrite", false)],
                                  firing: [NewEntities.consentInitialization], consent: .notNeeded, folder: placement?.folderId, notes: notes)
        let operations = (placement?.operations ?? []) + [.add(path: PatchPath.new(.tag), value: tag)]
        return [FixProposal(operations, "Add a Consent Mode v2 default tag \"\(name)\" on Consent Initialization - All Pages, so vendor tags never fire without a consent state.")]
    }
}
