import LosslessJSON

/// The event being evaluated: its name, what produced it and the element or timer behind it.
struct SimulatedEvent: Sendable {
    var name: String
    var kind: EventKind
    /// Index of the scenario step that produced it.
    var step: Int
    /// The clicked element, the link of a link click, or the submitted form.
    var element: ScenarioElement?
    /// The timer trigger whose interval elapsed (`gtm.timer` events fire only their own trigger).
    var timerTriggerId: String?
}

/// The page as an event sees it.
struct PageContext: Sendable {
    var url: PageURL
    var referrer: String
    var title: String
    var cookies: [String: String]
    var globals: JSONObject
    var model: DataLayerModel
    /// The element of the last click or form submit on this page (`gtm.element`).
    var lastElement: ScenarioElement?
}
