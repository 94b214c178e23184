import GTMModel
import LosslessJSON

/// The consent settings a tag of one destination should get: what most of that vendor's live
/// tags already use, when that setting passes the consent rules, else `NEEDED` with the types the
/// vendor needs. Copying the vendor's passing majority keeps `consent.inconsistent_vendor` quiet.
enum ConsentChoice: Hashable {
    case needed([String])
    case notNeeded

    /// The `consentSettings` object.
    var json: JSONValue {
        switch self {
        case .notNeeded:
            GTMJSON.object(["consentStatus": "NOT_NEEDED"])
        case .needed(let types):
            GTMJSON.object(["consentStatus": "NEEDED", "consentType": GTMJSON.object(["type": "LIST", "list": .array(types.map(GTMJSON.item))])])
        }
    }

    /// Equal settings, whatever the order of the types.
    func isSame(as other: ConsentChoice) -> Bool {
        switch (self, other) {
        case (.notNeeded, .notNeeded): true
        case (.needed(let a), .needed(let b)): a.sorted() == b.sorted()
        default: false
        }
    }

    var summary: String {
        switch self {
        case .notNeeded: "NOT_NEEDED"
        case .needed(let types): "NEEDED (\(types.joined(separator: ", ")))"
        }
    }

    /// The consent types `types` lacks for `destination`, as the consent rules judge it (any storage
    /// type gates an unknown vendor).
    static func missingTypes(_ types: [String], for destination: Destination) -> [String] {
        if destination.category == .other, types.contains("ad_storage") || types.contains("analytics_storage") { return [] }
        return destination.requiredConsentTypes.filter { !types.contains($0) }
    }

    /// Whether a tag's settings pass every per-tag consent rule for its destination.
    static func passes(_ consent: ConsentSettings?, for destination: Destination) -> Bool {
        switch consent?.status {
        case .needed?:
            let types = distinctTypes(consent)
            return !types.isEmpty && missingTypes(types, for: destination).isEmpty
        case .notNeeded?: return destination.hasBuiltInConsentChecks
        default: return false
        }
    }

    static func distinctTypes(_ consent: ConsentSettings?) -> [String] {
        var result: [String] = []
        for type in consent?.types ?? [] {
            let t = type.filter { !$0.isWhitespace }
            if !t.isEmpty, !result.contains(t) { result.append(t) }
        }
        return result
    }

    /// The setting for a tag sending to `destination` in this container.
    static func target(for destination: Destination, in analysis: ContainerAnalysis) -> ConsentChoice {
        var counts: [ConsentChoice: Int] = [:]
        var order: [ConsentChoice] = []
        for i in analysis.container.tags.indices where analysis.isLive[i] && analysis.tagProfiles[i].sendsData && analysis.tagProfiles[i].destination == destination {
            let consent = analysis.container.tags[i].consent
            guard passes(consent, for: destination) else { continue }
            let choice: ConsentChoice = consent?.status == .needed ? .needed(distinctTypes(consent).sorted()) : .notNeeded
            if counts[choice] == nil { order.append(choice) }
            counts[choice, default: 0] += 1
        }
        // The most common passing setting; ties go to the first seen.
        var best: ConsentChoice?
        for choice in order where best.map({ counts[choice, default: 0] > counts[$0, default: 0] }) ?? true { best = choice }
        if let best { return best }
        return .needed(destination.requiredConsentTypes)
    }
}
