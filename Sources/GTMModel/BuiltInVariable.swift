import LosslessJSON

/// An enabled built-in variable (`{type: PAGE_URL, name: "Page URL"}`).
public struct BuiltInVariable: Sendable, Equatable {
    /// The export's UPPER_SNAKE type (`PAGE_URL`, `CLIENT_NAME`, …).
    public var type: String
    /// The name templates use: `{{Page URL}}`.
    public var name: String

    public init(type: String, name: String) {
        self.type = type
        self.name = name
    }

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let f = try FieldReader(value, at: path, what: "a built-in variable")
        type = try f.string("type") ?? ""
        name = try f.string("name") ?? BuiltInVariable.displayName(ofType: type)
    }

    /// The display name GTM gives a built-in type: `PAGE_URL` → "Page URL". Used for the 2015
    /// format, which lists only types (`enabledBuiltInVariable`).
    public static func displayName(ofType type: String) -> String {
        switch type {
        case "EVENT": return "Event"
        case "REFERRER": return "Referrer"
        case "HTML_ID": return "HTML ID"
        case "CONTAINER_ID": return "Container ID"
        default:
            return type.split(separator: "_").map { word in
                let lower = word.lowercased()
                switch lower {
                case "url", "id": return lower.uppercased()
                default: return lower.prefix(1).uppercased() + lower.dropFirst()
                }
            }.joined(separator: " ")
        }
    }
}
