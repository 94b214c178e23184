import Foundation
import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// A business event that GA4 does not receive while other destinations do gets a GA4 event tag.
/// (Ads and pixel conversions need ids and labels from the ad account, which the heuristic has not.)
struct MissingDestinationFixer: Fixer {
    let rules: Set<String> = ["alignment.event_missing_destination"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        let parts = (finding.ref ?? "").components(separatedBy: "→")
        guard parts.count == 2, parts[1] == Destination.ga4.rawValue else { return [] }
        return GA4EventTag.proposals(sending: parts[0], why: "other destinations receive \(parts[0]) but GA4 does not", in: context)
    }
}

/// A tag that sends an event's value, currency or transaction id from another variable than the
/// other destinations is pointed at the same variable.
struct ValueSourceFixer: Fixer {
    let rules: Set<String> = ["alignment.inconsistent_value_source"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        // The message names this tag's variable first and the reference tag's second.
        let names = VariableReferences.names(in: finding.message)
        guard names.count >= 2, let field = (finding.ref?.split(separator: ".").last).flatMap({ EventField(rawValue: String($0)) }),
              let (_, tag) = context.tag(id: finding.entity.id), context.variable(named: names[1]) != nil
        else { return [] }
        let (mine, reference) = (names[0], names[1])
        let operations: [JSONPatch.Operation] = TagFields.slots(of: field, in: tag).compactMap { slot in
            guard slot.hasCell, GTMJSON.singleReference(slot.value) == mine else { return nil }
            return .add(path: JSONPointer(tokens: PatchPath.tag(tag.id).tokens + slot.tokens), value: .string(GTMJSON.reference(reference)))
        }
        guard !operations.isEmpty else { return [] }
        return [FixProposal(operations, "Send \(field.rawValue) of tag \"\(tag.name)\" from {{\(reference)}}, as the other destinations do, instead of {{\(mine)}}.")]
    }
}
