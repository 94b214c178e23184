import LosslessJSON

/// A tag parameter after resolution: a value, a list, or a map, as the export nests them.
///
/// JSON form: a value as ``PreviewValue`` writes it, a list as an array, a map as an object.
public indirect enum ResolvedParameter: Sendable, Equatable {
    case value(PreviewValue)
    case list([ResolvedParameter])
    case map(ResolvedParameters)

    /// The value, when this is one.
    public var value: PreviewValue? {
        if case .value(let v) = self { return v }
        return nil
    }
}

extension ResolvedParameter: Codable {
    public init(from decoder: any Decoder) throws {
        let json = try CodableJSON.decodeValue(from: decoder)
        self = ResolvedParameter(json: json)
    }

    init(json: JSONValue) {
        let marked = PreviewValue(markedJSON: json)
        guard case .json(let value) = marked else { self = .value(marked); return }
        switch value {
        case .array(let items): self = .list(items.map(ResolvedParameter.init(json:)))
        case .object(let object):
            self = .map(ResolvedParameters(object.members.map { ResolvedParameters.Entry(key: $0.key, parameter: ResolvedParameter(json: $0.value)) }))
        default: self = .value(marked)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .value(let value): try value.encode(to: encoder)
        case .list(let items):
            var unkeyed = encoder.unkeyedContainer()
            for item in items { try unkeyed.encode(item) }
        case .map(let map): try map.encode(to: encoder)
        }
    }
}

/// A tag's (or a map's) parameters by key, in the export's order.
public struct ResolvedParameters: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var parameter: ResolvedParameter
    }

    public var entries: [Entry]

    /// Creates the value from its parts.
    public init(_ entries: [Entry] = []) { self.entries = entries }

    /// The parameter with this key.
    public subscript(key: String) -> ResolvedParameter? {
        entries.first { $0.key == key }?.parameter
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        entries = try c.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
            Entry(key: $0.stringValue, parameter: try c.decode(ResolvedParameter.self, forKey: $0))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        var seen = Set<String>()
        for entry in entries where seen.insert(entry.key).inserted {
            try c.encode(entry.parameter, forKey: AnyKey(entry.key))
        }
    }
}
