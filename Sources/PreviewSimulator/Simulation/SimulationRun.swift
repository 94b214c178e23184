import GTMModel
import LosslessJSON

/// The state of one scenario run: the page, consent, cookies, timers and what has fired.
struct SimulationRun {
    let prepared: PreparedContainer
    let scenario: Scenario
    let regexes = RegexCache()

    /// The current page; nil before the first page load.
    var page: PageContext?
    var consent = ConsentState()
    /// Consent types set by an update: a later default does not override them.
    var updatedConsentTypes: Set<String> = []
    var cookies: [String: String]
    /// Globals set by a `pageState` step before any page: given to the next page.
    var pendingGlobals = JSONObject()
    var triggerState = TriggerMatcher.PageState()
    var tagState = TagFiring.PageState()
    /// Milliseconds since the current page loaded (only `wait` steps advance it).
    var clock = 0
    var timers: [RunningTimer] = []

    private(set) var events: [EventResult] = []
    private(set) var skipped: [SimulationResult.SkippedStep] = []
    /// An earlier run's fired tags to reuse (see ``FiredTagReuse``); nil to resolve every tag.
    var reuse: FiredTagReuse?

    /// A timer trigger running on the current page.
    struct RunningTimer {
        var triggerId: String
        var eventName: String
        var interval: Int
        /// nil for no limit.
        var limit: Int?
        var count = 0
    }

    init(prepared: PreparedContainer, scenario: Scenario) {
        self.prepared = prepared
        self.scenario = scenario
        cookies = scenario.cookies
    }

    var result: SimulationResult {
        SimulationResult(scenario: scenario.name, container: prepared.container.publicId, events: events, skippedSteps: skipped)
    }

    mutating func skip(_ step: Int, _ reason: String) {
        skipped.append(.init(step: step, reason: reason))
    }

    // MARK: - Events

    /// Pushes `data` into the model and evaluates the event: triggers, then tags.
    mutating func emit(_ name: String, kind: EventKind, step: Int, push data: JSONObject, element: ScenarioElement? = nil,
                       timerTriggerId: String? = nil)
    {
        guard var page else { return }
        page.model.push(data)
        if element != nil { page.lastElement = element }
        self.page = page
        let event = SimulatedEvent(name: name, kind: kind, step: step, element: element, timerTriggerId: timerTriggerId)
        let variables = VariableEvaluator(prepared: prepared, page: page, event: event, regexes: regexes)
        let conditions = ConditionEvaluator(variables: variables)
        let (triggers, undecided) = TriggerMatcher(prepared: prepared).firingTriggers(on: event, conditions: conditions, state: &triggerState)
        var reusable: [String: [FiredTag]] = [:]
        if reuse?.align(index: events.count, event: name, kind: kind, step: step, pageURL: page.url.href) == true, let reuse {
            reusable = reuse.reusable(at: events.count)
        }
        let (fired, blocked) = TagFiring(prepared: prepared).fire(triggers: triggers, on: event, variables: variables, consent: consent,
                                                                  reusing: reusable, state: &tagState)
        events.append(EventResult(number: events.count + 1, step: step, event: name, kind: kind, pageURL: page.url.href,
                                  consent: consent, fired: fired, blocked: blocked,
                                  undecidedTriggers: undecided.map { "\(prepared.triggerName($0.triggerId)): \($0.reason)" }))
    }

    /// Records a consent command.
    mutating func recordConsent(_ kind: EventKind, step: Int) {
        _ = reuse?.align(index: events.count, event: kind == .consentDefault ? "consent default" : "consent update", kind: kind, step: step,
                         pageURL: page?.url.href ?? "")
        events.append(EventResult(number: events.count + 1, step: step, event: kind == .consentDefault ? "consent default" : "consent update",
                                  kind: kind, pageURL: page?.url.href ?? "", consent: consent))
    }

    /// Variables for evaluating settings outside an event's tags (timer intervals).
    func evaluator(for kind: EventKind, name: String, step: Int) -> VariableEvaluator? {
        guard let page else { return nil }
        return VariableEvaluator(prepared: prepared, page: page, event: SimulatedEvent(name: name, kind: kind, step: step), regexes: regexes)
    }
}
