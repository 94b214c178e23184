public import LosslessJSON

/// A GTM container export: a lossless JSON document plus typed, read-only views of its entities.
///
/// The document is the truth. Views are decoded from it once; writing the container back writes
/// the document, so every field the model does not know survives. Edits (later: JSON patches)
/// change the document and decode a new `Container`.
public struct Container: Sendable {
    /// The export exactly as read.
    public let document: JSONValue

    /// `exportFormatVersion`: `2` today, `1.3` for 2015 exports.
    public let exportFormatVersion: JSONNumber
    public let exportTime: String?
    public let accountId: String
    public let containerId: String
    /// `GTM-XXXXXXX`.
    public let publicId: String
    public let containerName: String
    public let usageContext: UsageContext

    public let tags: [Tag]
    public let triggers: [Trigger]
    public let variables: [Variable]
    public let folders: [Folder]
    public let builtInVariables: [BuiltInVariable]
    public let templates: [CustomTemplate]
    public let clients: [ServerClient]
    public let transformations: [Transformation]
    public let zones: [Zone]

    /// Decodes the typed views of an export document.
    /// - Throws: ``ContainerFormatError`` naming the JSON path of the first field that is wrong.
    public init(document: JSONValue) throws(ContainerFormatError) {
        try self.init(document: document, reuse: nil)
    }

    /// Decodes `document` like ``init(document:)``, but takes the tags, triggers, variables and
    /// folders whose ids `changed` does not list (by array key: `"tag"`, …) from `parent`, already
    /// decoded. For the loop, where a patch touches three entities of a thousand: `changed` must
    /// name every entity whose JSON differs from the parent's.
    public init(document: JSONValue, reusing parent: Container, changed: [String: Set<String>]) throws(ContainerFormatError) {
        try self.init(document: document, reuse: EntityReuse(parent: parent, changed: changed))
    }

    private init(document: JSONValue, reuse: EntityReuse?) throws(ContainerFormatError) {
        self.document = document
        let top = try FieldReader(document, at: .root, what: "a GTM container export")
        guard let version = top.object["exportFormatVersion"] else {
            throw ContainerFormatError(path: .root, reason: "not a GTM container export: no \"exportFormatVersion\" (export the container from GTM Admin → Export Container)")
        }
        switch version {
        case .number(let n): exportFormatVersion = n
        case .string(let s):
            guard let n = try? JSONParser().parse(s).numberValue else { throw top.mismatch("exportFormatVersion", expected: "a number", found: version) }
            exportFormatVersion = n
        default: throw top.mismatch("exportFormatVersion", expected: "a number", found: version)
        }
        exportTime = try top.string("exportTime")
        guard let versionValue = top.object["containerVersion"] else {
            throw ContainerFormatError(path: .root, reason: "not a GTM container export: no \"containerVersion\"")
        }
        let cv = try FieldReader(versionValue, at: JSONPath.root.appending(key: "containerVersion"), what: "the container version")

        var info: FieldReader?
        if let containerValue = cv.object["container"], !containerValue.isNull {
            info = try FieldReader(containerValue, at: cv.path.appending(key: "container"), what: "the container")
        }
        let versionAccountId = try cv.identifier("accountId"), versionContainerId = try cv.identifier("containerId")
        accountId = try info?.identifier("accountId") ?? versionAccountId ?? ""
        containerId = try info?.identifier("containerId") ?? versionContainerId ?? ""
        publicId = try info?.string("publicId") ?? ""
        containerName = try info?.string("name") ?? ""
        var context: String?
        if let info {
            let contexts = try info.array("usageContext")
            for (value, path) in contexts {
                guard let s = value.stringValue else { throw ContainerFormatError(path: path, reason: "expected a string, found \(value.kindDescription)") }
                context = context ?? s
            }
        }
        usageContext = UsageContext(exportName: context)

        tags = try Container.decodeAll(cv, "tag", Tag.init, reusing: reuse.map { ($0.parent.tags, $0.changed["tag"] ?? [], "tagId") })
        triggers = try Container.decodeAll(cv, "trigger", Trigger.init, reusing: reuse.map { ($0.parent.triggers, $0.changed["trigger"] ?? [], "triggerId") })
        variables = try Container.decodeAll(cv, "variable", Variable.init, reusing: reuse.map { ($0.parent.variables, $0.changed["variable"] ?? [], "variableId") })
        folders = try Container.decodeAll(cv, "folder", Folder.init, reusing: reuse.map { ($0.parent.folders, $0.changed["folder"] ?? [], "folderId") })
        templates = try Container.decodeAll(cv, "customTemplate", CustomTemplate.init)
        clients = try Container.decodeAll(cv, "client", ServerClient.init)
        transformations = try Container.decodeAll(cv, "transformation", Transformation.init)
        zones = try Container.decodeAll(cv, "zone", Zone.init)

        var builtIns = try Container.decodeAll(cv, "builtInVariable", BuiltInVariable.init)
        // The 2015 format lists enabled built-ins as bare type names on the container.
        if let info {
            for (value, path) in try info.array("enabledBuiltInVariable") {
                guard let type = value.stringValue else { throw ContainerFormatError(path: path, reason: "expected a string, found \(value.kindDescription)") }
                builtIns.append(BuiltInVariable(type: type, name: BuiltInVariable.displayName(ofType: type)))
            }
        }
        builtInVariables = builtIns
    }

    private static func decodeAll<T>(
        _ reader: FieldReader, _ key: String, _ decode: (JSONValue, JSONPath) throws(ContainerFormatError) -> T
    ) throws(ContainerFormatError) -> [T] {
        let items = try reader.array(key)
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (value, path) in items { result.append(try decode(value, path)) }
        return result
    }

    /// Decodes every entry, or takes an unchanged one from the parent with its new position. Only
    /// ids that are unique in the parent are reused.
    private static func decodeAll<T: ContainerEntity>(
        _ reader: FieldReader, _ key: String, _ decode: (JSONValue, JSONPath) throws(ContainerFormatError) -> T,
        reusing reuse: (parent: [T], changed: Set<String>, idKey: String)?
    ) throws(ContainerFormatError) -> [T] {
        guard let reuse else { return try decodeAll(reader, key, decode) }
        var byId: [String: Int] = [:]
        var repeated = Set<String>()
        for (i, entity) in reuse.parent.enumerated() where byId.updateValue(i, forKey: entity.id) != nil { repeated.insert(entity.id) }
        let items = try reader.array(key)
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (value, path) in items {
            if let id = value[reuse.idKey]?.identifierText, !reuse.changed.contains(id), !repeated.contains(id), let i = byId[id] {
                var entity = reuse.parent[i]
                entity.path = path
                result.append(entity)
            } else {
                result.append(try decode(value, path))
            }
        }
        return result
    }

    /// Whether this is a server-side container.
    public var isServer: Bool { usageContext == .server }

    /// The export as bytes, in the GTM UI layout.
    public func exportBytes() -> [UInt8] { JSONWriter.gtmExport.bytes(of: document) }
}

/// What ``Container/init(document:reusing:changed:)`` takes from the parent.
private struct EntityReuse {
    var parent: Container
    var changed: [String: Set<String>]
}
