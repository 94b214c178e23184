import GTMModel

/// What a tag sends beyond its event name, read from its parameters and code (never its name):
/// value, currency, transaction id, items and event id; the account it sends to; the events it
/// sends. Shared by the `parameters`, `dedup` and `alignment` rules.
enum ParameterFacts {
    /// The fields the rules reason about, by their GA4 names.
    enum Field: String, CaseIterable, Sendable, Comparable {
        case transactionId = "transaction_id", value, currency, items, eventId = "event_id"

        /// Position in declaration order.
        var offset: Int {
            switch self {
            case .transactionId: 0
            case .value: 1
            case .currency: 2
            case .items: 3
            case .eventId: 4
            }
        }

        static func < (lhs: Field, rhs: Field) -> Bool { lhs.offset < rhs.offset }
    }

    /// One field as a tag sets it.
    struct Setting: Equatable, Sendable {
        /// The text as written (a parameter value, or a JavaScript expression from Custom HTML).
        let raw: String
        /// The parameter key or row name that holds it (`conversionValue`, `value`), for messages.
        let origin: String
        /// Whether `raw` is JavaScript from Custom HTML (quotes and expressions are code).
        let isCode: Bool
        /// What `raw` is, read once.
        let kind: ValueKind

        init(raw: String, origin: String, isCode: Bool) {
            self.raw = raw
            self.origin = origin
            self.isCode = isCode
            kind = ParameterFacts.kind(of: raw, isCode: isCode)
        }
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

    /// A setting per field. Fields are read for every tag, and there are only five: a slot each
    /// is cheaper than a dictionary.
    struct Settings: Sendable {
        private var transactionId, value, currency, items, eventId: Setting?

        subscript(field: Field) -> Setting? {
            get {
                switch field {
                case .transactionId: transactionId
                case .value: value
                case .currency: currency
                case .items: items
                case .eventId: eventId
                }
            }
            set {
                switch field {
                case .transactionId: transactionId = newValue
                case .value: value = newValue
                case .currency: currency = newValue
                case .items: items = newValue
                case .eventId: eventId = newValue
                }
            }
        }

        /// Adds `other`'s settings of the fields this does not set.
        mutating func add(_ other: Settings) {
            for field in Field.allCases where self[field] == nil { self[field] = other[field] }
        }

        /// Replaces settings with `other`'s where it has one.
        mutating func override(with other: Settings) {
            for field in Field.allCases { if let setting = other[field] { self[field] = setting } }
        }
    }

    /// A set of fields, as bits.
    struct FieldSet: Sendable {
        private var bits: UInt8 = 0

        func contains(_ field: Field) -> Bool { bits & 1 << field.offset != 0 }
        mutating func insert(_ field: Field) { bits |= 1 << field.offset }
        mutating func formUnion(_ fields: [Field]) { for field in fields { insert(field) } }
        mutating func formUnion(_ other: FieldSet) { bits |= other.bits }
    }

    /// The fields one tag sends with one event.
    struct Fields: Sendable {
        var explicit = Settings()
        /// Fields provided without a parameter of their own: GA4's data-layer ecommerce object,
        /// a server container's incoming event data, or an object variable the scorer cannot read.
        var inherited = FieldSet()

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

    /// Reads GA4 event tags' fields: a tag's own rows over its event-settings variable's rows over
    /// the shared event settings of the live Google tags with its measurement id; the ecommerce
    /// switch provides the ecommerce fields. What many tags share (the Google tags' settings, the
    /// settings variables) is read once.
    struct GA4FieldReader {
        private let context: ScoringContext
        /// Live Google tags by tag id, in container order.
        private let googleTags: [String: [Int]]
        /// What the Google tags of one tag id set, by tag id.
        private var googleTagFields: [String: Fields] = [:]
        /// What an event-settings variable sets, by reference; nil when its content is unknown.
        private var variableSettings: [String: Settings?] = [:]

        init(_ context: ScoringContext) {
            self.context = context
            let tags = context.container.tags
            var googleTags: [String: [Int]] = [:]
            for i in tags.indices where tags[i].type == "googtag" && context.analysis.isLive[i] {
                googleTags[ParameterCode.trim(tags[i].parameters.value("tagId") ?? ""), default: []].append(i)
            }
            self.googleTags = googleTags
        }

        /// The fields a GA4 event tag with these parameters sends.
        mutating func fields(of parameters: [Parameter]) -> Fields {
            // Shared settings of a Google tag with the same tag id apply to this tag's events.
            let id = ParameterCode.trim(parameters.value("measurementIdOverride") ?? "")
            var fields = id.isEmpty ? Fields() : sharedFields(id)
            applyVariable(parameters.value("eventSettingsVariable"), to: &fields)
            Self.apply(parameters[key: "eventParameters"], name: "name", value: "value", to: &fields.explicit) { $0 }
            Self.apply(parameters[key: "eventSettingsTable"], name: "parameter", value: "parameterValue", to: &fields.explicit) { $0 }
            if parameters.value("sendEcommerceData") == "true" {
                fields.inheritAll([.value, .currency, .transactionId, .items])
            }
            return fields
        }

        /// What the live Google tags with tag id `id` set, in container order.
        private mutating func sharedFields(_ id: String) -> Fields {
            if let known = googleTagFields[id] { return known }
            var fields = Fields()
            for i in googleTags[id] ?? [] {
                let other = context.container.tags[i]
                for key in ["configSettingsTable", "eventSettingsTable"] {
                    Self.apply(other.parameters[key: key], name: "parameter", value: "parameterValue", to: &fields.explicit) { "\($0) (Google tag \"\(other.name)\")" }
                }
                applyVariable(other.parameters.value("eventSettingsVariable"), to: &fields)
            }
            googleTagFields[id] = fields
            return fields
        }

        /// Applies the `{{GA4 event settings}}` variable `reference` names, if any: its rows, or
        /// every field when it is not a single Event Settings variable of this container (then its
        /// content is unknown).
        private mutating func applyVariable(_ reference: String?, to fields: inout Fields) {
            guard let reference, !ParameterCode.trim(reference).isEmpty else { return }
            let settings: Settings?
            if let known = variableSettings[reference] {
                settings = known
            } else {
                settings = variableRows(reference)
                variableSettings[reference] = settings
            }
            if let settings { fields.explicit.override(with: settings) } else { fields.inheritAll() }
        }

        private func variableRows(_ reference: String) -> Settings? {
            let text = ParameterCode.trim(reference)
            guard ParameterCode.isSingleGTMReference(text) else { return nil }
            let name = String(text.dropFirst(2).dropLast(2))
            guard let index = context.graph.variableIndexByName[name] else { return nil }
            let variable = context.container.variables[index]
            guard variable.type == "gtes" else { return nil }
            var settings = Settings()
            Self.apply(variable.parameters[key: "eventSettingsTable"], name: "parameter", value: "parameterValue", to: &settings) { "\($0) (variable \"\(variable.name)\")" }
            return settings
        }

        /// Sets the GA4 fields a table's rows set (by their `name` and `value` cells, read like
        /// `Parameter.tableRows`), in order, with the origin `origin` gives a row name.
        private static func apply(_ table: Parameter?, name: String, value: String, to settings: inout Settings, origin: (String) -> String) {
            for row in table?.list ?? [] {
                // GA4 reads its row names exactly, and they are the fields' raw values.
                guard let rowName = cell(name, of: row), let field = Field(rawValue: ParameterCode.trim(rowName)) else { continue }
                settings[field] = Setting(raw: cell(value, of: row) ?? "", origin: origin(rowName), isCode: false)
            }
        }

        /// A table row's cell as `Parameter.tableRows` reads it: the last with the key, an absent value empty.
        private static func cell(_ key: String, of row: Parameter) -> String? {
            row.map.last { $0.key == key }.map { $0.value ?? "" }
        }
    }

    /// Reads built-in and template tags' fields: top-level keys and table rows by their usual
    /// names. The tags of one template share their keys and row names, so what each means is
    /// worked out once.
    struct TemplateFieldReader {
        /// What a parameter key means.
        private struct Key {
            /// The field a plain parameter with this key sets.
            var field: Field?
            /// Whether a list with this key never holds event data.
            var isIgnoredList: Bool
            /// The key's position in `dataSourceSwitches`, if it is one.
            var dataSourceSwitch: Int?
        }

        /// The cells of a table row that name a field, and that hold its value, by preference.
        private static let rowNameKeys = ["name", "parameter", "key", "fieldName"]
        private static let rowValueKeys = ["value", "parameterValue"]

        private var keys: [String: Key] = [:]
        /// The field a table row sets, by row name.
        private var rowNames: [String: Field?] = [:]

        /// The fields a tag with these parameters sets.
        mutating func fields(of parameters: [Parameter]) -> Fields {
            var fields = Fields()
            // A switch is read from the first parameter with its key, as `[Parameter].value(_:)` does.
            var switchesSeen = 0
            var readsDataSource = false
            for parameter in parameters {
                guard let key = parameter.key else { continue }
                let meaning = self.meaning(of: key)
                if let position = meaning.dataSourceSwitch, switchesSeen & 1 << position == 0 {
                    switchesSeen |= 1 << position
                    if parameter.value == "true" { readsDataSource = true }
                }
                if parameter.list.isEmpty, parameter.map.isEmpty, let field = meaning.field {
                    if fields.explicit[field] == nil { fields.explicit[field] = Setting(raw: parameter.value ?? "", origin: key, isCode: false) }
                    continue
                }
                guard parameter.type == .list, !meaning.isIgnoredList else { continue }
                for row in parameter.list where row.type == .map {
                    guard let name = Self.rowNameKeys.lazy.compactMap({ row[mapKey: $0]?.value }).first,
                          let field = self.field(ofRow: name), fields.explicit[field] == nil
                    else { continue }
                    let value = Self.rowValueKeys.lazy.compactMap { row[mapKey: $0] }.first
                    fields.explicit[field] = Setting(raw: value?.value ?? "", origin: name, isCode: false)
                }
            }
            if readsDataSource {
                fields.inheritAll([.value, .currency, .transactionId, .items])
            }
            return fields
        }

        private mutating func meaning(of key: String) -> Key {
            if let known = keys[key] { return known }
            let lower = key.lowercased()
            let isIgnoredList: Bool
            if lower.utf8.allSatisfy({ $0 < 0x80 }) {
                // One character per byte, and `lowercased()` left no upper-case letter for
                // `SearchableText` to change: its byte search finds what `contains` would.
                let searchable = SearchableText(lower)
                isIgnoredList = ignoredListWords.contains { searchable.contains($0) }
            } else {
                isIgnoredList = ignoredListWords.contains { lower.contains($0) }
            }
            let meaning = Key(field: aliases[lower], isIgnoredList: isIgnoredList, dataSourceSwitch: dataSourceSwitches.firstIndex(of: key))
            keys[key] = meaning
            return meaning
        }

        private mutating func field(ofRow name: String) -> Field? {
            if let known = rowNames[name] { return known }
            let field = aliases[ParameterCode.trim(name).lowercased()]
            rowNames[name] = field
            return field
        }
    }

    /// An event call in Custom HTML as the rules read it: the call, its canonical event and the
    /// fields its data and options objects set.
    struct CodeCall: Sendable {
        let call: ParameterCode.EventCall
        /// `call.name`, canonical for its destination.
        let event: String
        let fields: Fields

        init(_ call: ParameterCode.EventCall) {
            self.call = call
            event = EventNames.canonical(call.name, for: call.destination)
            fields = ParameterFacts.fields(of: call)
        }
    }

    /// Custom HTML: the fields of the calls that send `event` (any event when nil) to `destination`;
    /// an earlier call's setting wins.
    static func htmlFields(_ calls: [CodeCall], event: String?, destination: Destination?) -> Fields {
        var fields = Fields()
        for code in calls where destination == nil || code.call.destination == destination || code.call.destination == .ga4 && destination == .googleAds {
            if let event, code.event != event, code.event != "conversion" { continue }
            fields.explicit.add(code.fields.explicit)
            fields.inherited.formUnion(code.fields.inherited)
        }
        return fields
    }

    /// The fields one call's data and options objects set; an earlier key's setting wins.
    private static func fields(of call: ParameterCode.EventCall) -> Fields {
        var fields = Fields()
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
        return fields
    }

    /// What a setting's text is. Code values are JavaScript: quoted strings are literals, bare
    /// numbers are literals, anything else is computed at run time.
    static func kind(of raw: String, isCode: Bool) -> ValueKind {
        var text = ParameterCode.trim(raw)
        if isCode {
            if text.count >= 2, let q = text.first, q == "'" || q == "\"" || q == "`", text.last == q {
                text = ParameterCode.trim(text.dropFirst().dropLast())
            } else if ParameterCode.containsReference(text) {
                // `{{DLV - value}}` pasted bare: the variable's value becomes the expression.
            } else if text == "null" || text == "undefined" || text.isEmpty {
                return .empty
            } else if Double(text) == nil {
                return .expression
            }
        }
        if text.isEmpty { return .empty }
        if ParameterCode.containsReference(text) {
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
    /// - Parameter dataTagTypes: whether a template type is the Data Tag, by type, filled as types are met.
    static func destination(ofTag index: Int, in analysis: ContainerAnalysis, dataTagTypes: inout [String: Bool]) -> Destination? {
        let destination = analysis.tagProfiles[index].destination
        let type = analysis.container.tags[index].type
        guard type.hasPrefix("cvt_"), let destination, destination != .serverContainer else { return destination }
        if analysis.container.tags[index].parameters[key: "gtm_server_domain"] != nil { return .serverContainer }
        let isDataTag: Bool
        if let known = dataTagTypes[type] {
            isDataTag = known
        } else {
            isDataTag = analysis.graph.template(forType: type, in: analysis.container)?.galleryRepository?.lowercased() == "data-tag"
            dataTagTypes[type] = isDataTag
        }
        return isDataTag ? .serverContainer : destination
    }

    /// Whether tag `index` measures conversions for its destination: a measurement tag of a
    /// destination that receives business events, and for Google Ads a conversion (not
    /// remarketing, user data or the linker).
    /// - Parameter destination: ``destination(ofTag:in:dataTagTypes:)``.
    static func sendsConversions(_ index: Int, destination: Destination?, in analysis: ContainerAnalysis) -> Bool {
        let profile = analysis.tagProfiles[index]
        guard profile.role == .measurement, let destination, !AlignmentRules.nonConversionDestinations.contains(destination)
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

    /// The keys a template or other built-in type's account is read from: an Ads conversion, else the account keys.
    private static let templateAccountKeys = ["conversionId", "conversionLabel"] + accountKeys

    /// What `parameters.value(key)` gives for each of `keys`, in one pass over the parameters.
    private static func values(_ keys: [String], in parameters: [Parameter]) -> [String?] {
        var values = [String?](repeating: nil, count: keys.count)
        var found = [Bool](repeating: false, count: keys.count)
        for parameter in parameters {
            guard let key = parameter.key, let k = keys.firstIndex(of: key), !found[k] else { continue }
            found[k] = true
            values[k] = parameter.value
        }
        return values
    }

    /// The account (property, conversion action, pixel) a tag sends to, as comparable text, and
    /// whether the tag names one at all (a template without an id parameter does not).
    /// - Parameter codeAccountIds: the ids a Custom HTML tag's code names (``TagFacts/codeAccountIds``).
    static func account(ofTag index: Int, codeAccountIds: [String], in context: ScoringContext) -> (key: String, isIdentified: Bool) {
        let type = context.container.tags[index].type
        let params = context.container.tags[index].parameters
        func clean(_ s: String?) -> String { ParameterCode.trim(s ?? "").uppercased() }
        func keyed(_ prefix: String, _ id: String) -> (key: String, isIdentified: Bool) { (prefix + id, !id.isEmpty) }
        switch type {
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
            let values = Self.values(templateAccountKeys, in: params)
            if let conversionId = values[0] {
                // Conversion, remarketing and user-data hits to one Ads account are different hits.
                return keyed("ads:\(type):", clean(conversionId) + "/" + clean(values[1]))
            }
            var ids: [String] = []
            for value in values.dropFirst(2) {
                if let value, !ParameterCode.trim(value).isEmpty { ids.append(clean(value)) }
            }
            ids += codeAccountIds.map { clean($0) }
            return keyed(type + ":", ids.joined(separator: ","))
        }
    }
}

extension ParameterFacts {
    /// What the `parameters`, `dedup` and `alignment` rules read from every tag, computed once per
    /// scoring (see ``SharedFacts``): where it sends, which events, and the fields it sends.
    struct TagFacts: Sendable {
        /// Parallel to `container.tags`: ``ParameterFacts/destination(ofTag:in:dataTagTypes:)``.
        let destinations: [Destination?]
        /// Parallel to `container.tags`: ``ParameterFacts/events(ofTag:in:)``.
        let events: [(names: [String], isOpenEnded: Bool)]
        /// Parallel to `container.tags`: ``ParameterFacts/sendsConversions(_:destination:in:)``.
        let sendsConversions: [Bool]
        /// Parallel to `container.tags`: where each tag's fields come from.
        private let sources: [FieldSource]
        private let isServer: Bool

        private enum FieldSource: Sendable {
            /// Fields that do not depend on the event: GA4 event tags and server Google tags.
            case fixed(Fields)
            /// A built-in or template tag's own fields (``ParameterFacts/TemplateFieldReader``).
            case template(Fields)
            /// Custom HTML: the event calls in its code, and the account ids the code names.
            case code(calls: [CodeCall], accountIds: [String])
        }

        /// The facts of `context`'s container, computed by the first rule that asks.
        static func of(_ context: ScoringContext) -> TagFacts {
            context.shared.value(TagFacts.self) { TagFacts(context) }
        }

        private init(_ context: ScoringContext) {
            let analysis = context.analysis
            let tags = context.container.tags
            isServer = context.container.isServer
            var dataTagTypes: [String: Bool] = [:]
            let destinations = tags.indices.map { ParameterFacts.destination(ofTag: $0, in: analysis, dataTagTypes: &dataTagTypes) }
            self.destinations = destinations
            events = tags.indices.map { ParameterFacts.events(ofTag: $0, in: analysis) }
            sendsConversions = tags.indices.map { ParameterFacts.sendsConversions($0, destination: destinations[$0], in: analysis) }

            var ga4 = GA4FieldReader(context)
            var template = TemplateFieldReader()
            sources = tags.indices.map { index in
                let parameters = tags[index].parameters
                switch tags[index].type {
                case "gaawe":
                    return .fixed(ga4.fields(of: parameters))
                case "sgtmadsct", "sgtmgaaw", "sgtmadsremarket":
                    var fields = Fields()
                    fields.inheritAll()
                    return .fixed(fields)
                case "html":
                    let calls = ParameterCode.calls(in: parameters.value("html") ?? "", callees: ParameterCode.htmlCallees)
                    return .code(calls: ParameterCode.eventCalls(among: calls).map(CodeCall.init), accountIds: ParameterCode.accountIds(among: calls))
                default:
                    return .template(template.fields(of: parameters))
                }
            }
        }

        /// The fields tag `index` sends with `event` (canonical), or with any event when nil.
        func fields(ofTag index: Int, event: String?) -> Fields {
            switch sources[index] {
            case .fixed(let fields):
                return fields
            case .template(var fields):
                // A server container's tags also send the incoming event's data.
                if isServer { fields.inheritAll() }
                return fields
            case .code(let calls, _):
                return ParameterFacts.htmlFields(calls, event: event, destination: destinations[index])
            }
        }

        /// The fields a built-in or template tag sets itself, ignoring what a server container adds.
        func templateFields(ofTag index: Int, in context: ScoringContext) -> Fields {
            if case .template(let fields) = sources[index] { return fields }
            var reader = TemplateFieldReader()
            return reader.fields(of: context.container.tags[index].parameters)
        }

        /// The event-sending calls in a Custom HTML tag's code; none for other tags.
        func eventCalls(ofTag index: Int) -> [CodeCall] {
            if case .code(let calls, _) = sources[index] { return calls }
            return []
        }

        /// The account ids a Custom HTML tag's code names; none for other tags.
        func codeAccountIds(ofTag index: Int) -> [String] {
            if case .code(_, let ids) = sources[index] { return ids }
            return []
        }
    }
}

extension String {
    /// `1,5` → `1.5`, for reading decimal numbers written with a comma.
    fileprivate func replacingComma() -> String {
        guard utf8.contains(UInt8(ascii: ",")) else { return self }
        return String(map { $0 == "," ? "." : $0 })
    }
}
