import LosslessJSON

/// A trigger condition: `{type: EQUALS|CONTAINS|…, parameter: [arg0, arg1, negate?, ignore_case?]}`.
public struct Condition: Sendable {
    /// The operator as exported (`EQUALS`, `MATCH_REGEX`, …).
    public var type: String
    public var parameters: [Parameter]

    public init(type: String, parameters: [Parameter]) {
        self.type = type
        self.parameters = parameters
    }

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let fields = try FieldReader(value, at: path, what: "a condition")
        type = try fields.string("type") ?? ""
        parameters = try fields.parameters()
    }

    /// Left operand, normally a `{{Variable}}`.
    public var left: String? { parameters.value("arg0") }
    /// Right operand, a literal or template.
    public var right: String? { parameters.value("arg1") }
    /// "does not …" conditions are written as `negate: true`.
    public var isNegated: Bool { parameters[key: "negate"]?.isTrue ?? false }
    public var ignoresCase: Bool { parameters[key: "ignore_case"]?.isTrue ?? false }
}
