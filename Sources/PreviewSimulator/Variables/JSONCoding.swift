import LosslessJSON

/// Codable bridge for arbitrary JSON (`JSONValue` belongs to LosslessJSON and is not Codable).
///
/// Decoding reads object members in sorted key order: `JSONDecoder` hands keys over in an order
/// that changes from run to run, and the simulator must be deterministic. Key order never changes
/// what GTM does with a push (the model merge is per key). Numbers come back as integers when they
/// are integers, otherwise as doubles.
struct CodableJSON: Codable, Sendable {
    var value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    init(from decoder: any Decoder) throws {
        value = try CodableJSON.decodeValue(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try CodableJSON.encode(value, to: encoder)
    }

    static func decodeValue(from decoder: any Decoder) throws -> JSONValue {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [JSONObject.Member] = []
            for key in keyed.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                let item = try keyed.decode(CodableJSON.self, forKey: key)
                members.append(JSONObject.Member(key: key.stringValue, value: item.value))
            }
            return .object(JSONObject(members))
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(CodableJSON.self).value) }
            return .array(items)
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { return .null }
        if let b = try? single.decode(Bool.self) { return .bool(b) }
        if let i = try? single.decode(Int.self) { return .number(JSONNumber(i)) }
        if let d = try? single.decode(Double.self) {
            guard let n = JSONNumber(d) else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "a number JSON cannot hold")
            }
            return .number(n)
        }
        return .string(try single.decode(String.self))
    }

    static func encode(_ value: JSONValue, to encoder: any Encoder) throws {
        switch value {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let b):
            var single = encoder.singleValueContainer()
            try single.encode(b)
        case .number(let n):
            var single = encoder.singleValueContainer()
            if let i = n.intValue { try single.encode(i) } else { try single.encode(n.doubleValue) }
        case .string(let s):
            var single = encoder.singleValueContainer()
            try single.encode(s)
        case .array(let items):
            var unkeyed = encoder.unkeyedContainer()
            for item in items { try unkeyed.encode(CodableJSON(item)) }
        case .object(let object):
            var keyed = encoder.container(keyedBy: AnyKey.self)
            var seen = Set<String>()
            // Duplicate members: the first wins, as in `JSONObject` lookups.
            for member in object.members where seen.insert(member.key).inserted {
                try keyed.encode(CodableJSON(member.value), forKey: AnyKey(member.key))
            }
        }
    }
}

/// A coding key for any string (JSON object members, dictionaries keyed by name).
struct AnyKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    /// An array position, for coding paths.
    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}
