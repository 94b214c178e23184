/// A scripted visit for the preview simulator: page loads, data-layer pushes, clicks, forms,
/// history changes, timers and consent choices, in order.
///
/// JSON form (see ``ScenarioStep`` for every step type):
///
/// ```json
/// {"name": "lead-form",
///  "description": "Contact page, form submit, generate_lead push",
///  "cookies": {"_ga": "GA1.1.123.456"},
///  "steps": [
///    {"type": "consentDefault", "consent": {"ad_storage": "denied", "analytics_storage": "denied"}},
///    {"type": "pageLoad", "url": "https://example.com/contact", "referrer": "https://www.google.com/", "title": "Contact"},
///    {"type": "consentUpdate", "consent": {"ad_storage": "granted", "analytics_storage": "granted"}},
///    {"type": "formSubmit", "form": {"id": "contact", "classes": "form", "url": "https://example.com/thanks"}},
///    {"type": "push", "data": {"event": "generate_lead", "value": 50, "currency": "EUR"}}
///  ]}
/// ```
///
/// The first step that needs a page (anything but consent and page-state steps) must come after a
/// `pageLoad`. Cookies and consent persist across page loads (a consent platform restores a stored
/// choice on every page); the data layer, globals, timers, trigger groups and once-per-page tags
/// start afresh on each page load.
public struct Scenario: Sendable, Equatable, Codable {
    /// A short identifier (`ecommerce-journey`), used in reports and errors.
    public var name: String
    public var description: String
    /// Cookies set before the first page load (name → value as stored, possibly URI-encoded).
    public var cookies: [String: String]
    public var steps: [ScenarioStep]

    /// Creates the value from its parts.
    public init(name: String, description: String = "", cookies: [String: String] = [:], steps: [ScenarioStep]) {
        self.name = name
        self.description = description
        self.cookies = cookies
        self.steps = steps
    }

    private enum CodingKeys: String, CodingKey {
        case name, description, cookies, steps
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        cookies = try c.decodeIfPresent([String: String].self, forKey: .cookies) ?? [:]
        steps = try c.decode([ScenarioStep].self, forKey: .steps)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        if !description.isEmpty { try c.encode(description, forKey: .description) }
        if !cookies.isEmpty { try c.encode(cookies, forKey: .cookies) }
        try c.encode(steps, forKey: .steps)
    }

    /// The first structural problem that decoding cannot see: a step that needs a page before any
    /// page load. Returns the offending step's index and the reason.
    public func firstProblem() -> (step: Int, reason: String)? {
        var hasPage = false
        for (index, step) in steps.enumerated() {
            switch step {
            case .pageLoad: hasPage = true
            case .consentDefault, .consentUpdate, .pageState: continue
            default:
                if !hasPage { return (index, "a \(step.typeName) step needs a page: put a pageLoad step before it") }
            }
        }
        return nil
    }
}
