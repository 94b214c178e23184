/// An RFC 6902 JSON Patch: a list of operations applied in order, all or nothing.
public struct JSONPatch: Sendable, Equatable {
    /// One operation. `from` is used by move and copy; `value` by add, replace and test.
    public enum Operation: Sendable, Equatable {
        case add(path: JSONPointer, value: JSONValue)
        case remove(path: JSONPointer)
        case replace(path: JSONPointer, value: JSONValue)
        case move(from: JSONPointer, path: JSONPointer)
        case copy(from: JSONPointer, path: JSONPointer)
        case test(path: JSONPointer, value: JSONValue)
    }

    public var operations: [Operation]

    public init(_ operations: [Operation]) { self.operations = operations }

    /// Reads a patch document: an array of `{"op", "path", "from"?, "value"?}` objects. Unknown
    /// members are ignored (RFC 6902 §4); a repeated member is an error (§A.13).
    public init(json: JSONValue) throws(JSONPatchError) {
        guard case .array(let items) = json else { throw .invalidOperation(index: 0, reason: "a patch must be an array of operations") }
        var operations: [Operation] = []
        for (i, item) in items.enumerated() {
            guard case .object(let object) = item else { throw .invalidOperation(index: i, reason: "an operation must be an object") }
            var seen = Set<String>()
            for member in object.members where ["op", "path", "from", "value"].contains(member.key) {
                guard seen.insert(member.key).inserted else { throw .invalidOperation(index: i, reason: "member \"\(member.key)\" appears twice") }
            }
            guard let op = object["op"]?.stringValue else { throw .invalidOperation(index: i, reason: "missing \"op\"") }
            guard let pathText = object["path"]?.stringValue else { throw .invalidOperation(index: i, reason: "missing \"path\"") }
            let path = try JSONPointer(pathText)
            func value() throws(JSONPatchError) -> JSONValue {
                guard let v = object["value"] else { throw .invalidOperation(index: i, reason: "\"\(op)\" needs a \"value\"") }
                return v
            }
            func from() throws(JSONPatchError) -> JSONPointer {
                guard let f = object["from"]?.stringValue else { throw .invalidOperation(index: i, reason: "\"\(op)\" needs a \"from\"") }
                return try JSONPointer(f)
            }
            switch op {
            case "add": operations.append(.add(path: path, value: try value()))
            case "remove": operations.append(.remove(path: path))
            case "replace": operations.append(.replace(path: path, value: try value()))
            case "move": operations.append(.move(from: try from(), path: path))
            case "copy": operations.append(.copy(from: try from(), path: path))
            case "test": operations.append(.test(path: path, value: try value()))
            default: throw .invalidOperation(index: i, reason: "unknown op \"\(op)\"")
            }
        }
        self.operations = operations
    }

    /// The patch as a JSON document, in the normalised form that replays exactly.
    public var json: JSONValue {
        .array(operations.map { operation in
            func obj(_ members: [(String, JSONValue)]) -> JSONValue {
                .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
            }
            switch operation {
            case .add(let p, let v): return obj([("op", "add"), ("path", .string(p.description)), ("value", v)])
            case .remove(let p): return obj([("op", "remove"), ("path", .string(p.description))])
            case .replace(let p, let v): return obj([("op", "replace"), ("path", .string(p.description)), ("value", v)])
            case .move(let f, let p): return obj([("op", "move"), ("from", .string(f.description)), ("path", .string(p.description))])
            case .copy(let f, let p): return obj([("op", "copy"), ("from", .string(f.description)), ("path", .string(p.description))])
            case .test(let p, let v): return obj([("op", "test"), ("path", .string(p.description)), ("value", v)])
            }
        })
    }

    /// The document with every operation applied; on any failure the error, and no change.
    public func apply(to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var result = document
        for (i, operation) in operations.enumerated() {
            switch operation {
            case .add(let path, let value):
                try JSONPatch.add(value, at: path, in: &result, op: i)
            case .remove(let path):
                _ = try JSONPatch.remove(at: path, in: &result, op: i)
            case .replace(let path, let value):
                guard path.value(in: result) != nil else { throw .pathNotFound(index: i, path: path.description) }
                guard let last = path.tokens.last else { result = value; continue }
                // In place, so the member keeps its position and a re-written export diffs minimally.
                try JSONPatch.modify(at: path.parent ?? JSONPointer(tokens: []), in: &result, op: i, full: path) { container throws(JSONPatchError) in
                    switch container {
                    case .object(var object):
                        object[last] = value
                        container = .object(object)
                    case .array(var items):
                        guard let at = JSONPointer.index(last), at < items.count else { throw .pathNotFound(index: i, path: path.description) }
                        items[at] = value
                        container = .array(items)
                    default:
                        throw .pathNotFound(index: i, path: path.description)
                    }
                }
            case .move(let from, let path):
                guard from != path else {
                    guard from.value(in: result) != nil else { throw .pathNotFound(index: i, path: from.description) }
                    continue
                }
                if from.isPrefix(of: path) { throw .moveIntoItself(index: i, from: from.description, path: path.description) }
                let value = try JSONPatch.remove(at: from, in: &result, op: i)
                try JSONPatch.add(value, at: path, in: &result, op: i)
            case .copy(let from, let path):
                guard let value = from.value(in: result) else { throw .pathNotFound(index: i, path: from.description) }
                try JSONPatch.add(value, at: path, in: &result, op: i)
            case .test(let path, let value):
                guard let actual = path.value(in: result) else { throw .pathNotFound(index: i, path: path.description) }
                guard actual == value else { throw .testFailed(index: i, path: path.description) }
            }
        }
        return result
    }

    private static func add(_ value: JSONValue, at path: JSONPointer, in document: inout JSONValue, op: Int) throws(JSONPatchError) {
        guard let last = path.tokens.last else {
            document = value
            return
        }
        try modify(at: JSONPointer(tokens: Array(path.tokens.dropLast())), in: &document, op: op, full: path) { container throws(JSONPatchError) in
            switch container {
            case .object(var object):
                object[last] = value
                container = .object(object)
            case .array(var items):
                if last == "-" {
                    items.append(value)
                } else {
                    guard let i = JSONPointer.index(last), i <= items.count else { throw .invalidIndex(index: op, path: path.description) }
                    items.insert(value, at: i)
                }
                container = .array(items)
            default:
                throw .pathNotFound(index: op, path: path.description)
            }
        }
    }

    private static func remove(at path: JSONPointer, in document: inout JSONValue, op: Int) throws(JSONPatchError) -> JSONValue {
        guard let last = path.tokens.last else { throw .invalidOperation(index: op, reason: "cannot remove the whole document") }
        var removed: JSONValue = .null
        try modify(at: JSONPointer(tokens: Array(path.tokens.dropLast())), in: &document, op: op, full: path) { container throws(JSONPatchError) in
            switch container {
            case .object(var object):
                guard let value = object[last] else { throw .pathNotFound(index: op, path: path.description) }
                removed = value
                if let at = object.members.firstIndex(where: { $0.key == last }) { object.members.remove(at: at) }
                container = .object(object)
            case .array(var items):
                guard let i = JSONPointer.index(last), i < items.count else { throw .pathNotFound(index: op, path: path.description) }
                removed = items.remove(at: i)
                container = .array(items)
            default:
                throw .pathNotFound(index: op, path: path.description)
            }
        }
        return removed
    }

    /// Runs `body` on the value at `pointer`, writing the result back up the tree.
    private static func modify(
        at pointer: JSONPointer, in value: inout JSONValue, op: Int, full: JSONPointer, depth: Int = 0,
        _ body: (inout JSONValue) throws(JSONPatchError) -> Void
    ) throws(JSONPatchError) {
        guard depth < pointer.tokens.count else {
            try body(&value)
            return
        }
        let token = pointer.tokens[depth]
        switch value {
        case .object(var object):
            guard let index = object.members.firstIndex(where: { $0.key == token }) else { throw .pathNotFound(index: op, path: full.description) }
            var child = object.members[index].value
            // Drop the other references so the child is uniquely owned and mutates in place.
            object.members[index].value = .null
            value = .null
            try modify(at: pointer, in: &child, op: op, full: full, depth: depth + 1, body)
            object.members[index].value = child
            value = .object(object)
        case .array(var items):
            guard let i = JSONPointer.index(token), i < items.count else { throw .pathNotFound(index: op, path: full.description) }
            var child = items[i]
            items[i] = .null
            value = .null
            try modify(at: pointer, in: &child, op: op, full: full, depth: depth + 1, body)
            items[i] = child
            value = .array(items)
        default:
            throw .pathNotFound(index: op, path: full.description)
        }
    }
}
