import Foundation
import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// Purchases carry the order's transaction id from a variable (GA4 `transaction_id`, Ads `orderId`).
struct TransactionIdFixer: Fixer {
    let rules: Set<String> = ["dedup.transaction_id"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, tag) = context.tag(id: finding.entity.id) else { return [] }
        var result: [FixProposal] = []
        if let (operations, source) = context.setField(.transactionId, on: tag, label: "new-1") {
            result.append(FixProposal(operations, "Send the transaction id of tag \"\(tag.name)\" from \(source.description), so repeats of one order are deduplicated."))
        }
        if tag.type == "gaawe", TagFields.slots(of: .transactionId, in: tag).isEmpty, tag.raw["parameter"]?.arrayValue != nil {
            var operations = [TagFields.setParameter("sendEcommerceData", to: "true", in: tag, type: "BOOLEAN")]
            if tag.parameters[key: "getEcommerceDataFrom"] == nil {
                operations.append(.add(path: PatchPath.tag(tag.id, "parameter", "-"), value: GTMJSON.template("getEcommerceDataFrom", "dataLayer")))
            }
            result.append(FixProposal(operations, "Send the data layer's ecommerce object (with its transaction_id) with GA4 tag \"\(tag.name)\"."))
        }
        return result
    }
}

/// Meta pixel conversions carry an event id shared with the Conversions API.
struct MetaEventIdFixer: Fixer {
    let rules: Set<String> = ["dedup.meta_event_id"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, tag) = context.tag(id: finding.entity.id), let source = context.valueSources.source(for: .eventId, label: "new-1") else { return [] }
        let add = source.newVariable.map { [JSONPatch.Operation.add(path: PatchPath.new(.variable), value: $0)] } ?? []
        if tag.type == "html" {
            guard let p = tag.parameters.firstIndex(where: { $0.key == "html" }), let code = tag.parameters[p].value,
                  let fixed = MetaEventIdFixer.addingEventID(source.reference, to: code), fixed != code
            else { return [] }
            return [FixProposal(add + [.replace(path: PatchPath.tag(tag.id, "parameter", String(p), "value"), value: .string(fixed))],
                                "Pass eventID \(source.reference) with the conversions of Meta tag \"\(tag.name)\", so browser and server events deduplicate.")]
        }
        // A template tag: its own event-id field, when the template defines one.
        let slots = TagFields.slots(of: .eventId, in: tag)
        let key = slots.isEmpty ? MetaEventIdFixer.templateEventIdKey(tag, context) : nil
        guard !slots.isEmpty || key != nil else { return [] }
        let edit: [JSONPatch.Operation] = slots.isEmpty
            ? [TagFields.setParameter(key ?? "eventId", to: source.reference, in: tag)]
            : TagFields.set(.eventId, to: source.reference, in: tag, at: PatchPath.tag(tag.id)) ?? []
        return [FixProposal(add + edit, "Set the event id of Meta tag \"\(tag.name)\" to \(source.description), so browser and server events deduplicate.")]
    }

    /// The event-id parameter a template declares (`"name": "eventId"` in its parameters section).
    static func templateEventIdKey(_ tag: Tag, _ context: FixContext) -> String? {
        guard let template = context.graph.template(forType: tag.type, in: context.container),
              let section = template.section("___TEMPLATE_PARAMETERS___") else { return nil }
        return ["eventId", "event_id", "eventID"].first { section.contains("\"name\": \"\($0)\"") }
    }

    /// `fbq('track', 'Purchase', {…})` → `fbq('track', 'Purchase', {…}, {eventID: {{Event ID}}})` for
    /// every track call without options; nil when the code has no such call.
    static func addingEventID(_ reference: String, to code: String) -> String? {
        var result = code
        var changed = false
        var searchFrom = result.startIndex
        while let start = result.range(of: "fbq(", range: searchFrom..<result.endIndex) {
            guard let call = JSCall(result, openParen: result.index(before: start.upperBound)) else { break }
            searchFrom = call.close
            let verb = call.arguments.first.map { $0.trimmingQuotes.lowercased() } ?? ""
            guard ["track", "trackcustom"].contains(verb), call.arguments.count == 2 || call.arguments.count == 3 else { continue }
            let insertion = (call.arguments.count == 2 ? ", {}" : "") + ", {eventID: \(reference)}"
            result.insert(contentsOf: insertion, at: call.close)
            changed = true
            searchFrom = result.index(call.close, offsetBy: insertion.count)
        }
        return changed ? result : nil
    }
}

/// A live tag that only repeats another (identical, or the same event to the same account on the
/// same trigger) is removed; the other keeps sending, so no measured pair is lost.
struct DuplicateTagFixer: Fixer {
    let rules: Set<String> = ["dedup.duplicate_tag", "dedup.same_event_twice", "dedup.duplicate_google_tag"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (index, tag) = context.tag(id: finding.entity.id), let otherId = finding.ref, let (other, kept) = context.tag(id: otherId),
              other != index, context.analysis.isLive[other], context.ledger.keepsCoverage(removing: [index])
        else { return [] }
        var plan = RemovalPlan(context)
        guard plan.removeTag(index) else { return [] }
        plan.sweep()
        return [FixProposal(plan.operations, "Remove tag \"\(tag.name)\", which duplicates tag \"\(kept.name)\": every hit was recorded twice.")]
    }
}

/// Conversion tags fire once per event.
struct FiringOptionFixer: Fixer {
    let rules: Set<String> = ["dedup.conversion_firing_option"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, tag) = context.tag(id: finding.entity.id) else { return [] }
        return [FixProposal([.add(path: PatchPath.tag(tag.id, "tagFiringOption"), value: "ONCE_PER_EVENT")],
                            "Fire conversion tag \"\(tag.name)\" once per event, so one conversion is reported once.")]
    }
}
