public import GTMModel

/// The score of one dimension.
public struct DimensionResult: Sendable, Equatable {
    public var dimension: Dimension
    /// In [0, 1]; 0 when not applicable (see `isApplicable`).
    public var score: Double
    /// The configured weight.
    public var weight: Double
    /// The weight after redistributing the weight of non-applicable dimensions (sums to 1).
    public var effectiveWeight: Double
    /// False when the container gives this dimension nothing to judge.
    public var isApplicable: Bool
    /// Checks made and checks failed, for "12/15 checks pass" lines.
    public var checks: Int
    public var failedChecks: Int
}

/// How the tracking plan is covered, for reports and the loop's targeting.
public struct PlanCoverage: Sendable, Equatable {
    public var planName: String
    public var covered: [String]
    public var missing: [String]
}

/// Entity counts shown in reports.
public struct EntityCounts: Sendable, Equatable {
    public var tags: Int
    public var triggers: Int
    public var variables: Int
    public var folders: Int
}

/// The scorer's verdict on one container.
public struct ScoreReport: Sendable {
    /// Overall score in [0, 1]: the weighted mean of applicable dimensions.
    public var score: Double
    public var scorerVersion: String
    /// All nine dimensions, in `Dimension.allCases` order.
    public var dimensions: [DimensionResult]
    /// Sorted by ``Finding/reportOrder(_:_:)``.
    public var findings: [Finding]
    public var counts: EntityCounts
    public var plan: PlanCoverage
    public var usageContext: UsageContext
    public var containerName: String
    public var publicId: String

    /// The result for one dimension.
    public func result(for dimension: Dimension) -> DimensionResult? {
        dimensions.first { $0.dimension == dimension }
    }
}
