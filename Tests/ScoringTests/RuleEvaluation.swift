import GTMModel
@testable import Scoring

/// One rule's recorded checks (passes and findings) on a container, with the default plan: the
/// shared way rule tests run a single rule.
func run(_ rule: any Rule, _ container: Container, naming: NamingConvention = .default) -> RuleResults {
    let context = ScoringContext(analysis: ContainerAnalysis(container), plan: .ecommerceFunnel, accountState: nil, naming: naming)
    var results = RuleResults(descriptor: rule.descriptor)
    rule.evaluate(context, &results)
    return results
}
