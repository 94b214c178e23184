import GTMModel

/// Rules of the `folders` dimension: entities live in folders that match one vendor or purpose,
/// no folder is empty or missing, and opaque code carries notes.
enum FolderRules {
    static let all: [any Rule] = [Unfoldered(), EmptyFolder(), DanglingFolder(), MixedVendorFolder(), CodeWithoutNotes()]

    /// Containers this small (and without folders) are recipes; folders would add nothing.
    static let smallContainerLimit = 10

    struct Unfoldered: Rule {
        let descriptor = RuleDescriptor(
            "unfoldered", .folders, .info,
            title: "A tag, trigger or variable is not in a folder",
            rationale: "Folders group a container by vendor or purpose (GA4, Meta, Consent, Ecommerce data layer …), so a reviewer can see what belongs together, export or delete one vendor's setup, and spot strays. Once a container uses folders, or has grown past a handful of entities, an entity outside every folder is one nobody has placed.",
            hint: "Move the entity into the folder of its vendor or purpose (create one if none fits).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let c = context.container
            guard !c.folders.isEmpty || c.tags.count + c.triggers.count + c.variables.count > FolderRules.smallContainerLimit else { return }
            check(c.tags, &results)
            check(c.triggers, &results)
            check(c.variables, &results)
        }

        private func check<Entity: FolderedEntity>(_ entities: [Entity], _ results: inout RuleResults) {
            for i in entities.indices {
                results.check(entities[i].parentFolderId != nil, entities[i].reference,
                              "The \(Entity.kind.rawValue) \"\(entities[i].name)\" is not in any folder.")
            }
        }
    }

    struct EmptyFolder: Rule {
        let descriptor = RuleDescriptor(
            "empty_folder", .folders, .warning,
            title: "A folder contains nothing",
            rationale: "An empty folder is left over from a removed vendor or a reorganisation that stopped halfway. It suggests structure that is not there and clutters the folder view.",
            hint: "Delete the folder, or move the entities it was made for into it.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            for folder in context.container.folders {
                let members = context.graph.folderMembers[folder.id] ?? []
                results.check(!members.isEmpty, folder.reference, "Folder \"\(folder.name)\" contains no tag, trigger, variable, client or transformation.")
            }
        }
    }

    struct DanglingFolder: Rule {
        let descriptor = RuleDescriptor(
            "dangling_folder", .folders, .error,
            title: "An entity names a folder that does not exist",
            rationale: "A parentFolderId that matches no folder of the export points at a folder deleted in another workspace or lost while editing the JSON by hand. GTM rejects or silently re-homes such entities on import, so what the container looks like after import differs from the file.",
            hint: "Point parentFolderId at an existing folder, or remove it.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let c = context.container
            check(c.tags, context, &results)
            check(c.triggers, context, &results)
            check(c.variables, context, &results)
            check(c.clients, context, &results)
            check(c.transformations, context, &results)
        }

        private func check<Entity: FolderedEntity>(_ entities: [Entity], _ context: ScoringContext, _ results: inout RuleResults) {
            let folders = context.graph.folderIndexById
            for i in entities.indices {
                guard let folder = entities[i].parentFolderId else { continue }
                results.check(folders[folder] != nil, entities[i].reference,
                              "The \(Entity.kind.rawValue) \"\(entities[i].name)\" is in folder id \(folder), which does not exist.", ref: folder)
            }
        }
    }

    struct MixedVendorFolder: Rule {
        let descriptor = RuleDescriptor(
            "mixed_vendor_folder", .folders, .info,
            title: "A folder holds live tags of several destinations",
            rationale: "A folder per vendor (or per purpose) lets a reviewer check, export or remove one vendor's tags as a unit. A folder whose live tags send to several destinations (GA4 and Meta, say) does not match one vendor, so the folder view no longer answers \"what do we send to X\".",
            hint: "Split the folder by destination (one folder per vendor), or move the stray tags to their vendor's folder.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let analysis = context.analysis
            let tags = context.container.tags
            var destinations: [String: Set<Destination>] = [:]
            for i in tags.indices where analysis.isLive[i] {
                // "Other vendor" is an unknown host, not a vendor of its own: it could be the folder's.
                guard let folder = tags[i].parentFolderId, let destination = analysis.tagProfiles[i].destination,
                      destination != .otherVendor else { continue }
                destinations[folder, default: []].insert(destination)
            }
            for folder in context.container.folders {
                guard let found = destinations[folder.id], !found.isEmpty else { continue }
                let sorted = found.sorted()
                results.check(sorted.count < 2, folder.reference,
                              "Folder \"\(folder.name)\" holds live tags sending to \(sorted.map(\.displayName).joined(separator: ", ")).",
                              ref: sorted.map(\.rawValue).joined(separator: ","))
            }
        }
    }

    struct CodeWithoutNotes: Rule {
        let descriptor = RuleDescriptor(
            "code_without_notes", .folders, .info,
            title: "A Custom HTML tag or Custom JavaScript variable has no notes",
            rationale: "Custom HTML and Custom JavaScript are opaque: unlike a template, nothing in the UI says what the code does, who asked for it or whether it is still needed. A short note (purpose, owner, date) is what lets the next person change or remove it safely.",
            hint: "Add a note to the entity (purpose, owner, and the ticket or date it was added).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let tags = context.container.tags
            for i in tags.indices where tags[i].type == "html" {
                results.check(FolderRules.hasNotes(tags[i].notes), tags[i].reference, "Custom HTML tag \"\(tags[i].name)\" has no notes explaining its code.")
            }
            let variables = context.container.variables
            for i in variables.indices where variables[i].type == "jsm" {
                results.check(FolderRules.hasNotes(variables[i].notes), variables[i].reference,
                              "Custom JavaScript variable \"\(variables[i].name)\" has no notes explaining its code.")
            }
        }
    }

    static func hasNotes(_ notes: String?) -> Bool {
        notes?.contains { !$0.isWhitespace } ?? false
    }
}

/// An entity that can live in a folder.
protocol FolderedEntity: ContainerEntity {
    var parentFolderId: String? { get }
}

extension Tag: FolderedEntity {}
extension Trigger: FolderedEntity {}
extension Variable: FolderedEntity {}
extension ServerClient: FolderedEntity {}
extension Transformation: FolderedEntity {}
