import GTMModel
import LosslessJSON

/// Built-in variables: page, click and form (from the last `gtm.element`), history, errors,
/// scroll, video, visibility and utility variables.
extension VariableEvaluator {
    /// Data-layer keys behind built-in variables, as GTM's auto-event listeners push them.
    static let builtInModelKeys: [String: String] = [
        "CLICK_CLASSES": "gtm.elementClasses", "CLICK_ID": "gtm.elementId", "CLICK_TARGET": "gtm.elementTarget",
        "CLICK_URL": "gtm.elementUrl",
        "FORM_CLASSES": "gtm.elementClasses", "FORM_ID": "gtm.elementId", "FORM_TARGET": "gtm.elementTarget",
        "FORM_URL": "gtm.elementUrl",
        "NEW_HISTORY_FRAGMENT": "gtm.newUrlFragment", "OLD_HISTORY_FRAGMENT": "gtm.oldUrlFragment",
        "NEW_HISTORY_STATE": "gtm.newHistoryState", "OLD_HISTORY_STATE": "gtm.oldHistoryState",
        "HISTORY_SOURCE": "gtm.historyChangeSource", "NEW_HISTORY_URL": "gtm.newUrl", "OLD_HISTORY_URL": "gtm.oldUrl",
        "ERROR_MESSAGE": "gtm.errorMessage", "ERROR_URL": "gtm.errorUrl", "ERROR_LINE": "gtm.errorLineNumber",
        "SCROLL_DEPTH_THRESHOLD": "gtm.scrollThreshold", "SCROLL_DEPTH_UNITS": "gtm.scrollUnits",
        "SCROLL_DEPTH_DIRECTION": "gtm.scrollDirection",
        "VIDEO_PROVIDER": "gtm.videoProvider", "VIDEO_STATUS": "gtm.videoStatus", "VIDEO_URL": "gtm.videoUrl",
        "VIDEO_TITLE": "gtm.videoTitle", "VIDEO_DURATION": "gtm.videoDuration", "VIDEO_PERCENT": "gtm.videoPercent",
        "VIDEO_VISIBLE": "gtm.videoVisible", "VIDEO_CURRENT_TIME": "gtm.videoCurrentTime",
        "ELEMENT_VISIBILITY_RATIO": "gtm.visibleRatio", "ELEMENT_VISIBILITY_TIME": "gtm.visibleTime",
        "ELEMENT_VISIBILITY_FIRST_TIME": "gtm.visibleFirstTime", "ELEMENT_VISIBILITY_RECENT_TIME": "gtm.visibleLastTime",
    ]

    func builtInValue(type: String, reason: inout String?) -> PreviewValue {
        switch type {
        case "PAGE_URL": return .string(page.url.withoutFragment)
        case "PAGE_HOSTNAME": return .string(page.url.host)
        case "PAGE_PATH": return .string(page.url.path)
        case "REFERRER": return .string(page.referrer)
        case "EVENT": return .string(event.name)
        case "CLICK_ELEMENT", "FORM_ELEMENT":
            guard let element = page.lastElement else {
                reason = "no click or form submit has happened on this page"
                return .undefined
            }
            return .element(element)
        case "CLICK_TEXT", "FORM_TEXT":
            guard let element = page.lastElement else {
                reason = "no click or form submit has happened on this page"
                return .undefined
            }
            return .string(element.text)
        case "CONTAINER_ID": return .string(prepared.container.publicId)
        case "CONTAINER_VERSION": return .string(prepared.versionId)
        case "DEBUG_MODE": return .json(false)
        case "RANDOM_NUMBER": return .notEvaluable("Random Number changes on every read")
        case "HTML_ID": return .notEvaluable("HTML ID exists only inside a running Custom HTML tag")
        case "ENVIRONMENT_NAME": return .notEvaluable("Environment Name depends on where the container is served")
        default:
            guard let key = VariableEvaluator.builtInModelKeys[type] else {
                return .notEvaluable("built-in variable \(type) is not simulated")
            }
            guard let value = page.model.value(atPath: key) else {
                reason = "data-layer key \"\(key)\" is not set (no such event on this page yet)"
                return .undefined
            }
            return .json(value)
        }
    }

    /// A JavaScript global by dotted path (`document.title`, `shop.currency`): the scenario's
    /// `globals` first, then what the page itself provides (`document.*`, `location.*`).
    func globalValue(atPath path: String) -> JSONValue? {
        let trimmed = path.hasPrefix("window.") ? String(path.dropFirst("window.".count)) : path
        if let value = DataLayerModel.value(atPath: trimmed, in: .object(page.globals)) { return value }
        return DataLayerModel.value(atPath: trimmed, in: pageGlobals)
    }

    /// `document` and `location` as the scenario's page defines them.
    private var pageGlobals: JSONValue {
        let url = page.url
        let origin = "\(url.scheme)://\(url.host)\(url.port.isEmpty ? "" : ":" + url.port)"
        let location: JSONValue = [
            "href": .string(url.href), "protocol": .string(url.scheme + ":"), "hostname": .string(url.host),
            "host": .string(url.host + (url.port.isEmpty ? "" : ":" + url.port)), "port": .string(url.port),
            "pathname": .string(url.path), "search": .string(url.query.isEmpty ? "" : "?" + url.query),
            "hash": .string(url.fragment.isEmpty ? "" : "#" + url.fragment), "origin": .string(origin),
        ]
        let document: JSONValue = [
            "title": .string(page.title), "referrer": .string(page.referrer), "URL": .string(url.href),
            "location": location, "cookie": .string(page.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")),
        ]
        return ["document": document, "location": location]
    }
}
