import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// Where a tag, trigger or variable belongs, and the placement that puts it there.
private struct Home {
    let context: FixContext

    /// Picks for an entity, best first: its vendor's (or its users') folder, then a purpose folder.
    func picks(for entity: EntityReference) -> [FolderDirectory.Pick] {
        let folders = context.folders
        switch entity.kind {
        case .tag:
            guard let index = context.graph.tagIndexById[entity.id] else { return [] }
            return [folders.pick(forTag: index)]
        case .trigger:
            let graph = context.graph
            let users = Array(Set((graph.tagsFiredBy[entity.id] ?? []) + (graph.tagsBlockedBy[entity.id] ?? []))).sorted()
            let homes = users.map { context.container.tags[$0].parentFolderId }
            return unique([folders.pick(usedBy: users, folders: homes, fallback: ["Triggers"]), folders.purposeFolder(["Triggers"])])
        case .variable:
            let referrers = context.graph.referrers[entity.name] ?? []
            let tags = referrers.filter { $0.kind == .tag }.compactMap { context.graph.tagIndexById[$0.id] }
            let homes = referrers.map { folder(of: $0) }
            return unique([folders.pick(usedBy: tags, folders: homes, fallback: ["Variables"]), folders.purposeFolder(["Variables"])])
        default:
            return []
        }
    }

    private func folder(of entity: EntityReference) -> String? {
        switch entity.kind {
        case .tag: context.tag(id: entity.id)?.tag.parentFolderId
        case .trigger: context.trigger(id: entity.id)?.trigger.parentFolderId
        case .variable: context.variable(id: entity.id)?.variable.parentFolderId
        default: nil
        }
    }

    private func unique(_ picks: [FolderDirectory.Pick]) -> [FolderDirectory.Pick] {
        var result: [FolderDirectory.Pick] = []
        for pick in picks where !result.contains(pick) { result.append(pick) }
        return result
    }

    /// Proposals that move `entity` into each pick (creating the folder when needed).
    func moves(_ entity: EntityReference, why: String, excluding current: String? = nil) -> [FixProposal] {
        guard let collection = entity.kind.collection else { return [] }
        return picks(for: entity).compactMap { pick in
            if case .existing(let id) = pick, id == current { return nil }
            guard context.maxEntities >= 2 || !(pick.isNew), let placement = Placement.make(pick, label: "new-1", in: context) else { return nil }
            let move = JSONPatch.Operation.add(path: PatchPath.entity(collection, entity.id, ["parentFolderId"]), value: .string(placement.folderId))
            return FixProposal(placement.operations + [move], "Move \(entity.kind.rawValue) \"\(entity.name)\" into \(placement.description): \(why).")
        }
    }
}

extension FolderDirectory.Pick {
    var isNew: Bool { if case .new = self { true } else { false } }
}

/// Unfoldered entities move into the folder of their vendor or purpose.
struct UnfolderedFixer: Fixer {
    let rules: Set<String> = ["folders.unfoldered"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        Home(context: context).moves(finding.entity, why: "it was in no folder")
    }
}

/// An empty folder is removed.
struct EmptyFolderFixer: Fixer {
    let rules: Set<String> = ["folders.empty_folder"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let index = context.graph.folderIndexById[finding.entity.id], (context.graph.folderMembers[finding.entity.id] ?? []).isEmpty else { return [] }
        let folder = context.container.folders[index]
        return [FixProposal([.remove(path: PatchPath.folder(folder.id))], "Remove folder \"\(folder.name)\", which holds nothing.")]
    }
}

/// An entity in a folder that does not exist moves to its vendor's folder, or out of the missing one.
struct DanglingFolderFixer: Fixer {
    let rules: Set<String> = ["folders.dangling_folder"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let collection = finding.entity.kind.collection else { return [] }
        let clear = FixProposal([.remove(path: PatchPath.entity(collection, finding.entity.id, ["parentFolderId"]))],
                                "Take \(finding.entity.kind.rawValue) \"\(finding.entity.name)\" out of folder id \(finding.ref ?? "?"), which does not exist.")
        return Home(context: context).moves(finding.entity, why: "its folder id \(finding.ref ?? "?") does not exist") + [clear]
    }
}

/// A folder with several vendors' tags loses a tag of a minority vendor to that vendor's folder.
struct MixedVendorFixer: Fixer {
    let rules: Set<String> = ["folders.mixed_vendor_folder"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        let analysis = context.analysis
        var byDestination: [Destination: [Int]] = [:]
        for (i, tag) in context.container.tags.enumerated() where tag.parentFolderId == finding.entity.id && analysis.isLive[i] {
            if let d = analysis.tagProfiles[i].destination, d != .otherVendor { byDestination[d, default: []].append(i) }
        }
        // The vendor with most tags keeps the folder; the others move out, smallest group first.
        let ranked = byDestination.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        guard ranked.count >= 2 else { return [] }
        let home = Home(context: context)
        var result: [FixProposal] = []
        for (destination, tags) in ranked.dropFirst().reversed() {
            let why = "folder \"\(finding.entity.name)\" holds \(ranked[0].key.displayName)'s tags, and these send to \(destination.displayName)"
            // All of one vendor's tags at once, when they fit: moving some leaves the folder mixed.
            let pick: FolderDirectory.Pick = context.folders.vendorFolder(for: destination).map { .existing(id: $0) } ?? .new(name: destination.displayName)
            if tags.count + (pick.isNew ? 1 : 0) <= context.maxEntities, pick != .existing(id: finding.entity.id),
               let placement = Placement.make(pick, label: "new-1", in: context)
            {
                let moves = tags.map { JSONPatch.Operation.add(path: PatchPath.tag(context.container.tags[$0].id, "parentFolderId"), value: .string(placement.folderId)) }
                let names = tags.map { "\"\(context.container.tags[$0].name)\"" }.joined(separator: ", ")
                result.append(FixProposal(placement.operations + moves, "Move \(names) into \(placement.description): \(why)."))
            }
            for i in tags.prefix(2) {
                result += home.moves(context.container.tags[i].reference, why: why, excluding: finding.entity.id)
            }
        }
        return result
    }
}

/// Custom HTML and Custom JavaScript get a note saying what the code does, read from the code's
/// vendor, events and users, for the next person to complete.
struct CodeNotesFixer: Fixer {
    let rules: Set<String> = ["folders.code_without_notes"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        let note: String
        let path: JSONPointer
        switch finding.entity.kind {
        case .tag:
            guard let (index, tag) = context.tag(id: finding.entity.id), tag.type == "html" else { return [] }
            note = CodeNotesFixer.note(forTag: index, context)
            path = PatchPath.tag(tag.id, "notes")
        case .variable:
            guard let (_, variable) = context.variable(id: finding.entity.id), variable.type == "jsm" else { return [] }
            let users = (context.graph.referrers[variable.name] ?? []).filter { $0 != variable.reference }
            let used = users.isEmpty ? "Referenced nowhere yet." : "Used by " + users.prefix(3).map { "\($0.kind.rawValue) \"\($0.name)\"" }.joined(separator: ", ") + (users.count > 3 ? " and \(users.count - 3) more." : ".")
            note = "Custom JavaScript variable computed in the page. \(used) \(CodeNotesFixer.todo)"
            path = PatchPath.variable(variable.id, "notes")
        default:
            return []
        }
        return [FixProposal([.add(path: path, value: .string(note))], "Add a note to \(finding.entity.kind.rawValue) \"\(finding.entity.name)\" saying what its code does.")]
    }

    static let todo = "Note drafted by GTM AutoResearch from the code: add its owner and purpose."

    static func note(forTag index: Int, _ context: FixContext) -> String {
        let analysis = context.analysis
        let profile = analysis.tagProfiles[index]
        let events = analysis.tagEvents[index].names
        let what: String
        switch profile.role {
        case .consentDefault: what = "Sets the Consent Mode default state."
        case .consentUpdate: what = "Relays consent choices to Consent Mode."
        case .utility: what = "Utility code: sends no data to a vendor."
        case .deprecated: what = "Loads Universal Analytics, which no longer processes data."
        case .googleTagConfig, .conversionLinker, .measurement:
            let vendor = profile.destination?.displayName ?? "a vendor"
            what = "Sends data to \(vendor)" + (events.isEmpty ? "." : " (events: \(events.prefix(5).joined(separator: ", "))).")
        }
        let triggers = context.container.tags[index].firingTriggerIds.prefix(3).map { context.trigger(id: $0)?.trigger.name ?? BuiltInTrigger.name(of: $0) }
        let fires = triggers.isEmpty ? "" : " Fires on: \(triggers.joined(separator: ", "))."
        return "Custom HTML. \(what)\(fires) \(todo)"
    }
}
