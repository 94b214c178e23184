import LosslessJSON

/// A tag's `consentSettings`: whether GTM checks consent before firing it, and for which types.
public struct ConsentSettings: Sendable, Equatable {
    /// `consentStatus` as exported.
    public enum Status: Sendable, Equatable {
        case notSet, notNeeded, needed
        case other(String)

        init(exportName: String) {
            switch exportName {
            case "NOT_SET", "notSet": self = .notSet
            case "NOT_NEEDED", "notNeeded": self = .notNeeded
            case "NEEDED", "needed": self = .needed
            default: self = .other(exportName)
            }
        }
    }

    public var status: Status
    /// Consent types required when `status` is `.needed` (`ad_storage`, `analytics_storage`, …).
    public var types: [String]

    public init(status: Status, types: [String] = []) {
        self.status = status
        self.types = types
    }

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let fields = try FieldReader(value, at: path, what: "consent settings")
        status = Status(exportName: try fields.string("consentStatus") ?? "NOT_SET")
        types = []
        if let list = try fields.parameter("consentType") {
            types = list.list.compactMap(\.value)
        }
    }
}
