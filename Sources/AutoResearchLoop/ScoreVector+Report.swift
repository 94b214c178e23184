public import ExperimentLog
public import Scoring

extension ScoreVector {
    /// The overall score and the nine dimension scores of a report, in `Dimension.allCases` order.
    public init(_ report: ScoreReport) {
        self.init(overall: report.score, dimensions: report.dimensions.map(\.score))
    }
}
