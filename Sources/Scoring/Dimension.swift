/// The nine scoring dimensions (SPEC §3). Raw values are the stable ids used in reports and files.
public enum Dimension: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case coverage, parameters, dedup, consent, naming, variables, triggers, folders, alignment

    /// The default weight: the original implementation's nine-dimension profile.
    public var defaultWeight: Double {
        switch self {
        case .coverage: 0.18
        case .parameters: 0.13
        case .dedup: 0.10
        case .consent: 0.13
        case .naming: 0.08
        case .variables: 0.08
        case .triggers: 0.10
        case .folders: 0.08
        case .alignment: 0.12
        }
    }

    /// A short title for reports.
    public var title: String {
        switch self {
        case .coverage: "Tag coverage & health"
        case .parameters: "Parameter completeness"
        case .dedup: "Deduplication"
        case .consent: "Consent mode v2"
        case .naming: "Naming conventions"
        case .variables: "Variable hygiene"
        case .triggers: "Trigger quality"
        case .folders: "Organisation"
        case .alignment: "Cross-destination alignment"
        }
    }

    private var order: Int { Dimension.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Dimension, rhs: Dimension) -> Bool { lhs.order < rhs.order }
}

/// How bad a finding is; also its weight in the dimension's score.
public enum Severity: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case error, warning, info

    /// Weight of one check of this severity in a dimension's pass ratio.
    public var weight: Double {
        switch self {
        case .error: 3
        case .warning: 1
        case .info: 0.25
        }
    }

    private var order: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.order < rhs.order }
}
