/// A Consent Mode state for one consent type (`ad_storage`, `analytics_storage`, `ad_user_data`,
/// `ad_personalization`, `functionality_storage`, `personalization_storage`, `security_storage`, …).
public enum ConsentValue: String, Sendable, Codable, Equatable {
    case granted, denied
}

/// The consent state of a page: consent type → granted or denied. A type that was never set
/// counts as granted, as GTM's `isConsentGranted` does.
public struct ConsentState: Sendable, Equatable, Codable {
    public var values: [String: ConsentValue]

    /// Creates the value from its parts.
    public init(_ values: [String: ConsentValue] = [:]) { self.values = values }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: ConsentValue].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(values)
    }

    /// Whether `type` is granted (or was never set).
    public func isGranted(_ type: String) -> Bool { values[type] != .denied }

    /// The types among `types` that are denied, in the order given.
    public func denied(among types: [String]) -> [String] { types.filter { !isGranted($0) } }

    /// Every type explicitly denied, sorted.
    public var deniedTypes: [String] { values.filter { $0.value == .denied }.map(\.key).sorted() }

    /// This state with `changes` applied.
    public func applying(_ changes: [String: ConsentValue]) -> ConsentState {
        ConsentState(values.merging(changes) { _, new in new })
    }
}
