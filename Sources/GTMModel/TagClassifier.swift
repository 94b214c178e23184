/// Classifies tags by type code, template code and Custom HTML code (never by name).
///
/// Built once per container: each custom template is classified once, however many tags use it.
public struct TagClassifier: Sendable {
    /// Event-name parameter keys used by vendor templates (Meta, TikTok, Stape, Snap, …), in the
    /// order they are tried. Public so the preview simulator names a template tag's event the
    /// way the classifier does.
    public static let templateEventKeys = ["eventName", "standardEventName", "eventNameStandard", "event_name_standard",
                                    "event", "eventType", "event_type", "event_name", "eventNameCustom",
                                    "event_name_custom", "customEventName", "trackType"]

    /// What a template's code does, independent of the tag's parameters.
    struct TemplateClass: Sendable {
        var destination: Destination?
        var role: TagRole
    }

    private let templateClasses: [Int: TemplateClass]
    private let container: Container
    private let graph: ReferenceGraph

    public init(container: Container, graph: ReferenceGraph) {
        self.container = container
        self.graph = graph
        var classes: [Int: TemplateClass] = [:]
        for index in Set(container.tags.compactMap { graph.templateIndex(forType: $0.type, in: container) }) {
            classes[index] = TagClassifier.classify(container.templates[index])
        }
        templateClasses = classes
    }

    public func profile(of tag: Tag) -> TagProfile {
        let params = tag.parameters
        switch tag.type {
        case "gaawe":
            return TagProfile(destination: .ga4, role: .measurement, declaredEvents: literalEvent(params.value("eventName"), .ga4))
        case "googtag":
            let id = (params.value("tagId") ?? "").uppercased()
            let destination: Destination = id.hasPrefix("AW-") ? .googleAds : id.hasPrefix("DC-") ? .floodlight : .ga4
            let sendsPageView = !(params[key: "configSettingsTable"]?.tableRows.contains {
                $0["parameter"] == "send_page_view" && $0["parameterValue"] == "false"
            } ?? false)
            return TagProfile(destination: destination, role: .googleTagConfig, declaredEvents: sendsPageView ? ["page_view"] : [])
        case "gaawc":
            let sendsPageView = params.value("sendPageView") != "false"
            return TagProfile(destination: .ga4, role: .googleTagConfig, declaredEvents: sendsPageView ? ["page_view"] : [])
        case "ua", "ga", "ua_amp":
            var events: [String] = []
            switch params.value("trackType") {
            case "TRACK_TRANSACTION"?: events = ["purchase"]
            case "TRACK_PAGEVIEW"?: events = ["page_view"]
            default: break
            }
            return TagProfile(destination: .universalAnalytics, role: .deprecated, declaredEvents: events)
        case "awct", "sp", "awud", "awcc", "sgtmadsct", "sgtmadsremarket":
            return TagProfile(destination: .googleAds, role: .measurement, declaredEvents: [])
        case "gclidw", "sgtmadscl", "gclidw_amp":
            return TagProfile(destination: .googleAds, role: .conversionLinker, declaredEvents: [])
        case "flc", "fls":
            return TagProfile(destination: .floodlight, role: .measurement, declaredEvents: [])
        case "sgtmgaaw":
            return TagProfile(destination: .ga4, role: .measurement, declaredEvents: [])
        case "baut": return TagProfile(destination: .microsoftAds, role: .measurement, declaredEvents: [])
        case "hjtc": return TagProfile(destination: .hotjar, role: .measurement, declaredEvents: [])
        case "awc": return TagProfile(destination: .awin, role: .measurement, declaredEvents: ["purchase"])
        case "awj": return TagProfile(destination: .awin, role: .measurement, declaredEvents: [])
        case "bzi": return TagProfile(destination: .linkedin, role: .measurement, declaredEvents: [])
        case "pntr": return TagProfile(destination: .pinterest, role: .measurement, declaredEvents: [])
        case "html":
            return TagClassifier.profile(ofCode: params.value("html") ?? "")
        case "img", "http_request":
            let url = SearchableText(params.value("url") ?? "")
            return TagProfile(destination: CodeSignatures.vendor(in: url) ?? .otherVendor, role: .measurement, declaredEvents: [])
        default:
            if tag.isCustomTemplate { return profile(ofTemplateTag: tag) }
            return TagProfile(destination: .otherVendor, role: .measurement, declaredEvents: [])
        }
    }

    private func literalEvent(_ name: String?, _ destination: Destination) -> [String] {
        guard let name, EventNames.isLiteral(name) else { return [] }
        return [EventNames.canonical(name, for: destination)]
    }

    /// A Custom HTML tag, by what its code loads and calls.
    static func profile(ofCode code: String) -> TagProfile {
        let text = SearchableText(code)
        let vendor = CodeSignatures.vendor(in: text)
        let sendsGoogleOnly = vendor == nil || vendor == .ga4 || vendor == .googleAds
        if text.containsAny(CodeSignatures.consentDefault) && sendsGoogleOnly {
            return TagProfile(destination: nil, role: .consentDefault, declaredEvents: [])
        }
        if vendor == nil, text.containsAny(CodeSignatures.consentPlatform) {
            return TagProfile(destination: nil, role: .consentDefault, declaredEvents: [])
        }
        if text.containsAny(CodeSignatures.consentUpdate) && sendsGoogleOnly && !text.contains("gtag('config'") && !text.contains("gtag(\"config\"") {
            return TagProfile(destination: nil, role: .consentUpdate, declaredEvents: [])
        }
        if let vendor {
            if vendor == .universalAnalytics { return TagProfile(destination: vendor, role: .deprecated, declaredEvents: []) }
            let isConfig = (vendor == .ga4 || vendor == .googleAds) && (text.contains("gtag('config'") || text.contains("gtag(\"config\""))
            return TagProfile(destination: vendor, role: isConfig ? .googleTagConfig : .measurement,
                              declaredEvents: CodeEvents.events(in: code, destination: vendor))
        }
        if text.containsAny(CodeSignatures.network) {
            return TagProfile(destination: .otherVendor, role: .measurement, declaredEvents: [])
        }
        return TagProfile(destination: nil, role: .utility, declaredEvents: [])
    }

    /// A custom-template tag: its template's class plus any literal event-name parameter.
    private func profile(ofTemplateTag tag: Tag) -> TagProfile {
        var declared: [String] = []
        for key in TagClassifier.templateEventKeys {
            if let value = tag.parameters.value(key), EventNames.isLiteral(value), value.lowercased() != "inherit",
               !value.lowercased().hasPrefix("custom"), !value.lowercased().hasPrefix("standard")
            {
                declared.append(value)
                break
            }
        }
        guard let index = graph.templateIndex(forType: tag.type, in: container), let templateClass = templateClasses[index] else {
            // The export does not carry the template: we cannot see what it does.
            return TagProfile(destination: .otherVendor, role: .measurement, declaredEvents: declared.map { EventNames.canonical($0) })
        }
        guard templateClass.role == .measurement else {
            return TagProfile(destination: templateClass.destination, role: templateClass.role, declaredEvents: [])
        }
        return TagProfile(destination: templateClass.destination, role: .measurement,
                          declaredEvents: declared.map { EventNames.canonical($0, for: templateClass.destination) })
    }

    /// Classifies a template from its sandboxed code and gallery source, in this order: consent
    /// mode calls, the gallery repository, vendor signatures in code, network permissions.
    static func classify(_ template: CustomTemplate) -> TemplateClass {
        let code = template.section("___SANDBOXED_JS_FOR_WEB_TEMPLATE___") ?? template.section("___SANDBOXED_JS_FOR_SERVER___") ?? template.templateData
        let text = SearchableText(code)
        if text.contains("setdefaultconsentstate") { return TemplateClass(destination: nil, role: .consentDefault) }
        let repository = ((template.galleryOwner ?? "") + "/" + (template.galleryRepository ?? "")).lowercased()
        if repository.contains("data-tag") || repository.contains("data-client") { return TemplateClass(destination: .serverContainer, role: .measurement) }
        if let vendor = repositoryVendor(repository) { return TemplateClass(destination: vendor, role: .measurement) }
        if let vendor = CodeSignatures.vendor(in: text) { return TemplateClass(destination: vendor, role: .measurement) }
        let sends = text.containsAny(["sendhttprequest", "sendhttpget", "sendpixel", "injectscript", "injecthiddeniframe", "senddata"])
        if !sends, text.contains("updateconsentstate") { return TemplateClass(destination: nil, role: .consentUpdate) }
        if text.contains("gtm_server_domain") || text.contains("server_container_url") { return TemplateClass(destination: .serverContainer, role: .measurement) }
        return TemplateClass(destination: sends ? .otherVendor : nil, role: sends ? .measurement : .utility)
    }

    /// Vendors whose gallery repositories name them but whose code talks to configurable hosts.
    private static func repositoryVendor(_ repository: String) -> Destination? {
        let table: [(String, Destination)] = [("facebook", .meta), ("meta-", .meta), ("tiktok", .tiktok), ("snapchat", .snapchat),
                                              ("linkedin", .linkedin), ("pinterest", .pinterest), ("twitter", .twitter),
                                              ("klaviyo", .klaviyo), ("mixpanel", .mixpanel), ("hubspot", .hubspot),
                                              ("reddit", .reddit), ("criteo", .criteo), ("awin", .awin), ("bing", .microsoftAds),
                                              ("microsoft-ads", .microsoftAds), ("google-ads", .googleAds), ("ga4", .ga4)]
        return table.first { repository.contains($0.0) }?.1
    }
}
