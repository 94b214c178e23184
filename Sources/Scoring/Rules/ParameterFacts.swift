import GTMModel

/// What a tag sends beyond its event name, read from its parameters and code (never its name):
/// value, currency, transaction id, items and event id; the account it sends to; the events it
/// sends. Shared by the `parameters`, `dedup` and `alignment` rules.
enum ParameterFacts {
    /// The fields the rules reason about, by their GA4 names.
    enum Field: String, CaseIterable, Sendable, Comparable {
        case transactionId = "transaction_id", value, currency, items, eventId = "event_id"

        static func < (lhs: Field, rhs: Field) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One field as a tag sets it.
    struct Setting: Equatable, Sendable {
        /// The text as written (a parameter value, or a JavaScript expression from Custom HTML).
        var raw: String
        /// The parameter key or row name that holds it (`conversionValue`, `value`), for messages.
        var origin: String
        /// Whether `raw` is JavaScript from Custom HTML (quotes and expressions are code).
        var isCode: Bool

        var kind: ValueKind { ParameterFacts.kind(of: self) }
    }

    /// What a setting's text is.
    enum ValueKind: Equatable, Sendable {
        case empty
        /// A literal zero (`0`, `"0.00"`).
        case zero
        /// A literal non-zero number.
        case number
        /// A literal string (`EUR`, `ORDER-1`).
        case text
        /// Contains a `{{variable}}`; the first name referenced.
        case variable(String)
        /// JavaScript computed at run time (a JS variable, a function call).
        case expression

        var isLiteral: Bool {
            switch self {
            case .empty, .zero, .number, .text: true
            case .variable, .expression: false
            }
        }
    }

    /// The fields one tag sends with one event.
    struct Fields: Sendable {
        var explicit: [Field: Setting] = [:]
        /// Fields provided without a parameter of their own: GA4's data-layer ecommerce object,
        /// a server container's incoming event data, or an object variable the scorer cannot read.
        var inherited: Set<Field> = []

        /// Whether the field is provided: set to something non-empty, or inherited.
        func provides(_ field: Field) -> Bool {
            if let setting = explicit[field] { return setting.kind != .empty }
            return inherited.contains(field)
        }

        /// The `{{variable}}` a field is set to, if it is set to one.
        func variable(_ field: Field) -> String? {
            if case .variable(let name)? = explicit[field]?.kind { return name }
            return nil
        }

        mutating func inheritAll(_ fields: [Field] = Field.allCases) { inherited.formUnion(fields) }
    }

    // MARK: - Fields

    /// Tag types that are Google Ads conversions (as opposed to remarketing or user-data tags).
    static let adsConversionTypes: Set<String> = ["awct", "sgtmadsct"]

    /// GA4 row names, exactly as GA4 reads them.
    private static let ga4Names: [String: Field] = [
        "value": .value, "currency": .currency, "transaction_id": .transactionId, "items": .items, "event_id": .eventId,
    ]

    /// Parameter keys and row names vendor templates and built-in types use (lowercased).
    private static let aliases: [String: Field] = [
        "value": .value, "conversionvalue": .value, "ordervalue": .value, "revenue": .value,
        "currency": .currency, "currencycode": .currency, "currency_code": .currency,
        "transaction_id": .transactionId, "transactionid": .transactionId, "order_id": .transactionId,
        "orderid": .transactionId, "orderref": .transactionId,
        "items": .items,
        "event_id": .eventId, "eventid": .eventId,
    ]

    /// Template list parameters that never hold event data (user data, consent, headers, config).
    private static let ignoredListWords = ["user", "advancedmatching", "customer", "config", "header", "consent", "cookie"]

    /// Template switches that make the tag read its event data from the data layer or an object.
    private static let dataSourceSwitches = ["enhancedEcommerce", "enableDataLayerMapping", "objectPropertiesFromVariable"]

    /// The fields tag `index` sends with `event` (canonical), or with any event when nil.
    static func fields(ofTag index: Int, event: String?, in context: ScoringContext) -> Fields {
        let tag = context.container.tags[index]
        switch tag.type {
        case "gaawe":
            return ga4Fields(tag, in: context)
        case "sgtmadsct", "sgtmgaaw", "sgtmadsremarket":
            var fields = Fields()
            fields.inheritAll()
            return fields
        case "html":
            return htmlFields(tag.parameters.value("html") ?? "", event: event, destination: destination(ofTag: index, in: context.analysis))
        default:
            var fields = templateFields(tag)
            if context.container.isServer { fields.inheritAll() }
            return fields
        }
    }

    /// A GA4 event tag: its own rows over its event-settings variable's rows over its Google
    /// tag's shared event settings; the ecommerce switch provides the ecommerce fields.
    static func ga4Fields(_ tag: Tag, in context: ScoringContext) -> Fields {
        var fields = Fields()
        var rows: [(name: String, value: String, origin: String)] = []
        // Shared settings of a Google tag with the same tag id apply to this tag's events.
        if let id = tag.parameters.value("measurementIdOverride").map(ParameterCode.trim), !id.isEmpty {
            for (i, other) in context.container.tags.enumerated() where other.type == "googtag" && context.analysis.isLive[i] {
                guard ParameterCode.trim(other.parameters.value("tagId") ?? "") == id else { continue }
                for key in ["configSettingsTable", "eventSettingsTable"] {
                    for row in other.parameters[key: key]?.tableRows ?? [] {
                        if let name = row["parameter"] { rows.append((name, row["parameterValue"] ?? "", "\(name) (Google tag \"\(other.name)\")")) }
                    }
                }
                if let reference = other.parameters.value("eventSettingsVariable"), !ParameterCode.trim(reference).isEmpty {
                    if let variableRows = settingsVariableRows(reference, in: context) {
                        rows += variableRows
                    } else {
                        fields.inheritAll()
                    }
                }
            }
        }
        if let reference = tag.parameters.value("eventSettingsVariable"), !ParameterCode.trim(reference).isEmpty {
            if let variableRows = settingsVariableRows(reference, in: context) {
                rows += variableRows
            } else {
                fields.inheritAll()
            }
        }
        for row in tag.parameters[key: "eventParameters"]?.tableRows ?? [] {
            if let name = row["name"] { rows.append((name, row["value"] ?? "", name)) }
        }
        for row in tag.parameters[key: "eventSettingsTable"]?.tableRows ?? [] {
            if let name = row["parameter"] { rows.append((name, row["parameterValue"] ?? "", name)) }
        }
        for row in rows {
            if let field = ga4Names[ParameterCode.trim(row.name)] {
                fields.explicit[field] = Setting(raw: row.value, origin: row.origin, isCode: false)
            }
        }
        if tag.parameters.value("sendEcommerceData") == "true" {
            fields.inheritAll([.value, .currency, .transactionId, .items])
        }
        return fields
    }

    /// The rows of a `{{GA4 event settings}}` variable, or nil when the reference is not a single
    /// Event Settings variable of this container (then its content is unknown).
    private static func settingsVariableRows(_ reference: String, in context: ScoringContext) -> [(name: String, value: String, origin: String)]? {
        let text = ParameterCode.trim(reference)
        guard ParameterCode.isSingleGTMReference(text) else { return nil }
        let name = String(text.dropFirst(2).dropLast(2))
        guard let index = context.graph.variableIndexByName[name] else { return nil }
        let variable = context.container.variables[index]
        guard variable.type == "gtes" else { return nil }
        return (variable.parameters[key: "eventSettingsTable"]?.tableRows ?? []).compactMap { row in
            row["parameter"].map { ($0, row["parameterValue"] ?? "", "\($0) (variable \"\(variable.name)\")") }
        }
    }

    /// A built-in or template tag: top-level keys and table rows by their usual names.
    static func templateFields(_ tag: Tag) -> Fields {
        var fields = Fields()
        for parameter in tag.parameters {
            guard let key = parameter.key else { continue }
            if parameter.list.isEmpty, parameter.map.isEmpty, let field = aliases[key.lowercased()] {
                if fields.explicit[field] == nil { fields.explicit[field] = Setting(raw: parameter.value ?? "", origin: key, isCode: false) }
                continue
            }
            guard parameter.type == .list else { continue }
            let lower = key.lowercased()
            guard !ignoredListWords.contains(where: { lower.contains($0) }) else { continue }
            for row in parameter.list where row.type == .map {
                let name = ["name", "parameter", "key", "fieldName"].lazy.compactMap { row[mapKey: $0]?.value }.first
                let value = ["value", "parameterValue"].lazy.compactMap { row[mapKey: $0] }.first
                guard let name, let field = aliases[ParameterCode.trim(name).lowercased()] else { continue }
                if fields.explicit[field] == nil { fields.explicit[field] = Setting(raw: value?.value ?? "", origin: name, isCode: false) }
            }
        }
        if dataSourceSwitches.contains(where: { tag.parameters.value($0) == "true" }) {
            fields.inheritAll([.value, .currency, .transactionId, .items])
        }
        return fields
    }

    /// Custom HTML: the data and options objects of the calls that send `event`.
    static func htmlFields(_ code: String, event: String?, destination: Destination?) -> Fields {
        var fields = Fields()
        for call in ParameterCode.eventCalls(in: code) where destination == nil || call.destination == destination || call.destination == .ga4 && destination == .googleAds {
            let canonical = EventNames.canonical(call.name, for: call.destination)
            if let event, canonical != event, canonical != "conversion" { continue }
            for argument in [call.data, call.options].compactMap({ $0 }) {
                switch argument {
                case .object(let text):
                    for (key, value) in ParameterCode.objectFields(text) {
                        let field: Field? = key == "eventID" ? .eventId : aliases[key.lowercased()]
                        if let field, fields.explicit[field] == nil { fields.explicit[field] = Setting(raw: value, origin: key, isCode: true) }
                    }
                case .other(let text) where !text.isEmpty:
                    // An object built elsewhere (`{{CJS - purchase data}}`, `payload`): unknown content.
                    if argument == call.data { fields.inheritAll([.value, .currency, .transactionId, .items]) } else { fields.inheritAll([.eventId]) }
                default:
                    break
                }
            }
        }
        return fields
    }

    /// What a setting's text is. Code values are JavaScript: quoted strings are literals, bare
    /// numbers are literals, anything else is computed at run time.
    static func kind(of setting: Setting) -> ValueKind {
        var text = ParameterCode.trim(setting.raw)
        if setting.isCode {
            if text.count >= 2, let q = text.first, q == "'" || q == "\"" || q == "`", text.last == q {
                text = String(text.dropFirst().dropLast())
            } else if text.contains("{{") {
                // `{{DLV - value}}` pasted bare: the variable's value becomes the expression.
            } else if text == "null" || text == "undefined" || text.isEmpty {
                return .empty
            } else if Double(text) == nil {
                return .expression
            }
        }
        text = ParameterCode.trim(text)
        if text.isEmpty { return .empty }
        if text.contains("{{") {
            return .variable(VariableReferences.names(in: text).first ?? text)
        }
        if let number = Double(text.replacingComma()) { return number == 0 ? .zero : .number }
        return .text
    }

    // MARK: - Events

    /// The canonical events tag `index` sends: its own, or its triggers'; a generic `conversion`
    /// (an X or LinkedIn conversion call) also counts as the events of its triggers.
    static func events(ofTag index: Int, in analysis: ContainerAnalysis) -> (names: [String], isOpenEnded: Bool) {
        let own = analysis.tagEvents[index]
        guard own.names.contains("conversion") else { return (own.names, own.isOpenEnded) }
        var names = own.names, open = own.isOpenEnded
        for id in analysis.container.tags[index].firingTriggerIds {
            let events = triggerEvents(id, in: analysis)
            for n in events.names where !names.contains(n) { names.append(n) }
            open = open || events.isOpenEnded
        }
        return (names, open)
    }

    /// The events tag `index` sends when trigger `id` fires: its declared event, else the trigger's.
    static func events(ofTag index: Int, onTrigger id: String, in analysis: ContainerAnalysis) -> Set<String> {
        let declared = analysis.tagProfiles[index].declaredEvents
        if !declared.isEmpty, declared != ["conversion"] { return Set(declared) }
        let events = triggerEvents(id, in: analysis)
        var result = Set(events.names)
        if events.isOpenEnded { result.insert("*") }
        return result
    }

    static func triggerEvents(_ id: String, in analysis: ContainerAnalysis) -> TriggerEvents {
        if let index = analysis.graph.triggerIndexById[id] { return analysis.triggerEvents[index] }
        return BuiltInTrigger.isBuiltIn(id) ? .builtIn(id) : .none
    }

    /// Where tag `index` sends data: its profile's destination, except that a first-party
    /// transport template (Stape's Data Tag: a `gtm_server_domain` parameter or the `data-tag`
    /// gallery repository) is a server container even when its code mentions vendor cookies.
    static func destination(ofTag index: Int, in analysis: ContainerAnalysis) -> Destination? {
        let destination = analysis.tagProfiles[index].destination
        let tag = analysis.container.tags[index]
        guard tag.isCustomTemplate, let destination, destination != .serverContainer else { return destination }
        if tag.parameters[key: "gtm_server_domain"] != nil { return .serverContainer }
        if analysis.graph.template(forType: tag.type, in: analysis.container)?.galleryRepository?.lowercased() == "data-tag" { return .serverContainer }
        return destination
    }

    /// Whether tag `index` measures conversions for its destination: a measurement tag of a
    /// destination that receives business events, and for Google Ads a conversion (not
    /// remarketing, user data or the linker).
    static func sendsConversions(_ index: Int, in analysis: ContainerAnalysis) -> Bool {
        let profile = analysis.tagProfiles[index]
        guard profile.role == .measurement, let destination = destination(ofTag: index, in: analysis),
              !AlignmentRules.nonConversionDestinations.contains(destination)
        else { return false }
        if destination == .googleAds {
            let type = analysis.container.tags[index].type
            return adsConversionTypes.contains(type) || type == "html" || type.hasPrefix("cvt_")
        }
        return true
    }

    // MARK: - Accounts

    /// Parameters that name the account, pixel or endpoint of vendor templates and built-in types.
    private static let accountKeys = ["pixelId", "pixel_id", "pixelIds", "pixel_code", "pixelCode", "advertiserId", "tagId",
                                      "merchantId", "hotjar_site_id", "token", "klaviyoUserId", "gtm_server_domain"]

    /// The account (property, conversion action, pixel) a tag sends to, as comparable text, and
    /// whether the tag names one at all (a template without an id parameter does not).
    static func account(ofTag index: Int, in context: ScoringContext) -> (key: String, isIdentified: Bool) {
        let tag = context.container.tags[index]
        let params = tag.parameters
        func clean(_ s: String?) -> String { ParameterCode.trim(s ?? "").uppercased() }
        func keyed(_ prefix: String, _ id: String) -> (key: String, isIdentified: Bool) { (prefix + id, !id.isEmpty) }
        switch tag.type {
        case "gaawe":
            if let override = params.value("measurementIdOverride"), !ParameterCode.trim(override).isEmpty { return keyed("ga4:", clean(override)) }
            if let reference = params[key: "measurementId"] {
                if reference.type == .tagReference, let name = reference.value {
                    // The old form names the GA4 configuration tag: use its measurement id.
                    if let i = context.graph.tagIndexByName[name] {
                        let config = context.container.tags[i].parameters
                        if let id = config.value("measurementId") ?? config.value("tagId"), !ParameterCode.trim(id).isEmpty { return keyed("ga4:", clean(id)) }
                    }
                    return keyed("ga4:tag:", name)
                }
                return keyed("ga4:", clean(reference.value))
            }
            return keyed("ga4:", "")
        case "googtag": return keyed("ga4:", clean(params.value("tagId")))
        case "gaawc", "sgtmgaaw": return keyed("ga4:", clean(params.value("measurementId")))
        case "flc", "fls":
            let parts = ["advertiserId", "groupTag", "activityTag"].map { clean(params.value($0)) }
            return keyed("floodlight:", parts.allSatisfy(\.isEmpty) ? "" : parts.joined(separator: "/"))
        default:
            if let conversionId = params.value("conversionId") {
                // Conversion, remarketing and user-data hits to one Ads account are different hits.
                return keyed("ads:\(tag.type):", clean(conversionId) + "/" + clean(params.value("conversionLabel")))
            }
            var ids: [String] = []
            for key in accountKeys {
                if let v = params.value(key), !ParameterCode.trim(v).isEmpty { ids.append(clean(v)) }
            }
            if let code = tag.html { ids += ParameterCode.accountIds(in: code).map { clean($0) } }
            return keyed(tag.type + ":", ids.joined(separator: ","))
        }
    }
}

extension String {
    /// `1,5` → `1.5`, for reading decimal numbers written with a comma.
    fileprivate func replacingComma() -> String {
        String(map { $0 == "," ? "." : $0 })
    }
}
