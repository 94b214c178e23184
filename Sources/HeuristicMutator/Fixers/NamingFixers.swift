import Foundation
import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// Renames an entity into the naming scheme: default, copy and duplicate names get a name built
/// from what the entity does; names without the scheme's parts or prefix get them added. A
/// renamed variable's `{{references}}` are rewritten in the same patch (when they fit the budget).
struct RenameFixer: Fixer {
    let rules: Set<String> = ["naming.duplicate_name", "naming.default_name", "naming.tag_convention", "naming.trigger_prefix", "naming.variable_prefix"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        let maker = NameMaker(context: context)
        switch finding.entity.kind {
        case .tag:
            guard let (index, tag) = context.tag(id: finding.entity.id), !context.isTagNameReferenced(tag) else { return [] }
            let candidates = finding.rule == "naming.tag_convention" ? maker.conventionalTagName(index)
                : [stripImportSuffix(tag.name), maker.describedTagName(index), tag.name].compactMap { $0 }
            return names(candidates, kind: .tag, current: tag.name, accepts: context.judge.acceptsTag, context).map {
                rename(PatchPath.tag(tag.id, "name"), "tag", tag.name, $0, extra: [])
            }
        case .trigger:
            guard let (index, trigger) = context.trigger(id: finding.entity.id) else { return [] }
            let candidates = finding.rule == "naming.trigger_prefix" ? maker.conventionalTriggerName(index)
                : [stripImportSuffix(trigger.name)].compactMap { $0 } + maker.conventionalTriggerName(index) + [trigger.name]
            return names(candidates, kind: .trigger, current: trigger.name, accepts: { context.judge.acceptsTrigger($0, type: trigger.type) }, context).map {
                rename(PatchPath.trigger(trigger.id, "name"), "trigger", trigger.name, $0, extra: [])
            }
        case .variable:
            guard let (_, variable) = context.variable(id: finding.entity.id) else { return [] }
            let candidates = finding.rule == "naming.duplicate_name" ? [variable.name]
                : [stripImportSuffix(variable.name).map { maker.prefix(ofVariable: variable) + context.naming.separator + $0 }].compactMap { $0 } + maker.conventionalVariableName(variable)
            let accepts = { (name: String) in context.judge.acceptsVariable(name, type: variable.type) }
            return names(candidates, kind: .variable, current: variable.name, accepts: accepts, context).compactMap { name in
                // References follow the rename; a duplicate's references keep resolving to the first variable of the name.
                var extra: [JSONPatch.Operation] = []
                if finding.rule != "naming.duplicate_name" {
                    let referrers = (context.graph.referrers[variable.name] ?? []).filter { $0 != variable.reference }
                    guard referrers.count + 1 <= context.maxEntities,
                          let rewrites = ReferenceRewriter.operations(renaming: variable.name, to: name, referrers: referrers, in: context),
                          let raw = context.raw(of: variable.reference)
                    else { return nil }
                    extra = rewrites + ReferenceRewriter.operations(in: raw, at: PatchPath.variable(variable.id), replacing: variable.name, with: name)
                }
                return rename(PatchPath.variable(variable.id, "name"), "variable", variable.name, name, extra: extra)
            }
        case .folder:
            guard let index = context.graph.folderIndexById[finding.entity.id] else { return [] }
            let folder = context.container.folders[index]
            let candidates = [maker.describedFolderName(folder.id), folder.name]
            return names(candidates, kind: .folder, current: folder.name, accepts: context.judge.acceptsFolder, context).map {
                rename(PatchPath.folder(folder.id, "name"), "folder", folder.name, $0, extra: [])
            }
        default:
            return []
        }
    }

    /// Up to two distinct unique accepted names from the candidates, in order.
    private func names(_ candidates: [String], kind: EntityKind, current: String, accepts: (String) -> Bool, _ context: FixContext) -> [String] {
        var result: [String] = []
        for candidate in candidates where result.count < 2 {
            guard let name = context.names.unique(candidate, kind: kind, accepts: accepts), name != current, !result.contains(name) else { continue }
            result.append(name)
        }
        return result
    }

    private func rename(_ path: JSONPointer, _ noun: String, _ old: String, _ new: String, extra: [JSONPatch.Operation]) -> FixProposal {
        let references = extra.isEmpty ? "" : " and update its references"
        return FixProposal([.replace(path: path, value: .string(new))] + extra, "Rename \(noun) \"\(old)\" to \"\(new)\"\(references).")
    }

    /// `Meta - Lead_import_1` → `Meta - Lead`; nil when there is no import suffix.
    private func stripImportSuffix(_ name: String) -> String? {
        guard let range = name.range(of: "_import_", options: .backwards),
              !name[range.upperBound...].isEmpty, name[range.upperBound...].allSatisfy(\.isNumber) else { return nil }
        return String(name[..<range.lowerBound])
    }
}

/// A GA4 event name becomes snake_case without changing the event it means (`addToCart` → `add_to_cart`).
struct GA4EventNameFixer: Fixer {
    let rules: Set<String> = ["naming.ga4_event_name"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, tag) = context.tag(id: finding.entity.id), let current = tag.parameters.value("eventName") else { return [] }
        let canonical = EventNames.canonical(current)
        var name = ""
        for ch in canonical.lowercased() {
            let ok = ch.isASCII && (ch.isLetter || ch.isNumber)
            if ok { name.append(ch) } else if !name.hasSuffix("_"), !name.isEmpty { name.append("_") }
        }
        while name.hasSuffix("_") { name.removeLast() }
        // The same canonical event, so the (destination, event) pair and every rule keyed on it stay.
        guard !name.isEmpty, name != current, EventNames.canonical(name) == canonical, context.judge.acceptsGA4EventName(name) else { return [] }
        return [FixProposal([TagFields.setParameter("eventName", to: name, in: tag)],
                            "Send GA4 tag \"\(tag.name)\"'s event as \(name) instead of \"\(current)\" (snake_case, as GA4 expects).")]
    }
}
