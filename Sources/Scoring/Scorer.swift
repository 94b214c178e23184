public import GTMModel

/// Scores a container on the nine dimensions of SPEC §3.
///
/// Each rule records weighted checks; a dimension's score is the severity-weighted share of its
/// checks that pass, except `coverage`, which has its own formula (``CoverageScore``) so that
/// deleting a live tag can never raise it. Non-applicable dimensions (no checks) are reported as
/// such and their weight is shared among the others.
public struct Scorer: Sendable {
    /// Bumped whenever a rule or formula changes what a container scores.
    public static let version = "1.0.0"

    public var weights: Weights
    public var plan: TrackingPlan
    public var accountState: AccountState?
    public var naming: NamingConvention
    public var rules: [any Rule]

    public init(weights: Weights = .default, plan: TrackingPlan = .ecommerceFunnel, accountState: AccountState? = nil,
                naming: NamingConvention = .default, rules: [any Rule] = RuleCatalog.all)
    {
        self.weights = weights
        self.plan = plan
        self.accountState = accountState
        self.naming = naming
        self.rules = rules
    }

    /// Scores a decoded container.
    public func score(_ container: Container) -> ScoreReport {
        score(ContainerAnalysis(container))
    }

    /// Scores an already analysed container.
    public func score(_ analysis: ContainerAnalysis) -> ScoreReport {
        let context = ScoringContext(analysis: analysis, plan: plan, accountState: accountState, naming: naming)
        var results: [RuleResults] = []
        results.reserveCapacity(rules.count)
        for rule in rules {
            var r = RuleResults(descriptor: rule.descriptor)
            rule.evaluate(context, &r)
            results.append(r)
        }

        var raw: [Dimension: (score: Double?, checks: Int, failed: Int)] = [:]
        for dimension in Dimension.allCases {
            let mine = results.filter { $0.descriptor.dimension == dimension }
            let checks = mine.reduce(0) { $0 + $1.checks }
            let failed = mine.reduce(0) { $0 + $1.findings.count }
            if dimension == .coverage {
                raw[dimension] = (CoverageScore(context: context).score, checks, failed)
                continue
            }
            let passedWeight = mine.reduce(0.0) { $0 + $1.passedWeight * $1.descriptor.severity.weight }
            let failedWeight = mine.reduce(0.0) { $0 + $1.failedWeight * $1.descriptor.severity.weight }
            let total = passedWeight + failedWeight
            raw[dimension] = (total > 0 ? passedWeight / total : nil, checks, failed)
        }

        let applicableWeight = Dimension.allCases.reduce(0.0) { raw[$1]?.score != nil ? $0 + weights[$1] : $0 }
        var overall = 0.0
        let dimensions = Dimension.allCases.map { dimension -> DimensionResult in
            let entry = raw[dimension] ?? (nil, 0, 0)
            let effective = entry.score != nil && applicableWeight > 0 ? weights[dimension] / applicableWeight : 0
            let score = entry.score.map { min(1, max(0, $0)) } ?? 0
            overall += score * effective
            return DimensionResult(dimension: dimension, score: score, weight: weights[dimension], effectiveWeight: effective,
                                   isApplicable: entry.score != nil, checks: entry.checks, failedChecks: entry.failed)
        }

        let findings = results.flatMap(\.findings).sorted(by: Finding.reportOrder)
        let container = analysis.container
        let covered = context.planCredit
        return ScoreReport(
            score: min(1, max(0, overall)),
            scorerVersion: Scorer.version,
            dimensions: dimensions,
            findings: findings,
            counts: EntityCounts(tags: container.tags.count, triggers: container.triggers.count,
                                 variables: container.variables.count, folders: container.folders.count),
            plan: PlanCoverage(planName: plan.name, covered: plan.events.filter { covered[$0] != nil },
                               missing: plan.events.filter { covered[$0] == nil }),
            usageContext: container.usageContext,
            containerName: container.containerName,
            publicId: container.publicId
        )
    }
}
