public import LosslessJSON

/// One thing that happens during a scenario. In JSON, an object whose `type` says which:
///
/// | `type` | fields | GTM events |
/// |---|---|---|
/// | `pageLoad` | `url`, `referrer`, `title`, `dataLayer` (pushes before the snippet), `cookies`, `globals` | `gtm.init_consent`, `gtm.init`, the `dataLayer` pushes, `gtm.js`, `gtm.dom`, `gtm.load` |
/// | `push` | `data`: the object pushed | its `event`, or none (model update only) |
/// | `click` | `element` (``ScenarioElement``) | `gtm.click`, and `gtm.linkClick` when a link encloses the element |
/// | `formSubmit` | `form` (``ScenarioElement``) | `gtm.formSubmit` |
/// | `historyChange` | `url` (absolute, `/path` or `#fragment`), `source` (`pushState`), `oldState`, `newState`, `oldFragment`, `newFragment` | `gtm.historyChange-v2` |
/// | `wait` | `milliseconds` | `gtm.timer` for each timer trigger interval that elapses |
/// | `consentDefault`, `consentUpdate` | `consent`: `{"ad_storage": "denied", …}` | a consent entry (no tags fire on it) |
/// | `pageState` | `cookies`, `globals` | none: changes the page (a CMP writing its cookie) |
///
/// Auto events (clicks, forms, history, timers) are pushed only when the container has a trigger
/// of that type listening, as on a real page.
public enum ScenarioStep: Sendable, Equatable {
    case pageLoad(PageLoad)
    case push(JSONObject)
    case click(ScenarioElement)
    case formSubmit(ScenarioElement)
    case historyChange(HistoryChange)
    case wait(milliseconds: Int)
    case consentDefault([String: ConsentValue])
    case consentUpdate([String: ConsentValue])
    case pageState(PageState)

    /// A page load: the page's address and the state it starts with.
    public struct PageLoad: Sendable, Equatable {
        public var url: String
        public var referrer: String
        public var title: String
        /// Pushes already in `dataLayer` when the GTM snippet runs (processed before `gtm.js`).
        public var dataLayer: [JSONObject]
        /// Cookies set by the time the page loads (added to those already set).
        public var cookies: [String: String]
        /// JavaScript globals of this page, by name (`{"shop": {"currency": "EUR"}}`), for
        /// JavaScript Variables. `document.title`, `document.referrer` and `location.*` are
        /// provided from the fields above.
        public var globals: JSONObject

        /// Creates the value from its parts.
        public init(url: String, referrer: String = "", title: String = "", dataLayer: [JSONObject] = [],
                    cookies: [String: String] = [:], globals: JSONObject = JSONObject())
        {
            self.url = url
            self.referrer = referrer
            self.title = title
            self.dataLayer = dataLayer
            self.cookies = cookies
            self.globals = globals
        }
    }

    /// A single-page-app navigation (`history.pushState`, `replaceState`, `popstate`, a hash change).
    public struct HistoryChange: Sendable, Equatable {
        /// The new address: absolute, a path (`/cart`) or a fragment (`#step-2`).
        public var url: String
        /// `pushState`, `replaceState`, `popstate` or `hashchange`.
        public var source: String
        public var oldState: JSONValue
        public var newState: JSONValue
        /// Overrides for the fragments otherwise derived from the old and new address.
        public var oldFragment: String?
        public var newFragment: String?

        /// Creates the value from its parts.
        public init(url: String, source: String = "pushState", oldState: JSONValue = .null, newState: JSONValue = .null,
                    oldFragment: String? = nil, newFragment: String? = nil)
        {
            self.url = url
            self.source = source
            self.oldState = oldState
            self.newState = newState
            self.oldFragment = oldFragment
            self.newFragment = newFragment
        }
    }

    /// Changes to the page that push nothing: cookies written, globals set.
    public struct PageState: Sendable, Equatable {
        public var cookies: [String: String]
        public var globals: JSONObject

        /// Creates the value from its parts.
        public init(cookies: [String: String] = [:], globals: JSONObject = JSONObject()) {
            self.cookies = cookies
            self.globals = globals
        }
    }

    /// The `type` written in JSON.
    public var typeName: String {
        switch self {
        case .pageLoad: "pageLoad"
        case .push: "push"
        case .click: "click"
        case .formSubmit: "formSubmit"
        case .historyChange: "historyChange"
        case .wait: "wait"
        case .consentDefault: "consentDefault"
        case .consentUpdate: "consentUpdate"
        case .pageState: "pageState"
        }
    }

    /// Every `type` a step may have.
    public static let typeNames = ["pageLoad", "push", "click", "formSubmit", "historyChange", "wait",
                                   "consentDefault", "consentUpdate", "pageState"]
}
