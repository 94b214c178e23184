import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// A GA4 tag without a usable measurement id is pointed at the one GA4 property the container
/// already sends to (and a Google tag with a placeholder `AW-` id at the one Ads account).
struct MeasurementIdFixer: Fixer {
    let rules: Set<String> = ["parameters.ga4_measurement_id_missing"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, tag) = context.tag(id: finding.entity.id) else { return [] }
        let key: String
        switch tag.type {
        case "gaawe": key = "measurementIdOverride"
        case "googtag": key = "tagId"
        case "gaawc": key = "measurementId"
        default: return []
        }
        let current = (tag.parameters.value(key) ?? "").trimmed.uppercased()
        let wanted = current.hasPrefix("AW-") ? MeasurementIdFixer.adsSource(in: context) : MeasurementIds.ga4Source(in: context)
        guard var value = wanted else { return [] }
        if !value.contains("{{"), let constant = MeasurementIds.constant(holding: value, in: context) { value = GTMJSON.reference(constant.name) }
        return [FixProposal([TagFields.setParameter(key, to: value, in: tag)], "Point tag \"\(tag.name)\" at \(value), the id the container's other Google tags use.")]
    }

    /// `AW-<id>` when the container's Ads conversion tags all use one conversion id.
    static func adsSource(in context: FixContext) -> String? {
        var ids = Set<String>()
        for tag in context.container.tags where tag.type == "awct" || tag.type == "sp" {
            let id = MeasurementIds.resolve(tag.parameters.value("conversionId") ?? "", in: context)
            if !id.isEmpty, id.allSatisfy(\.isNumber) { ids.insert(id) }
        }
        return ids.count == 1 ? ids.first.map { "AW-\($0)" } : nil
    }
}

/// A GA4 event tag without an event name sends the one event its triggers fire on.
struct EventNameFixer: Fixer {
    let rules: Set<String> = ["parameters.ga4_event_name_missing"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (index, tag) = context.tag(id: finding.entity.id) else { return [] }
        let events = context.analysis.tagEvents[index]
        guard !events.isOpenEnded, events.names.count == 1, let event = events.names.first, context.judge.acceptsGA4EventName(event) else { return [] }
        return [FixProposal([TagFields.setParameter("eventName", to: event, in: tag)], "Name the event of GA4 tag \"\(tag.name)\" \(event), the event its trigger fires on.")]
    }
}

/// GA4 ecommerce events send their fields: from the data layer's ecommerce object, or field by field.
struct EcommerceFieldsFixer: Fixer {
    let rules: Set<String> = ["parameters.ga4_ecommerce_fields"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, tag) = context.tag(id: finding.entity.id), tag.type == "gaawe" else { return [] }
        let missing = (finding.ref ?? "").split(separator: ",").compactMap { EventField(rawValue: String($0)) }
        guard !missing.isEmpty else { return [] }
        var result: [FixProposal] = []
        // Explicit rows win over the ecommerce object: only when no missing field has an (empty) row.
        if missing.allSatisfy({ TagFields.slots(of: $0, in: tag).isEmpty }) {
            var operations = [TagFields.setParameter("sendEcommerceData", to: "true", in: tag, type: "BOOLEAN")]
            if tag.parameters[key: "getEcommerceDataFrom"] == nil {
                operations.append(.add(path: PatchPath.tag(tag.id, "parameter", "-"), value: GTMJSON.template("getEcommerceDataFrom", "dataLayer")))
            }
            if tag.raw["parameter"]?.arrayValue != nil {
                result.append(FixProposal(operations, "Send the data layer's ecommerce object with GA4 tag \"\(tag.name)\", which provides \(missing.map(\.rawValue).joined(separator: ", "))."))
            }
        }
        if let (operations, done) = context.setFields(missing, on: tag) {
            result.append(FixProposal(operations, "Send \(done.map(\.rawValue).joined(separator: ", ")) with GA4 tag \"\(tag.name)\" from data-layer variables."))
        }
        return result
    }
}

/// Money fields a conversion lacks (Ads currency, Meta purchase value and currency) are mapped
/// to the variables other tags use, or to data-layer variables.
struct MissingFieldFixer: Fixer {
    let rules: Set<String> = ["parameters.ads_conversion_fields", "parameters.meta_purchase_fields", "alignment.value_without_currency"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, tag) = context.tag(id: finding.entity.id) else { return [] }
        let refs = (finding.ref ?? "").split(separator: ",").map(String.init)
        // A missing conversion id or label cannot be made up.
        guard !refs.contains("conversionId"), !refs.contains("conversionLabel") else { return [] }
        let fields = refs.compactMap(EventField.named)
        guard !fields.isEmpty, let (operations, done) = context.setFields(fields, on: tag), done.count == fields.count else { return [] }
        return [FixProposal(operations, "Send \(done.map(\.rawValue).joined(separator: " and ")) with tag \"\(tag.name)\" from \(done.count == 1 ? "a variable" : "variables") that read the order's data.")]
    }
}

/// A literal value or transaction id (0, empty, a fixed number) is replaced by the variable that
/// holds the order's value or id.
struct HardcodedValueFixer: Fixer {
    let rules: Set<String> = ["parameters.hardcoded_value"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        // Settings inherited from a Google tag or a settings variable are shared: not this tag's to change.
        guard let origin = finding.ref, !origin.contains("("), let (_, tag) = context.tag(id: finding.entity.id), tag.type != "html",
              let field = EventField.named(origin), !TagFields.slots(of: field, in: tag).isEmpty,
              let (operations, source) = context.setField(field, on: tag, label: "new-1")
        else { return [] }
        return [FixProposal(operations, "Set \(origin) of tag \"\(tag.name)\" from \(source.description) instead of a literal.")]
    }
}

/// A literal currency that is not an ISO 4217 code is written as one (`eur` → `EUR`, `€` → `EUR`),
/// or read from the currency variable.
struct CurrencyCodeFixer: Fixer {
    let rules: Set<String> = ["parameters.currency_not_iso"]

    static let symbols: [String: String] = ["€": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "pound": "GBP", "pounds": "GBP",
                                            "¥": "JPY", "yen": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "zł": "PLN", "₺": "TRY", "chf": "CHF"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let origin = finding.ref, !origin.contains("("), let (_, tag) = context.tag(id: finding.entity.id), tag.type != "html",
              let slot = TagFields.slots(of: .currency, in: tag).first
        else { return [] }
        var result: [FixProposal] = []
        let text = slot.value.trimmed
        let code = text.count == 3 && text.allSatisfy({ $0.isASCII && $0.isLetter }) ? text.uppercased() : CurrencyCodeFixer.symbols[text.lowercased()]
        if let code, let operations = TagFields.set(.currency, to: code, in: tag, at: PatchPath.tag(tag.id)) {
            result.append(FixProposal(operations, "Write the currency of tag \"\(tag.name)\" as the ISO 4217 code \(code) instead of \"\(text)\"."))
        }
        if let (operations, source) = context.setField(.currency, on: tag, label: "new-1") {
            result.append(FixProposal(operations, "Read the currency of tag \"\(tag.name)\" from \(source.description) instead of the literal \"\(text)\"."))
        }
        return result
    }
}
