/// What produced an event in a simulation.
public enum EventKind: String, Sendable, Codable, Equatable {
    /// `gtm.init_consent`: Consent Initialization - All Pages.
    case consentInitialization = "consent_initialization"
    /// `gtm.init`: Initialization - All Pages.
    case initialization
    /// `gtm.js`: Page View / All Pages.
    case pageView = "page_view"
    /// `gtm.dom`: DOM Ready.
    case domReady = "dom_ready"
    /// `gtm.load`: Window Loaded.
    case windowLoaded = "window_loaded"
    /// A data-layer push with an `event`.
    case custom
    /// `gtm.click`: All Elements click.
    case click
    /// `gtm.linkClick`: Just Links click.
    case linkClick = "link_click"
    /// `gtm.formSubmit`.
    case formSubmit = "form_submit"
    /// `gtm.historyChange-v2`.
    case historyChange = "history_change"
    /// `gtm.timer`.
    case timer
    /// A consent default or update command (no tags fire on it).
    case consentDefault = "consent_default"
    case consentUpdate = "consent_update"

    /// The data-layer event name GTM pushes for lifecycle and auto events.
    var builtInEventName: String? {
        switch self {
        case .consentInitialization: "gtm.init_consent"
        case .initialization: "gtm.init"
        case .pageView: "gtm.js"
        case .domReady: "gtm.dom"
        case .windowLoaded: "gtm.load"
        case .click: "gtm.click"
        case .linkClick: "gtm.linkClick"
        case .formSubmit: "gtm.formSubmit"
        case .historyChange: "gtm.historyChange-v2"
        case .timer: "gtm.timer"
        case .custom, .consentDefault, .consentUpdate: nil
        }
    }
}
