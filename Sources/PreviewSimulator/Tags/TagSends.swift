import GTMModel
import LosslessJSON

/// The (destination, event) pairs a fired tag sends, named as the scorer names them.
///
/// The destination and role come from GTMModel's `TagClassifier`. The event is, in order:
/// the resolved event name of a GA4 event tag (`eventName`) or of a vendor template (the
/// classifier's event-name keys; `inherit` means the data-layer event); else the events the
/// classifier reads from the tag itself (a Google tag's page view, `fbq('track', 'Purchase')` in
/// Custom HTML); else, for measurement tags, the canonical name of the event it fired on
/// (`page_view` for page loads and history changes, `click`, `form_submit`, `timer`, or the
/// data-layer event via `EventNames.canonical`). Deprecated Universal Analytics tags, consent
/// tags and utilities send nothing.
enum TagSends {
    static func events(of tag: Tag, profile: TagProfile, parameters: ResolvedParameters, event: SimulatedEvent) -> [SentEvent] {
        guard let destination = profile.destination, profile.role != .deprecated else { return [] }
        var names: [String] = []
        if tag.type == "gaawe", let name = text(parameters["eventName"]), !name.isEmpty {
            names = [EventNames.canonical(name, for: .ga4)]
        } else if tag.isCustomTemplate, profile.role == .measurement, let name = templateEventName(parameters) {
            names = [name.map { EventNames.canonical($0, for: destination) } ?? canonicalName(of: event, for: destination)]
        }
        if names.isEmpty, !profile.declaredEvents.isEmpty { names = profile.declaredEvents }
        if names.isEmpty, profile.role == .measurement { names = [canonicalName(of: event, for: destination)] }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }.map { SentEvent(destination: destination, event: $0) }
    }

    /// The event named by a template's event parameter: `.some(nil)` for `inherit` (the
    /// data-layer event), nil when no parameter names one.
    private static func templateEventName(_ parameters: ResolvedParameters) -> String?? {
        for key in TagClassifier.templateEventKeys {
            guard let name = text(parameters[key]), !name.isEmpty else { continue }
            let lower = name.lowercased()
            if lower == "inherit" { return .some(nil) }
            if lower.hasPrefix("custom") || lower.hasPrefix("standard") { continue }
            return .some(name)
        }
        return nil
    }

    /// The canonical name of the event a tag fired on, as `TriggerEvents` names trigger types.
    static func canonicalName(of event: SimulatedEvent, for destination: Destination?) -> String {
        switch event.kind {
        case .pageView, .domReady, .windowLoaded, .historyChange: return "page_view"
        case .consentInitialization, .initialization: return "initialization"
        case .click, .linkClick: return "click"
        case .formSubmit: return "form_submit"
        case .timer: return "timer"
        case .consentDefault, .consentUpdate: return "consent"
        case .custom: break
        }
        switch event.name {
        case "gtm.js", "gtm.dom", "gtm.load", "gtm.historyChange", "gtm.historyChange-v2": return "page_view"
        case "gtm.init", "gtm.init_consent": return "initialization"
        case "gtm.click", "gtm.linkClick": return "click"
        case "gtm.formSubmit": return "form_submit"
        case "gtm.timer": return "timer"
        case "gtm.scrollDepth": return "scroll"
        case "gtm.video": return "video"
        case "gtm.elementVisibility": return "element_visibility"
        case "gtm.pageError": return "exception"
        default: return EventNames.canonical(event.name, for: destination)
        }
    }

    private static func text(_ parameter: ResolvedParameter?) -> String? {
        guard case .value(let value)? = parameter, case .json(let json) = value, case .string(let s) = json else { return nil }
        return s
    }
}
