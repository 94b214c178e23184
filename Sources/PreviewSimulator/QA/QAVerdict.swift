/// The QA checks the loop runs over simulation results.
public enum QACheck: String, Sendable, Codable, Equatable, CaseIterable {
    /// A purchase reaches each configured destination exactly once, with value, currency and
    /// transaction id.
    case purchaseReachesDestinations = "purchase_reaches_destinations"
    /// Nothing but consent and initialisation tags fires while consent is denied.
    case nothingBeforeConsent = "nothing_before_consent"
    /// No fired tag has a parameter that resolves to undefined.
    case noUndefinedParameters = "no_undefined_parameters"
}

/// One problem a QA check found.
public struct QAFinding: Sendable, Equatable, Codable {
    /// A sentence naming the tag, the event and what is wrong.
    public var message: String
    /// The event number and scenario step concerned, when there is one.
    public var event: Int?
    public var step: Int?
    /// The tag concerned, by name.
    public var tag: String?

    /// Creates the value from its parts.
    public init(message: String, event: Int? = nil, step: Int? = nil, tag: String? = nil) {
        self.message = message
        self.event = event
        self.step = step
        self.tag = tag
    }
}

/// A check's outcome: passed when it found nothing.
public struct QAVerdict: Sendable, Equatable, Codable {
    public var check: QACheck
    /// The scenario the check ran on.
    public var scenario: String
    public var findings: [QAFinding]

    /// Creates the value from its parts.
    public init(check: QACheck, scenario: String, findings: [QAFinding]) {
        self.check = check
        self.scenario = scenario
        self.findings = findings
    }

    public var passed: Bool { findings.isEmpty }

    private enum CodingKeys: String, CodingKey { case check, scenario, passed, findings }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        check = try c.decode(QACheck.self, forKey: .check)
        scenario = try c.decode(String.self, forKey: .scenario)
        findings = try c.decode([QAFinding].self, forKey: .findings)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(check, forKey: .check)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(passed, forKey: .passed)
        try c.encode(findings, forKey: .findings)
    }
}
