public import GTMModel

/// What every rule sees: the analysed container and the client's configuration.
public struct ScoringContext: Sendable {
    public let analysis: ContainerAnalysis
    public let plan: TrackingPlan
    public let accountState: AccountState?
    public let naming: NamingConvention

    /// Facts rules share within one scoring (see ``SharedFacts``).
    public let shared = SharedFacts()

    /// Per-tag health and plan-event credit, computed once (see ``CoverageScore``).
    let health: HealthFacts
    let planCredit: [String: Double]

    public init(analysis: ContainerAnalysis, plan: TrackingPlan, accountState: AccountState?, naming: NamingConvention = .default) {
        self.analysis = analysis
        self.plan = plan
        self.accountState = accountState
        self.naming = naming
        health = HealthFacts(analysis)
        planCredit = CoverageScore.planCredit(analysis: analysis, plan: plan, health: health)
    }

    public var container: Container { analysis.container }
    public var graph: ReferenceGraph { analysis.graph }

    /// The destinations alignment should compare: the plan's, else those live tags send to.
    public var configuredDestinations: [Destination] {
        if !plan.destinations.isEmpty { return plan.destinations }
        var seen = Set<Destination>()
        for i in analysis.liveSendingTags where analysis.tagProfiles[i].role != .conversionLinker {
            if let d = analysis.tagProfiles[i].destination, d != .otherVendor, d != .serverContainer { seen.insert(d) }
        }
        return seen.sorted()
    }
}
