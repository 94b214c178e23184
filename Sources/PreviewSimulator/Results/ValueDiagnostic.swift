/// Why part of a fired tag's parameter is not a known, defined value.
public struct ValueDiagnostic: Sendable, Equatable, Codable {
    /// What kind of problem.
    public enum Kind: String, Sendable, Codable, Equatable {
        /// The variable resolved to `undefined` (a data-layer key not set and no default, …).
        case undefined
        /// The variable cannot be evaluated without running code (Custom JavaScript, …).
        case notEvaluable = "not_evaluable"
        /// No variable of that name exists in the container.
        case unknownVariable = "unknown_variable"
    }

    /// The parameter, as a path: `eventName`, `eventSettingsTable[currency].parameterValue`.
    public var parameter: String
    /// The variable referenced there, without braces.
    public var variable: String
    public var kind: Kind
    /// A sentence saying why: `data-layer key "ecommerce.value" is not set and the variable has no default`.
    public var detail: String

    /// Creates the value from its parts.
    public init(parameter: String, variable: String, kind: Kind, detail: String) {
        self.parameter = parameter
        self.variable = variable
        self.kind = kind
        self.detail = detail
    }
}
