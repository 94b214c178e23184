public import GTMModel

/// The preview simulator (SPEC §7): runs a web container against scenarios, deterministically,
/// and reports which tags fire on each event, in order, with resolved parameters.
///
/// Build one per container and run as many scenarios as needed; it is a value, safe to share.
/// The same container and scenario always give the same result: no clock, no randomness, and
/// values that would need either (Random Number, Custom JavaScript) are reported as not evaluable.
public struct ContainerSimulator: Sendable {
    let prepared: PreparedContainer

    /// Prepares `container` for simulation.
    /// - Throws: ``SimulationError/unsupportedContainer(publicId:name:usageContext:)`` for server containers.
    public init(container: Container) throws(SimulationError) {
        guard ContainerSimulator.supports(container) else {
            throw .unsupportedContainer(publicId: container.publicId, name: container.containerName, usageContext: container.usageContext.rawValue)
        }
        prepared = PreparedContainer(container)
    }

    /// Prepares an analysed container, reusing the analysis's reference graph and tag profiles
    /// (the loop's guard has them already; building them again is most of the preparation).
    /// - Throws: ``SimulationError/unsupportedContainer(publicId:name:usageContext:)`` for server containers.
    public init(analysis: ContainerAnalysis) throws(SimulationError) {
        let container = analysis.container
        guard ContainerSimulator.supports(container) else {
            throw .unsupportedContainer(publicId: container.publicId, name: container.containerName, usageContext: container.usageContext.rawValue)
        }
        prepared = PreparedContainer(container, graph: analysis.graph, profiles: analysis.tagProfiles)
    }

    /// Whether the simulator runs this container (web and AMP exports; not server ones).
    public static func supports(_ container: Container) -> Bool {
        container.usageContext != .server
    }

    /// Runs one scenario.
    /// - Throws: ``ScenarioError/invalid(path:jsonPath:reason:)`` (the path is the scenario's
    ///   name) when a step needs a page before any page load.
    public func run(_ scenario: Scenario) throws(ScenarioError) -> SimulationResult {
        try ScenarioLoader.validate(scenario, path: scenario.name)
        var run = SimulationRun(prepared: prepared, scenario: scenario)
        for (index, step) in scenario.steps.enumerated() { run.perform(step, at: index) }
        return run.result
    }

    /// Runs one scenario as ``run(_:)`` does, taking each unchanged tag's fired entry from
    /// `parent` (the same scenario run on the container this one was edited from) instead of
    /// resolving its parameters again. The result is the same as ``run(_:)``'s; on a large
    /// container whose patch edited a few tags it is several times faster.
    ///
    /// - Important: Only valid when this container differs from the one that gave `parent` in
    ///   its tags (each created, edited or removed tag's id in `changedTags`), triggers and
    ///   folders. A tag's entry depends on the tag, the event, consent, the variables and the
    ///   triggers that fired it (by name, which is checked); an edited variable, built-in variable
    ///   or template changes what any tag resolves, so run such a container with ``run(_:)``.
    public func run(_ scenario: Scenario, reusing parent: SimulationResult, changedTags: Set<String>) throws(ScenarioError) -> SimulationResult {
        try ScenarioLoader.validate(scenario, path: scenario.name)
        var run = SimulationRun(prepared: prepared, scenario: scenario)
        if parent.scenario == scenario.name { run.reuse = FiredTagReuse(parent: parent, changedTags: changedTags) }
        for (index, step) in scenario.steps.enumerated() { run.perform(step, at: index) }
        return run.result
    }

    /// Runs each scenario in turn.
    public func run(_ scenarios: [Scenario]) throws(ScenarioError) -> [SimulationResult] {
        var results: [SimulationResult] = []
        for scenario in scenarios { results.append(try run(scenario)) }
        return results
    }
}
