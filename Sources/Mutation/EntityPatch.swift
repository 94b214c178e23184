public import LosslessJSON

/// An RFC 6902 patch whose paths address container entities by id rather than array position.
///
/// A path is `/<collection>/<id>/…` (`/tag/12/parameter/-`, `/variable/31`), or `/<collection>/-`
/// to add a new entity. Ids never shift, so a mutator can name what it edits without counting.
/// New entities are numbered by the code: an id the mutator gives a new entity is only a label,
/// and every string in the patch equal to that label (a `firingTriggerId`, a later path) is
/// rewritten to the assigned id. Container-level members (`/containerVersion/container/…`) cannot
/// be addressed at all.
///
/// ``resolve(_:against:)`` applies the patch and returns both forms that replay exactly: the
/// id-addressed one with assigned ids filled in, and the positional one for any RFC 6902 tool.
public struct EntityPatch: Sendable {
    /// The proposal in normalised id-addressed form, assigned ids filled in.
    public let normalised: JSONPatch
    /// The same edit as a positional RFC 6902 patch against the parent document.
    public let positional: JSONPatch
    /// The patched document.
    public let document: JSONValue
    /// Entities the patch edits, creates or removes (not those it only tests), in order.
    public let touched: [EntityKey]
    public let created: [EntityKey]
    public let removed: [EntityKey]

    /// A stable digest of a proposal as given (labels, not assigned ids), so a mutator can tell
    /// whether it already tried a patch before anything is resolved.
    public static func digest(of patch: JSONPatch) -> String {
        let bytes = JSONWriter(sortedKeys: true).bytes(of: patch.json)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Resolves and applies `patch` to an export document, all or nothing.
    public static func resolve(_ patch: JSONPatch, against document: JSONValue) throws(EntityPatchError) -> EntityPatch {
        guard !patch.operations.isEmpty else { throw .empty }
        guard let version = document["containerVersion"]?.objectValue else {
            throw .malformed(index: 0, reason: "the document has no containerVersion")
        }
        let accountId = version["accountId"] ?? version["container"]?["accountId"]
        let containerId = version["containerId"] ?? version["container"]?["containerId"]

        // Labels of new entities, and the ids they receive: the next free number per collection.
        var nextId: [EntityCollection: Int] = [:]
        var labels: [String: String] = [:]
        var createdOrder: [EntityKey] = []
        for (i, operation) in patch.operations.enumerated() {
            guard case .add(let path, let value) = operation, path.tokens.count == 2, path.tokens[1] == "-",
                  let collection = EntityCollection(rawValue: path.tokens[0]) else { continue }
            guard let entity = value.objectValue else { throw .malformed(index: i, reason: "a new \(collection.rawValue) must be an object") }
            guard collection.assignsIds else {
                guard let type = entity["type"]?.stringValue else { throw .malformed(index: i, reason: "a new builtInVariable needs a type") }
                createdOrder.append(EntityKey(collection, type))
                continue
            }
            if nextId[collection] == nil {
                let ids = (version[collection.rawValue]?.arrayValue ?? []).compactMap { $0[collection.idKey]?.identifierText.flatMap { Int($0) } }
                nextId[collection] = (ids.max() ?? 0) + 1
            }
            let assigned = String(nextId[collection]!)
            nextId[collection]! += 1
            if let label = entity[collection.idKey]?.identifierText {
                guard labels[label] == nil else { throw .malformed(index: i, reason: "two new entities share the label \"\(label)\"") }
                labels[label] = assigned
            }
            createdOrder.append(EntityKey(collection, assigned))
        }

        var current = document
        var normalised: [JSONPatch.Operation] = []
        var positional: [JSONPatch.Operation] = []
        var touched: [EntityKey] = []
        var removed: [EntityKey] = []
        var createdIndex = 0
        func touch(_ key: EntityKey) { if !touched.contains(key) { touched.append(key) } }

        for (i, original) in patch.operations.enumerated() {
            var operation = EntityPatch.relabel(original, labels)
            // A new entity: fill in identity members the code owns.
            if case .add(let path, let value) = operation, path.tokens.count == 2, path.tokens[1] == "-",
               let collection = EntityCollection(rawValue: path.tokens[0]), var entity = value.objectValue
            {
                let key = createdOrder[createdIndex]
                createdIndex += 1
                var members = entity.members.filter { !["accountId", "containerId", collection.idKey].contains($0.key) }
                var head: [JSONObject.Member] = []
                if let accountId { head.append(.init(key: "accountId", value: accountId)) }
                if let containerId { head.append(.init(key: "containerId", value: containerId)) }
                head.append(.init(key: collection.idKey, value: .string(key.id)))
                members.insert(contentsOf: head, at: 0)
                entity = JSONObject(members)
                operation = .add(path: path, value: .object(entity))
                touch(key)
            }

            let (resolved, keys, isTest) = try EntityPatch.position(operation, index: i, in: current)
            // The code owns identity: no edit may rewrite an entity's id or its account/container ids.
            if !isTest { try EntityPatch.checkIdentity(operation, index: i) }
            for extra in resolved.prefix(resolved.count - 1) {
                current = try EntityPatch.apply(extra, index: i, to: current)
                positional.append(extra)
            }
            current = try EntityPatch.apply(resolved[resolved.count - 1], index: i, to: current)
            positional.append(resolved[resolved.count - 1])
            normalised.append(operation)
            if !isTest {
                for key in keys { touch(key) }
                if case .remove(let path) = operation, path.tokens.count == 2, let key = keys.first {
                    removed.append(key)
                }
            }
        }
        return EntityPatch(normalised: JSONPatch(normalised), positional: JSONPatch(positional), document: current,
                           touched: touched, created: createdOrder, removed: removed)
    }

    /// Rewrites labels of new entities wherever they appear: values and entity path tokens.
    private static func relabel(_ operation: JSONPatch.Operation, _ labels: [String: String]) -> JSONPatch.Operation {
        guard !labels.isEmpty else { return operation }
        func path(_ p: JSONPointer) -> JSONPointer {
            guard p.tokens.count >= 2, EntityCollection(rawValue: p.tokens[0]) != nil, let id = labels[p.tokens[1]] else { return p }
            var tokens = p.tokens
            tokens[1] = id
            return JSONPointer(tokens: tokens)
        }
        func value(_ v: JSONValue) -> JSONValue {
            switch v {
            case .string(let s): return labels[s].map { .string($0) } ?? v
            case .array(let items): return .array(items.map(value))
            case .object(let object): return .object(JSONObject(object.members.map { .init(key: $0.key, value: value($0.value)) }))
            default: return v
            }
        }
        switch operation {
        case .add(let p, let v): return .add(path: path(p), value: value(v))
        case .remove(let p): return .remove(path: path(p))
        case .replace(let p, let v): return .replace(path: path(p), value: value(v))
        case .move(let f, let p): return .move(from: path(f), path: path(p))
        case .copy(let f, let p): return .copy(from: path(f), path: path(p))
        case .test(let p, let v): return .test(path: path(p), value: value(v))
        }
    }

    /// The positional operations for one id-addressed operation (an `add` of the collection
    /// array first when a new entity needs one), and the entities it names.
    private static func position(_ operation: JSONPatch.Operation, index i: Int, in document: JSONValue)
        throws(EntityPatchError) -> (operations: [JSONPatch.Operation], keys: [EntityKey], isTest: Bool)
    {
        var prefix: [JSONPatch.Operation] = []
        func pointer(_ p: JSONPointer, creating: Bool) throws(EntityPatchError) -> (JSONPointer, EntityKey?) {
            guard let first = p.tokens.first, let collection = EntityCollection(rawValue: first) else {
                throw .malformed(index: i, reason: "path \"\(p)\" must start with an entity collection (/tag/{tagId}, /trigger/{triggerId}, /variable/{variableId}, /folder/{folderId}, …)")
            }
            guard p.tokens.count >= 2 else { throw .malformed(index: i, reason: "path \"\(p)\" must name an entity id or '-'") }
            let base = ["containerVersion", collection.rawValue]
            let items = document["containerVersion"]?[collection.rawValue]?.arrayValue
            if p.tokens[1] == "-" {
                guard creating, p.tokens.count == 2 else { throw .malformed(index: i, reason: "'-' only appends a new entity: \"\(p)\"") }
                if items == nil { prefix.append(.add(path: JSONPointer(tokens: base), value: .array([]))) }
                return (JSONPointer(tokens: base + ["-"]), nil)
            }
            let id = p.tokens[1]
            // Ids are strings in exports, but some tools write numbers (`"variableId": 8`).
            guard let at = items?.firstIndex(where: { $0[collection.idKey]?.identifierText == id }) else {
                throw .unknownEntity(index: i, collection: collection.rawValue, id: id)
            }
            return (JSONPointer(tokens: base + [String(at)] + p.tokens.dropFirst(2)), EntityKey(collection, id))
        }
        switch operation {
        case .add(let p, let v):
            let (q, key) = try pointer(p, creating: true)
            return (prefix + [.add(path: q, value: v)], key.map { [$0] } ?? [], false)
        case .remove(let p):
            let (q, key) = try pointer(p, creating: false)
            return ([.remove(path: q)], key.map { [$0] } ?? [], false)
        case .replace(let p, let v):
            let (q, key) = try pointer(p, creating: false)
            return ([.replace(path: q, value: v)], key.map { [$0] } ?? [], false)
        case .test(let p, let v):
            let (q, key) = try pointer(p, creating: false)
            return ([.test(path: q, value: v)], key.map { [$0] } ?? [], true)
        case .move(let f, let p):
            let (qf, kf) = try pointer(f, creating: false)
            let (qp, kp) = try pointer(p, creating: false)
            return ([.move(from: qf, path: qp)], [kf, kp].compactMap { $0 }, false)
        case .copy(let f, let p):
            let (qf, kf) = try pointer(f, creating: false)
            let (qp, kp) = try pointer(p, creating: false)
            _ = kf  // copying reads the source; only the destination is edited
            return ([.copy(from: qf, path: qp)], kp.map { [$0] } ?? [], false)
        }
    }

    /// Rejects edits of identity members: an entity's own id, or its account/container ids.
    private static func checkIdentity(_ operation: JSONPatch.Operation, index i: Int) throws(EntityPatchError) {
        var paths: [JSONPointer] = []
        switch operation {
        case .add(let p, _), .remove(let p), .replace(let p, _), .test(let p, _): paths = [p]
        case .move(let f, let p): paths = [f, p]
        case .copy(_, let p): paths = [p]
        }
        for p in paths where p.tokens.count >= 3 {
            guard let collection = EntityCollection(rawValue: p.tokens[0]) else { continue }
            if p.tokens.count == 3, [collection.idKey, "accountId", "containerId"].contains(p.tokens[2]) {
                throw .identityChanged(index: i, detail: "\(p) is an identity member")
            }
        }
        // Replacing a whole entity must keep its id.
        if case .replace(let p, let v) = operation, p.tokens.count == 2, let collection = EntityCollection(rawValue: p.tokens[0]),
           v[collection.idKey]?.stringValue != p.tokens[1]
        {
            throw .identityChanged(index: i, detail: "replacing \(p) must keep \(collection.idKey) \"\(p.tokens[1])\"")
        }
    }

    private static func apply(_ operation: JSONPatch.Operation, index i: Int, to document: JSONValue) throws(EntityPatchError) -> JSONValue {
        do {
            return try JSONPatch([operation]).apply(to: document)
        } catch {
            throw .operationFailed(index: i, error)
        }
    }
}

/// Why an id-addressed patch could not be applied.
public enum EntityPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case malformed(index: Int, reason: String)
    case unknownEntity(index: Int, collection: String, id: String)
    case identityChanged(index: Int, detail: String)
    case operationFailed(index: Int, JSONPatchError)

    public var description: String {
        switch self {
        case .empty: "the patch has no operations"
        case .malformed(let i, let reason): "operation \(i): \(reason)"
        case .unknownEntity(let i, let collection, let id): "operation \(i): there is no \(collection) with id \"\(id)\""
        case .identityChanged(let i, let detail): "operation \(i): \(detail)"
        case .operationFailed(let i, let error):
            "operation \(i): " + String(String(describing: error).trimmingPrefix("operation 0: "))
        }
    }
}
