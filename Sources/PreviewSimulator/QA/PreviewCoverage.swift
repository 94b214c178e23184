public import GTMModel

/// The measurement coverage the preview scenarios exercise: the (destination, event) pairs fired
/// tags send. The loop's coverage guard compares these before and after a patch.
public enum PreviewCoverage {
    /// Every pair some fired tag sends while `container` runs through `scenarios`.
    /// - Throws: ``SimulationError`` for a server container (check
    ///   ``ContainerSimulator/supports(_:)`` first), ``ScenarioError`` for an invalid scenario.
    public static func firedPairs(of container: Container, over scenarios: [Scenario]) throws -> Set<MeasuredPair> {
        firedPairs(in: try ContainerSimulator(container: container).run(scenarios))
    }

    /// Every pair some fired tag sends in `results`.
    public static func firedPairs(in results: [SimulationResult]) -> Set<MeasuredPair> {
        var pairs = Set<MeasuredPair>()
        for result in results { pairs.formUnion(result.sentEvents.map(\.measuredPair)) }
        return pairs
    }

    /// The pairs `before` has and `after` lacks, sorted: what a patch would lose.
    public static func lost(from before: Set<MeasuredPair>, in after: Set<MeasuredPair>) -> [MeasuredPair] {
        before.subtracting(after).sorted()
    }
}
