import Mutation
public import Scoring

/// Step 2 of the round: the lowest-scoring dimension that still has findings the mutator can act
/// on, skipping a dimension after `skipAfter` consecutive rounds on it that were not kept.
public struct TargetSelector: Sendable {
    public var skipAfter: Int

    public init(skipAfter: Int) { self.skipAfter = skipAfter }

    /// The target and its actionable findings. `misses` counts, per dimension, the non-kept
    /// rounds since its last keep. When every candidate dimension is exhausted the counts are
    /// ignored (a new cycle: the run's tried patches still keep proposals from repeating).
    public func choose(report: ScoreReport, misses: [Dimension: Int], isActionable: (Finding) -> Bool) -> (Dimension, [Finding]) {
        var byDimension: [Dimension: [Finding]] = [:]
        for finding in report.findings where isActionable(finding) { byDimension[finding.dimension, default: []].append(finding) }
        let ranked = report.dimensions
            .filter { byDimension[$0.dimension] != nil }
            .sorted { ($0.score, $0.dimension) < ($1.score, $1.dimension) }
        if let open = ranked.first(where: { misses[$0.dimension, default: 0] < skipAfter }) {
            return (open.dimension, byDimension[open.dimension] ?? [])
        }
        if let least = ranked.min(by: { (misses[$0.dimension, default: 0], $0.score) < (misses[$1.dimension, default: 0], $1.score) }) {
            return (least.dimension, byDimension[least.dimension] ?? [])
        }
        // Nothing actionable: still a round (recorded as nothing to propose), on the weakest dimension.
        let weakest = report.dimensions.filter(\.isApplicable).min { ($0.score, $0.dimension) < ($1.score, $1.dimension) }
        let dimension = weakest?.dimension ?? .coverage
        return (dimension, report.findings.filter { $0.dimension == dimension })
    }
}
