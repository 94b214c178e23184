public import LosslessJSON

/// A user-defined variable, referenced elsewhere as `{{Name}}`.
public struct Variable: ContainerEntity {
    public static let kind = EntityKind.variable

    public var id: String
    public var name: String
    /// The type code (`v` data layer, `c` constant, `jsm` custom JavaScript, `cvt_…`, …).
    public var type: String
    public var parameters: [Parameter]
    public var parentFolderId: String?
    public var notes: String?
    public var raw: JSONObject
    public var path: JSONPath
    /// The `{{Name}}` references in the entity, found once at decoding (the loop reuses decoded
    /// entities between rounds, and with them this scan).
    public var variableReferenceNames: [String]

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let f = try FieldReader(value, at: path, what: "a variable")
        id = try f.identifier("variableId") ?? ""
        name = try f.string("name") ?? ""
        type = try f.string("type") ?? ""
        parameters = try f.parameters()
        parentFolderId = try f.identifier("parentFolderId")
        notes = try f.string("notes")
        if let format = f.object["formatValue"], format.objectValue == nil, !format.isNull {
            throw f.mismatch("formatValue", expected: "an object", found: format)
        }
        raw = f.object
        self.path = path
        variableReferenceNames = VariableReferences.names(inEntity: f.object)
    }
}
