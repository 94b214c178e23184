public import LosslessJSON

/// The value of a variable or parameter as the simulator resolves it.
///
/// JSON form: a defined value is written as plain JSON; the other cases are one-member objects
/// whose key starts with `$`: `{"$undefined": true}`, `{"$notEvaluable": "reason"}`,
/// `{"$element": "a#buy.btn"}`.
public enum PreviewValue: Sendable, Equatable {
    /// JavaScript `undefined`: a data-layer key that is not set, a missing cookie, …
    case undefined
    /// A value the simulator cannot know without running code (Custom JavaScript variables,
    /// DOM lookups, custom templates, random numbers): never guessed. The text says why.
    case notEvaluable(String)
    /// A defined value (string, number, boolean, null, array or object).
    case json(JSONValue)
    /// A DOM element (`{{Click Element}}`, `{{Form Element}}`), matched by CSS selectors.
    case element(ScenarioElement)

    /// A string value.
    public static func string(_ s: String) -> PreviewValue { .json(.string(s)) }

    /// Whether the value is undefined.
    public var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    /// Whether the value could not be evaluated.
    public var isNotEvaluable: Bool {
        if case .notEvaluable = self { return true }
        return false
    }

    /// The JSON payload of a defined value.
    public var jsonValue: JSONValue? {
        if case .json(let value) = self { return value }
        return nil
    }
}

extension PreviewValue: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(markedJSON: try CodableJSON.decodeValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try CodableJSON.encode(markedJSON, to: encoder)
    }

    /// The value as JSON, with the `$`-marker objects for undefined, not evaluable and element
    /// values: how they are written, and how they sit inside objects the simulator builds
    /// (a settings variable with one Custom JavaScript row).
    public var markedJSON: JSONValue {
        switch self {
        case .json(let value): value
        case .undefined: ["$undefined": true]
        case .notEvaluable(let reason): ["$notEvaluable": .string(reason)]
        case .element(let element): ["$element": .string(element.label)]
        }
    }

    /// The value a marked JSON value stands for (the inverse of ``markedJSON``).
    public init(markedJSON value: JSONValue) {
        if let object = value.objectValue, object.count == 1, let member = object.members.first {
            switch member.key {
            case "$undefined": self = .undefined; return
            case "$notEvaluable": self = .notEvaluable(member.value.stringValue ?? ""); return
            case "$element": self = .element(PreviewValue.element(fromLabel: member.value.stringValue ?? "")); return
            default: break
            }
        }
        self = .json(value)
    }
}

extension PreviewValue {
    /// The element a report label (`a#buy.btn`) describes: what a decoded result can keep of it.
    static func element(fromLabel label: String) -> ScenarioElement {
        var parts = label.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let head = parts.isEmpty ? "" : parts.removeFirst()
        let tagAndId = head.split(separator: "#", maxSplits: 1).map(String.init)
        return ScenarioElement(tag: tagAndId.first ?? "div", id: tagAndId.count > 1 ? tagAndId[1] : "", classes: parts)
    }
}
