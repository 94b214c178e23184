public import GTMModel

/// A rule's identity and documentation: what `gtm-autoresearch rules` lists.
public struct RuleDescriptor: Sendable, Hashable {
    /// Stable id `<dimension>.<name>`, e.g. `variables.undefined_reference`.
    public let id: String
    public let dimension: Dimension
    public let severity: Severity
    /// One line: what the rule flags.
    public let title: String
    /// One paragraph: why it matters to a tracking engineer.
    public let rationale: String
    /// How to fix a finding.
    public let hint: String

    public init(_ name: String, _ dimension: Dimension, _ severity: Severity, title: String, rationale: String, hint: String) {
        id = "\(dimension.rawValue).\(name)"
        self.dimension = dimension
        self.severity = severity
        self.title = title
        self.rationale = rationale
        self.hint = hint
    }
}

/// One scoring rule: it inspects the analysed container and records a pass or a failure for each
/// subject it judges. Failures become findings; passes and failures together give the dimension's
/// pass ratio, so a rule with no subjects neither helps nor hurts.
public protocol Rule: Sendable {
    var descriptor: RuleDescriptor { get }
    func evaluate(_ context: ScoringContext, _ results: inout RuleResults)
}

/// The checks one rule recorded.
public struct RuleResults: Sendable {
    public let descriptor: RuleDescriptor
    public private(set) var passed = 0
    public private(set) var findings: [Finding] = []
    /// Sum of check weights that passed / failed (a check weighs 1 unless a rule says otherwise,
    /// e.g. alignment weights account conversions by their value).
    public private(set) var passedWeight = 0.0
    public private(set) var failedWeight = 0.0
    /// Per-entity penalties a dimension formula may use (coverage discounts risky tags).
    public private(set) var failedSubjects: [EntityReference] = []

    public init(descriptor: RuleDescriptor) { self.descriptor = descriptor }

    /// Records that a subject satisfies the rule.
    public mutating func pass(weight: Double = 1) {
        passed += 1
        passedWeight += weight
    }

    /// Records that `subject` violates the rule.
    /// - Parameters:
    ///   - message: what is wrong with this entity, in one sentence.
    ///   - ref: the missing name or other referenced thing, when there is one.
    ///   - hint: a fix specific to this finding; the rule's generic hint when nil.
    public mutating func fail(_ subject: EntityReference, _ message: String, ref: String? = nil, hint: String? = nil, weight: Double = 1) {
        failedWeight += weight
        failedSubjects.append(subject)
        findings.append(Finding(rule: descriptor.id, dimension: descriptor.dimension, severity: descriptor.severity,
                                entity: subject, message: message, hint: hint ?? descriptor.hint, ref: ref))
    }

    /// Records one check per subject: pass when `isSatisfied`, else a finding.
    public mutating func check(_ isSatisfied: Bool, _ subject: EntityReference, _ message: @autoclosure () -> String, ref: String? = nil, weight: Double = 1) {
        if isSatisfied { pass(weight: weight) } else { fail(subject, message(), ref: ref, weight: weight) }
    }

    /// Number of checks recorded.
    public var checks: Int { passed + findings.count }
}
