/// What happened on one event: which tags fired, in order, and which were held back.
public struct EventResult: Sendable, Equatable, Codable {
    /// The event's position in the run, from 1 (as GTM's preview numbers its event list).
    public var number: Int
    /// The index of the scenario step that produced it.
    public var step: Int
    /// The data-layer event name (`gtm.js`, `purchase`, `gtm.linkClick`), or `consent default` /
    /// `consent update` for consent commands.
    public var event: String
    public var kind: EventKind
    /// The page address at the event.
    public var pageURL: String
    /// The consent state at the event (types explicitly set).
    public var consent: ConsentState
    /// Tags that fired, in firing order.
    public var fired: [FiredTag]
    /// Tags whose triggers fired but which did not.
    public var blocked: [BlockedTag]
    /// Triggers whose event matched but whose conditions could not be evaluated (they use a
    /// Custom JavaScript variable, …): treated as not firing. Entries are `name: reason`.
    public var undecidedTriggers: [String]

    /// Creates the value from its parts.
    public init(number: Int, step: Int, event: String, kind: EventKind, pageURL: String, consent: ConsentState,
                fired: [FiredTag] = [], blocked: [BlockedTag] = [], undecidedTriggers: [String] = [])
    {
        self.number = number
        self.step = step
        self.event = event
        self.kind = kind
        self.pageURL = pageURL
        self.consent = consent
        self.fired = fired
        self.blocked = blocked
        self.undecidedTriggers = undecidedTriggers
    }
}
