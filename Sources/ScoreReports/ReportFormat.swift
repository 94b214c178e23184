/// The output formats of `gtm-autoresearch score`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Human-readable, with bars and (on a terminal) colour.
    case text
    /// One JSON object per file per line (documented in the README).
    case json
    /// A review comment.
    case markdown
    /// SARIF 2.1.0 for code-scanning tools.
    case sarif
}

/// One scored file: the report plus where it came from.
public struct ScoredFile: Sendable {
    public var path: String
    public var report: ScoreReportValue
    /// The file's text, used to point SARIF results at the entity's line. Optional.
    public var source: [UInt8]?

    public init(path: String, report: ScoreReportValue, source: [UInt8]? = nil) {
        self.path = path
        self.report = report
        self.source = source
    }
}
