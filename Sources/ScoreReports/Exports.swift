public import Scoring

/// The scorer's report type, re-exported under the name renderers use.
public typealias ScoreReportValue = ScoreReport
