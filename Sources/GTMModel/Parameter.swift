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
        do {
            try self.init(decoding: value)
        } catch {
            throw error.located(under: path)
        }
    }

    /// Decodes without building paths on the way down: an error carries the path *inside* this
    /// parameter, and callers prefix their own location while it unwinds (success costs nothing).
    private init(decoding value: JSONValue) throws(ContainerFormatError) {
        let path = JSONPath.root
        guard case .object(let object) = value else {
            throw ContainerFormatError(path: path, reason: "expected a parameter (an object), found \(value.kindDescription)")
        }
        // One pass over the members: parameters are most of an export, so this loop is the
        // decoder's hot path. The first of duplicate members wins, as in `JSONObject` lookups.
        var type: ParameterType?, key: String??, value: String??, list: [Parameter]?, map: [Parameter]?
        func mismatch(_ name: String, _ expected: String, _ found: JSONValue) -> ContainerFormatError {
            ContainerFormatError(path: path.appending(key: name), reason: "expected \(expected), found \(found.kindDescription)")
        }
        for member in object.members {
            switch member.key {
            case "type" where type == nil:
                switch member.value {
                case .string(let s): type = ParameterType(exportName: s)
                case .null: type = .template
                default: throw mismatch("type", "a string", member.value)
                }
            case "key" where key == nil:
                switch member.value {
                case .string(let s): key = .some(s)
                case .null: key = .some(nil)
                default: throw mismatch("key", "a string", member.value)
                }
            case "value" where value == nil:
                // A handful of hand-edited exports write numeric or boolean values unquoted.
                switch member.value {
                case .string(let s): value = .some(s)
                case .null: value = .some(nil)
                case .number(let n): value = .some(n.literal)
                case .bool(let b): value = .some(b ? "true" : "false")
                default: throw mismatch("value", "a string", member.value)
                }
            case "list" where list == nil:
                list = try Parameter.decodeList(member.value, key: "list")
            case "map" where map == nil:
                map = try Parameter.decodeList(member.value, key: "map")
            default:
                continue
            }
        }
        self.type = type ?? .template
        self.key = key ?? nil
        self.value = value ?? nil
        self.list = list ?? []
        self.map = map ?? []
    }

    private static func decodeList(_ value: JSONValue, key: String) throws(ContainerFormatError) -> [Parameter] {
        switch value {
        case .null: return []
        case .array(let items):
            var result: [Parameter] = []
            result.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                do {
                    result.append(try Parameter(decoding: item))
                } catch {
                    throw error.located(under: JSONPath([.key(key), .index(i)]))
                }
            }
            return result
        default:
            throw ContainerFormatError(path: JSONPath([.key(key)]), reason: "expected an array, found \(value.kindDescription)")
        }
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
