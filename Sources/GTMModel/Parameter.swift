import LosslessJSON

/// The kind of a GTM parameter. Exports write UPPER_SNAKE; unknown kinds are kept, not rejected.
public enum ParameterType: Sendable, Hashable {
    case template, boolean, integer, list, map, tagReference, triggerReference
    case other(String)

    init(exportName: String) {
        switch exportName {
        case "TEMPLATE", "template": self = .template
        case "BOOLEAN", "boolean": self = .boolean
        case "INTEGER", "integer": self = .integer
        case "LIST", "list": self = .list
        case "MAP", "map": self = .map
        case "TAG_REFERENCE", "tagReference": self = .tagReference
        case "TRIGGER_REFERENCE", "triggerReference": self = .triggerReference
        default: self = .other(exportName)
        }
    }
}

/// A GTM parameter: `{type, key?, value?, list?, map?}`, nested to any depth.
///
/// `value` is always a string in exports (`"true"`, `"2"`, `"{{DLV - value}}"`).
public struct Parameter: Sendable {
    public var type: ParameterType
    public var key: String?
    public var value: String?
    /// Items of a `LIST` (no keys, order kept).
    public var list: [Parameter]
    /// Members of a `MAP` (keyed).
    public var map: [Parameter]

    public init(type: ParameterType, key: String? = nil, value: String? = nil, list: [Parameter] = [], map: [Parameter] = []) {
        self.type = type
        self.key = key
        self.value = value
        self.list = list
        self.map = map
    }

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let fields = try FieldReader(value, at: path, what: "a parameter")
        let typeName = try fields.string("type") ?? "TEMPLATE"
        type = ParameterType(exportName: typeName)
        key = try fields.string("key")
        // A handful of hand-edited exports write numeric or boolean values unquoted.
        switch fields.object["value"] {
        case nil, .null?: self.value = nil
        case .string(let s)?: self.value = s
        case .number(let n)?: self.value = n.literal
        case .bool(let b)?: self.value = b ? "true" : "false"
        case let other?: throw fields.mismatch("value", expected: "a string", found: other)
        }
        list = try fields.parameters("list")
        map = try fields.parameters("map")
    }

    /// The member of a `MAP` with this key.
    public subscript(mapKey key: String) -> Parameter? {
        map.first { $0.key == key }
    }

    /// `value` read as a GTM boolean.
    public var isTrue: Bool { value == "true" }

    /// The rows of a table-shaped `LIST` of `MAP`s as `[key: value]` dictionaries.
    public var tableRows: [[String: String]] {
        list.map { row in
            var result: [String: String] = [:]
            for cell in row.map { if let k = cell.key { result[k] = cell.value ?? "" } }
            return result
        }
    }

    /// This parameter's own value and every value nested in its list and map.
    public func forEachValue(_ body: (String) -> Void) {
        if let value { body(value) }
        for item in list { item.forEachValue(body) }
        for item in map { item.forEachValue(body) }
    }
}

extension Array where Element == Parameter {
    /// The top-level parameter with this key.
    public subscript(key key: String) -> Parameter? {
        first { $0.key == key }
    }

    /// The string value of the top-level parameter with this key.
    public func value(_ key: String) -> String? {
        first { $0.key == key }?.value
    }
}
