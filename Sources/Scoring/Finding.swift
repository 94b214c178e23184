public import GTMModel

/// One problem the scorer found: which rule, about which entity, and how to fix it.
public struct Finding: Sendable, Hashable {
    public var rule: String
    public var dimension: Dimension
    public var severity: Severity
    public var entity: EntityReference
    public var message: String
    public var hint: String
    /// The name or id the finding is about beyond the entity (the undefined variable, …).
    public var ref: String?

    public init(rule: String, dimension: Dimension, severity: Severity, entity: EntityReference, message: String, hint: String, ref: String? = nil) {
        self.rule = rule
        self.dimension = dimension
        self.severity = severity
        self.entity = entity
        self.message = message
        self.hint = hint
        self.ref = ref
    }

    /// Report order: severity, dimension, rule, entity, ref, message. Total, so output is stable.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.dimension != b.dimension { return a.dimension < b.dimension }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.entity != b.entity { return a.entity < b.entity }
        if a.ref != b.ref { return (a.ref ?? "") < (b.ref ?? "") }
        return a.message < b.message
    }
}
