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

    /// Runs each scenario in turn.
    public func run(_ scenarios: [Scenario]) throws(ScenarioError) -> [SimulationResult] {
        var results: [SimulationResult] = []
        for scenario in scenarios { results.append(try run(scenario)) }
        return results
    }
}
