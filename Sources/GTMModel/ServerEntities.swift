public import LosslessJSON

/// A server-container client (`gaaw_client`, `gtm_client`, `cvt_…`): claims incoming requests.
public struct ServerClient: ContainerEntity {
    public static let kind = EntityKind.client

    public var id: String
    public var name: String
    public var type: String
    public var parameters: [Parameter]
    public var parentFolderId: String?
    public var raw: JSONObject
    public var path: JSONPath

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let f = try FieldReader(value, at: path, what: "a client")
        id = try f.identifier("clientId") ?? ""
        name = try f.string("name") ?? ""
        type = try f.string("type") ?? ""
        parameters = try f.parameters()
        parentFolderId = try f.identifier("parentFolderId")
        raw = f.object
        self.path = path
    }
}

/// A server-container transformation (`tf_augment_event`, allow/exclude): edits event data for tags.
public struct Transformation: ContainerEntity {
    public static let kind = EntityKind.transformation

    public var id: String
    public var name: String
    public var type: String
    public var parameters: [Parameter]
    public var parentFolderId: String?
    public var raw: JSONObject
    public var path: JSONPath

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let f = try FieldReader(value, at: path, what: "a transformation")
        id = try f.identifier("transformationId") ?? ""
        name = try f.string("name") ?? ""
        type = try f.string("type") ?? ""
        parameters = try f.parameters()
        parentFolderId = try f.identifier("parentFolderId")
        raw = f.object
        self.path = path
    }

    /// Tag names listed in `affectedTags` (`TAG_REFERENCE` values).
    public var affectedTagNames: [String] {
        var names: [String] = []
        for p in parameters { collectTagReferences(p, into: &names) }
        return names
    }
}

/// A zone (API only so far): a child container boundary with its own conditions.
public struct Zone: ContainerEntity {
    public static let kind = EntityKind.zone

    public var id: String
    public var name: String
    public var raw: JSONObject
    public var path: JSONPath

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let f = try FieldReader(value, at: path, what: "a zone")
        id = try f.identifier("zoneId") ?? ""
        name = try f.string("name") ?? ""
        raw = f.object
        self.path = path
    }
}

func collectTagReferences(_ parameter: Parameter, into names: inout [String]) {
    if parameter.type == .tagReference, let value = parameter.value { names.append(value) }
    for item in parameter.list { collectTagReferences(item, into: &names) }
    for item in parameter.map { collectTagReferences(item, into: &names) }
}
