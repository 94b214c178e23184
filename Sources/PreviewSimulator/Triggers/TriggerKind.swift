/// A trigger's type, with the export (`LINK_CLICK`) and API (`linkClick`) spellings merged.
enum TriggerKind: Sendable, Hashable {
    case pageView, domReady, windowLoaded, consentInitialization, initialization
    case customEvent, click, linkClick, formSubmission, historyChange, timer, triggerGroup
    /// Listener triggers the simulator fires on the matching pushed `gtm.*` event, without
    /// checking thresholds or selectors (see ``pushedEventName``).
    case scrollDepth, youTubeVideo, elementVisibility, javaScriptError
    /// AMP, server, Firebase and unknown types: never fire in a web simulation.
    case unsupported(String)

    init(_ type: String) {
        switch type {
        case "PAGEVIEW", "pageview": self = .pageView
        case "DOM_READY", "domReady": self = .domReady
        case "WINDOW_LOADED", "windowLoaded": self = .windowLoaded
        case "CONSENT_INIT", "consentInit": self = .consentInitialization
        case "INIT", "init": self = .initialization
        case "CUSTOM_EVENT", "customEvent": self = .customEvent
        case "CLICK", "click": self = .click
        case "LINK_CLICK", "linkClick": self = .linkClick
        case "FORM_SUBMISSION", "formSubmission": self = .formSubmission
        case "HISTORY_CHANGE", "historyChange": self = .historyChange
        case "TIMER", "timer": self = .timer
        case "TRIGGER_GROUP", "triggerGroup": self = .triggerGroup
        case "SCROLL_DEPTH", "scrollDepth": self = .scrollDepth
        case "YOU_TUBE_VIDEO", "youTubeVideo": self = .youTubeVideo
        case "ELEMENT_VISIBILITY", "elementVisibility": self = .elementVisibility
        case "JS_ERROR", "jsError": self = .javaScriptError
        default: self = .unsupported(type)
        }
    }

    /// The event kind a lifecycle or auto-event trigger fires on.
    var eventKind: EventKind? {
        switch self {
        case .pageView: .pageView
        case .domReady: .domReady
        case .windowLoaded: .windowLoaded
        case .consentInitialization: .consentInitialization
        case .initialization: .initialization
        case .click: .click
        case .linkClick: .linkClick
        case .formSubmission: .formSubmit
        case .historyChange: .historyChange
        case .timer: .timer
        default: nil
        }
    }

    /// The `gtm.*` event a scenario pushes to fire the listener triggers the simulator does not
    /// drive itself (scroll depth, YouTube, element visibility, JavaScript errors).
    var pushedEventName: String? {
        switch self {
        case .scrollDepth: "gtm.scrollDepth"
        case .youTubeVideo: "gtm.video"
        case .elementVisibility: "gtm.elementVisibility"
        case .javaScriptError: "gtm.pageError"
        default: nil
        }
    }

    /// Whether the trigger's "enable when" conditions (`autoEventFilter`) apply.
    var hasAutoEventFilter: Bool {
        switch self {
        case .click, .linkClick, .formSubmission, .timer: true
        default: false
        }
    }
}
