import GTMModel
import LosslessJSON
import Mutation

/// New entities in export form. Each is given a label id (`new-1`) that the round replaces with a
/// real id, and everything a good entity has from the start (a conventional name, consent
/// settings, a firing option, a folder), so that adding it fixes one finding without raising others.
enum NewEntities {
    /// Built-in trigger ids GTM defines itself.
    static let allPages = BuiltInTrigger.allPages
    static let initialization = BuiltInTrigger.initialization
    static let consentInitialization = BuiltInTrigger.consentInitialization

    static func tag(label: String, name: String, type: String, parameters: [JSONValue], firing: [String],
                    consent: ConsentChoice?, folder: String?, notes: String? = nil) -> JSONValue
    {
        GTMJSON.object(optional: [
            ("tagId", .string(label)), ("name", .string(name)), ("type", .string(type)),
            ("parameter", .array(parameters)), ("firingTriggerId", .array(firing.map { .string($0) })),
            ("parentFolderId", folder.map { .string($0) }), ("tagFiringOption", "ONCE_PER_EVENT"),
            ("monitoringMetadata", GTMJSON.object(["type": "MAP"])), ("consentSettings", consent?.json),
            ("notes", notes.map { .string($0) }),
        ])
    }

    /// A custom-event trigger on `{{_event}} equals event`.
    static func customEventTrigger(label: String, name: String, event: String, folder: String?) -> JSONValue {
        let condition = GTMJSON.object(["type": "EQUALS", "parameter": .array([GTMJSON.template("arg0", "{{_event}}"), GTMJSON.template("arg1", event)])])
        return GTMJSON.object(optional: [
            ("triggerId", .string(label)), ("name", .string(name)), ("type", "CUSTOM_EVENT"),
            ("customEventFilter", .array([condition])), ("parentFolderId", folder.map { .string($0) }),
        ])
    }

    static func constant(label: String, name: String, value: String, folder: String?) -> JSONValue {
        GTMJSON.object(optional: [
            ("variableId", .string(label)), ("name", .string(name)), ("type", "c"),
            ("parameter", .array([GTMJSON.template("value", value)])), ("parentFolderId", folder.map { .string($0) }),
        ])
    }

    static func folder(label: String, name: String) -> JSONValue {
        GTMJSON.object(["folderId": .string(label), "name": .string(name)])
    }
}

/// A folder placement in a patch: the id to write into `parentFolderId`, and the operations that
/// create the folder when it does not exist yet.
struct Placement {
    var folderId: String
    var operations: [JSONPatch.Operation]
    var createsFolder: Bool { !operations.isEmpty }
    var description: String

    /// The placement for `pick`, creating a folder under `label` when needed; nil when no unique
    /// acceptable folder name exists.
    static func make(_ pick: FolderDirectory.Pick, label: String, in context: FixContext) -> Placement? {
        switch pick {
        case .existing(let id):
            let name = context.graph.folderIndexById[id].map { context.container.folders[$0].name } ?? id
            return Placement(folderId: id, operations: [], description: "folder \"\(name)\"")
        case .new(let base):
            let plain = context.names.isFree(base, kind: .folder) && context.judge.acceptsFolder(base) ? base : nil
            guard let name = plain ?? context.names.unique("\(base) Tags", kind: .folder, accepts: context.judge.acceptsFolder) else { return nil }
            return Placement(folderId: label, operations: [.add(path: PatchPath.new(.folder), value: NewEntities.folder(label: label, name: name))],
                             description: "a new folder \"\(name)\"")
        }
    }
}
