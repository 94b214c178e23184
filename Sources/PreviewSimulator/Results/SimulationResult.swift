/// The outcome of running one container through one scenario: every event in order.
public struct SimulationResult: Sendable, Equatable, Codable {
    /// A step that produced no event, and why (a click with no click trigger listening).
    public struct SkippedStep: Sendable, Equatable, Codable {
        public var step: Int
        public var reason: String

        /// Creates the value from its parts.
        public init(step: Int, reason: String) {
            self.step = step
            self.reason = reason
        }
    }

    /// The scenario's name.
    public var scenario: String
    /// The container's public id (`GTM-XXXXXXX`).
    public var container: String
    public var events: [EventResult]
    public var skippedSteps: [SkippedStep]

    /// Creates the value from its parts.
    public init(scenario: String, container: String, events: [EventResult], skippedSteps: [SkippedStep] = []) {
        self.scenario = scenario
        self.container = container
        self.events = events
        self.skippedSteps = skippedSteps
    }

    /// Every (destination, event) pair some fired tag sent.
    public var sentEvents: Set<SentEvent> {
        var pairs = Set<SentEvent>()
        for event in events { for tag in event.fired { pairs.formUnion(tag.sends) } }
        return pairs
    }

    /// The names of the tags that fired on each event, in order (handy in tests and diffs).
    public var firingSequence: [(event: String, tags: [String])] {
        events.map { ($0.event, $0.fired.map(\.name)) }
    }
}
