/// What a tag does, derived from its type, template and code: the facts the scorer reasons with.
public struct TagProfile: Sendable {
    /// Where the tag sends data; nil for tags that send nothing (consent defaults, utilities).
    public var destination: Destination?
    public var role: TagRole
    /// Canonical events named by the tag itself (an event-name parameter or a literal in code).
    /// When empty, the tag sends whatever event its triggers fire on (see ``ContainerAnalysis``).
    public var declaredEvents: [String]

    /// Whether the tag sends data to a vendor (so needs consent settings).
    public var sendsData: Bool { destination != nil && role != .deprecated }
}

/// Classifies tags by type code, template code and Custom HTML code (never by name).
public struct TagClassifier: Sendable {
    public init() {}

    /// Event-name parameter keys used by vendor templates (Meta, TikTok, Stape, Snap, …).
    static let templateEventKeys = ["eventName", "standardEventName", "eventNameStandard", "event_name_standard",
                                    "event", "eventType", "event_type", "event_name", "eventNameCustom",
                                    "event_name_custom", "customEventName", "trackType"]

    public func profile(of tag: Tag, in container: Container, graph: ReferenceGraph) -> TagProfile {
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
            return profile(ofCode: params.value("html") ?? "", declaredFrom: params.value("html") ?? "")
        case "img":
            let url = (params.value("url") ?? "").lowercased()
            return TagProfile(destination: CodeSignatures.vendor(inLowercased: url) ?? .otherVendor, role: .measurement, declaredEvents: [])
        case "http_request":
            let url = (params.value("url") ?? "").lowercased()
            return TagProfile(destination: CodeSignatures.vendor(inLowercased: url) ?? .otherVendor, role: .measurement, declaredEvents: [])
        default:
            if tag.isCustomTemplate { return profile(ofTemplateTag: tag, in: container, graph: graph) }
            return TagProfile(destination: .otherVendor, role: .measurement, declaredEvents: [])
        }
    }

    private func literalEvent(_ name: String?, _ destination: Destination) -> [String] {
        guard let name, EventNames.isLiteral(name) else { return [] }
        return [EventNames.canonical(name, for: destination)]
    }

    /// A Custom HTML tag, by what its code loads and calls.
    func profile(ofCode code: String, declaredFrom source: String) -> TagProfile {
        let lower = code.lowercased()
        let vendor = CodeSignatures.vendor(inLowercased: lower)
        if CodeSignatures.containsAny(lower, CodeSignatures.consentDefault) && (vendor == nil || vendor == .ga4 || vendor == .googleAds) {
            return TagProfile(destination: nil, role: .consentDefault, declaredEvents: [])
        }
        if vendor == nil, CodeSignatures.containsAny(lower, CodeSignatures.consentPlatform) {
            return TagProfile(destination: nil, role: .consentDefault, declaredEvents: [])
        }
        if let vendor {
            if vendor == .universalAnalytics { return TagProfile(destination: vendor, role: .deprecated, declaredEvents: []) }
            let isConfig = (vendor == .ga4 || vendor == .googleAds) && (lower.contains("gtag('config'") || lower.contains("gtag(\"config\""))
            return TagProfile(destination: vendor, role: isConfig ? .googleTagConfig : .measurement,
                              declaredEvents: CodeEvents.events(in: source, destination: vendor))
        }
        if CodeSignatures.containsAny(lower, CodeSignatures.network) {
            return TagProfile(destination: .otherVendor, role: .measurement, declaredEvents: [])
        }
        return TagProfile(destination: nil, role: .utility, declaredEvents: [])
    }

    /// A custom-template tag, by its template's sandboxed code and gallery source.
    private func profile(ofTemplateTag tag: Tag, in container: Container, graph: ReferenceGraph) -> TagProfile {
        var declared: [String] = []
        for key in TagClassifier.templateEventKeys {
            if let value = tag.parameters.value(key), EventNames.isLiteral(value), value.lowercased() != "inherit",
               !value.lowercased().hasPrefix("custom"), !value.lowercased().hasPrefix("standard")
            {
                declared.append(value)
                break
            }
        }
        guard let template = graph.template(forType: tag.type, in: container) else {
            return TagProfile(destination: .otherVendor, role: .measurement, declaredEvents: declared.map { EventNames.canonical($0) })
        }
        let code = (template.section("___SANDBOXED_JS_FOR_WEB_TEMPLATE___") ?? template.section("___SANDBOXED_JS_FOR_SERVER___")).map(String.init) ?? template.templateData
        let lower = code.lowercased()
        let repository = ((template.galleryOwner ?? "") + "/" + (template.galleryRepository ?? "")).lowercased()
        let vendor = CodeSignatures.vendor(inLowercased: lower) ?? CodeSignatures.vendor(inLowercased: repository.replacingUnderscores())
            ?? TagClassifier.repositoryVendor(repository)
        if vendor == nil, lower.contains("setdefaultconsentstate") {
            return TagProfile(destination: nil, role: .consentDefault, declaredEvents: [])
        }
        let destination = vendor ?? (repository.contains("data-tag") || lower.contains("gtm_server_domain") ? .serverContainer : .otherVendor)
        return TagProfile(destination: destination, role: .measurement, declaredEvents: declared.map { EventNames.canonical($0, for: destination) })
    }

    /// Vendors whose gallery repositories name them but whose code talks to configurable hosts.
    private static func repositoryVendor(_ repository: String) -> Destination? {
        let table: [(String, Destination)] = [("facebook", .meta), ("meta-", .meta), ("tiktok", .tiktok), ("snap", .snapchat),
                                              ("linkedin", .linkedin), ("pinterest", .pinterest), ("twitter", .twitter),
                                              ("klaviyo", .klaviyo), ("mixpanel", .mixpanel), ("hubspot", .hubspot),
                                              ("reddit", .reddit), ("criteo", .criteo), ("awin", .awin), ("bing", .microsoftAds)]
        return table.first { repository.contains($0.0) }?.1
    }
}
