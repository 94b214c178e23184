public import LosslessJSON

/// A folder that tags, triggers, variables, clients and transformations can live in.
public struct Folder: ContainerEntity {
    public static let kind = EntityKind.folder

    public var id: String
    public var name: String
    public var notes: String?
    public var raw: JSONObject
    public var path: JSONPath

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let f = try FieldReader(value, at: path, what: "a folder")
        id = try f.identifier("folderId") ?? ""
        name = try f.string("name") ?? ""
        notes = try f.string("notes")
        raw = f.object
        self.path = path
    }
}
