public import Scoring

/// Step 5 of the round: keep iff the overall score rises by more than ε and no dimension drops
/// by more than the regression threshold.
public struct KeepRule: Sendable {
    public var epsilon: Double
    public var regressionThreshold: Double

    public init(epsilon: Double, regressionThreshold: Double) {
        self.epsilon = epsilon
        self.regressionThreshold = regressionThreshold
    }

    public enum Verdict: Sendable, Equatable {
        case improved
        case notImproved
        /// The dimension that dropped most, beyond the threshold.
        case regressed(Dimension, drop: Double)

        public var isKept: Bool { self == .improved }
        /// The reason code stored with the round.
        public var reason: String {
            switch self {
            case .improved: "improved"
            case .notImproved: "not_improved"
            case .regressed: "regressed"
            }
        }
    }

    public func judge(before: ScoreReport, after: ScoreReport) -> Verdict {
        // A dimension only regresses when it is judged in both: n/a reads as 0 and is no drop.
        var worst: (Dimension, Double)?
        for (b, a) in zip(before.dimensions, after.dimensions) where b.isApplicable && a.isApplicable {
            let drop = b.score - a.score
            if drop > regressionThreshold, drop > (worst?.1 ?? 0) { worst = (b.dimension, drop) }
        }
        if let worst { return .regressed(worst.0, drop: worst.1) }
        return after.score > before.score + epsilon ? .improved : .notImproved
    }
}
