public import GTMModel

/// A (destination, event) pair a fired tag sends, named as the scorer names them: the
/// destination from GTMModel's `TagClassifier`, the event as a canonical name (`purchase`,
/// `page_view`, `generate_lead`, …) from `EventNames`.
public struct SentEvent: Sendable, Hashable, Codable, Comparable {
    public var destination: Destination
    public var event: String

    /// Creates the value from its parts.
    public init(destination: Destination, event: String) {
        self.destination = destination
        self.event = event
    }

    /// The same pair as the scorer's type, for comparing with `ContainerAnalysis.measuredPairs`.
    public var measuredPair: MeasuredPair { MeasuredPair(destination: destination, event: event) }

    private enum CodingKeys: String, CodingKey { case destination, event }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try c.decode(String.self, forKey: .destination)
        guard let destination = Destination(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(forKey: .destination, in: c, debugDescription: "unknown destination \"\(raw)\"")
        }
        self.destination = destination
        event = try c.decode(String.self, forKey: .event)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(destination.rawValue, forKey: .destination)
        try c.encode(event, forKey: .event)
    }

    public static func < (lhs: SentEvent, rhs: SentEvent) -> Bool {
        (lhs.destination.rawValue, lhs.event) < (rhs.destination.rawValue, rhs.event)
    }
}
