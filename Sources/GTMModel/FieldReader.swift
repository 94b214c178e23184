import LosslessJSON

/// Reads typed fields out of one JSON object, naming the exact path of any field of the wrong type.
///
/// Missing optional fields are fine (GTM omits empty collections); present fields of the wrong
/// type are errors, because a silent default would score a container that is not what it says.
struct FieldReader {
    let object: JSONObject
    let path: JSONPath

    init(_ value: JSONValue, at path: JSONPath, what: String) throws(ContainerFormatError) {
        guard case .object(let object) = value else {
            throw ContainerFormatError(path: path, reason: "expected \(what) (an object), found \(value.kindDescription)")
        }
        self.object = object
        self.path = path
    }

    func mismatch(_ key: String, expected: String, found value: JSONValue) -> ContainerFormatError {
        ContainerFormatError(path: path.appending(key: key), reason: "expected \(expected), found \(value.kindDescription)")
    }

    /// An optional string field.
    func string(_ key: String) throws(ContainerFormatError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .string(let s) = value else { throw mismatch(key, expected: "a string", found: value) }
        return s
    }

    /// A required string field.
    func requiredString(_ key: String) throws(ContainerFormatError) -> String {
        guard let s = try string(key) else {
            throw ContainerFormatError(path: path.appending(key: key), reason: "missing required field \"\(key)\"")
        }
        return s
    }

    /// An identifier: exports write ids as strings, a few hand-edited files as numbers.
    func identifier(_ key: String) throws(ContainerFormatError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.identifierText else { throw mismatch(key, expected: "an id (a string)", found: value) }
        return text
    }

    /// A boolean field; exports occasionally write `"true"`.
    func bool(_ key: String) throws(ContainerFormatError) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        switch value {
        case .bool(let b): return b
        case .string("true"): return true
        case .string("false"): return false
        default: throw mismatch(key, expected: "a boolean", found: value)
        }
    }

    /// A list of ids (`firingTriggerId`, …); a missing key is the empty list.
    func identifiers(_ key: String) throws(ContainerFormatError) -> [String] {
        guard let value = object[key], !value.isNull else { return [] }
        guard case .array(let items) = value else { throw mismatch(key, expected: "an array of ids", found: value) }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            switch item {
            case .string(let s): result.append(s)
            case .number(let n): result.append(n.literal)
            default:
                throw ContainerFormatError(path: path.appending(key: key).appending(index: i), reason: "expected an id (a string), found \(item.kindDescription)")
            }
        }
        return result
    }

    /// The elements of an optional array field, each with its path.
    func array(_ key: String) throws(ContainerFormatError) -> [(JSONValue, JSONPath)] {
        guard let value = object[key], !value.isNull else { return [] }
        guard case .array(let items) = value else { throw mismatch(key, expected: "an array", found: value) }
        let base = path.appending(key: key)
        return items.enumerated().map { ($0.element, base.appending(index: $0.offset)) }
    }

    /// A `parameter` array.
    func parameters(_ key: String = "parameter") throws(ContainerFormatError) -> [Parameter] {
        var result: [Parameter] = []
        for (value, itemPath) in try array(key) { result.append(try Parameter(decoding: value, at: itemPath)) }
        return result
    }

    /// A single Parameter-shaped field (`priority`, `waitForTags`, …).
    func parameter(_ key: String) throws(ContainerFormatError) -> Parameter? {
        guard let value = object[key], !value.isNull else { return nil }
        return try Parameter(decoding: value, at: path.appending(key: key))
    }

    /// An array of conditions (`filter`, `customEventFilter`, `autoEventFilter`).
    func conditions(_ key: String) throws(ContainerFormatError) -> [Condition] {
        var result: [Condition] = []
        for (value, itemPath) in try array(key) { result.append(try Condition(decoding: value, at: itemPath)) }
        return result
    }
}
