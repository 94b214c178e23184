import GTMModel

/// Rules of the `parameters` dimension: each tag type and event carries the parameters its
/// destination needs, and money and identifiers come from variables, not literals.
enum ParameterRules {
    static let all: [any Rule] = [
        GA4MeasurementIdMissing(), GA4EventNameMissing(), GA4EcommerceFields(), AdsConversionFields(),
        MetaPurchaseFields(), HardcodedValue(), CurrencyNotISO(),
    ]

    /// Fields GA4 needs per ecommerce event (developers.google.com/analytics/devguides/collection/ga4/reference/events).
    static let ga4Requirements: [String: [ParameterFacts.Field]] = [
        "purchase": [.transactionId, .value, .currency, .items],
        "refund": [.transactionId, .value, .currency, .items],
        "add_to_cart": [.currency, .value, .items], "remove_from_cart": [.currency, .value, .items],
        "begin_checkout": [.currency, .value, .items], "add_payment_info": [.currency, .value, .items],
        "add_shipping_info": [.currency, .value, .items], "view_item": [.currency, .value, .items],
        "view_cart": [.currency, .value, .items],
        "view_item_list": [.items], "select_item": [.items],
    ]

    /// Events whose value differs per order or cart, so a fixed number cannot be right.
    static let perOrderEvents: Set<String> = ["purchase", "refund", "add_to_cart", "remove_from_cart", "begin_checkout",
                                              "add_payment_info", "add_shipping_info", "view_cart"]

    struct GA4MeasurementIdMissing: Rule {
        let descriptor = RuleDescriptor(
            "ga4_measurement_id_missing", .parameters, .error,
            title: "A GA4 event tag or Google tag has no usable measurement / tag id",
            rationale: "A GA4 event tag sends to the measurement id in `measurementIdOverride` (or, in older exports, to the configuration tag named by `measurementId`); a Google tag loads the id in `tagId`. Without one, or with a placeholder such as `AW-0` or `G-XXXXXXX`, the tag sends nothing anywhere, or to a property that does not exist, while looking configured in the GTM interface.",
            hint: "Set the measurement id (G-…) or tag id, preferably through one constant variable used by every Google tag and GA4 event tag.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let tags = context.container.tags
            for index in tags.indices {
                let type = tags[index].type
                guard type == "gaawe" || type == "googtag" || type == "gaawc" else { continue }
                let tag = tags[index]
                let params = tag.parameters
                switch type {
                case "gaawe":
                    let override = ParameterCode.trim(params.value("measurementIdOverride") ?? "")
                    if !override.isEmpty {
                        results.check(GA4MeasurementIdMissing.isUsable(override), tag.reference,
                                      "GA4 event tag \"\(tag.name)\" sends to the placeholder or malformed measurement id \"\(override)\".",
                                      ref: "measurementIdOverride")
                    } else if let reference = params[key: "measurementId"], let value = reference.value, !ParameterCode.trim(value).isEmpty {
                        if reference.type == .tagReference, context.graph.tagIndexByName[value] == nil {
                            results.fail(tag.reference, "GA4 event tag \"\(tag.name)\" takes its measurement id from the configuration tag \"\(value)\", which does not exist.", ref: value)
                        } else {
                            results.pass()
                        }
                    } else {
                        results.fail(tag.reference, "GA4 event tag \"\(tag.name)\" has no measurement id (neither measurementIdOverride nor measurementId).", ref: "measurementIdOverride")
                    }
                case "googtag", "gaawc":
                    let key = tag.type == "googtag" ? "tagId" : "measurementId"
                    let id = ParameterCode.trim(params.value(key) ?? "")
                    if id.isEmpty {
                        results.fail(tag.reference, "Google tag \"\(tag.name)\" has no \(key).", ref: key)
                    } else if !GA4MeasurementIdMissing.isUsable(id) {
                        results.fail(tag.reference, "Google tag \"\(tag.name)\" has the placeholder or malformed \(key) \"\(id)\".", ref: key)
                    } else {
                        results.pass()
                    }
                default:
                    continue
                }
            }
        }

        /// A variable, or `G-`/`AW-`/`DC-`/`GT-` followed by an id that is not all zeros or Xs.
        static func isUsable(_ id: String) -> Bool {
            if ParameterCode.containsReference(id) { return true }
            let upper = id.uppercased()
            guard let dash = upper.firstIndex(of: "-") else { return false }
            let prefix = upper[..<dash], body = upper[upper.index(after: dash)...]
            guard ["G", "AW", "DC", "GT"].contains(String(prefix)), body.count >= 4 else { return false }
            guard body.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return false }
            return !body.allSatisfy { $0 == "0" || $0 == "X" || $0 == "-" }
        }
    }

    struct GA4EventNameMissing: Rule {
        let descriptor = RuleDescriptor(
            "ga4_event_name_missing", .parameters, .error,
            title: "A GA4 event tag has no event name",
            rationale: "The event name is what GA4 records; a GA4 event tag without one is rejected by GTM at publish time or sends an unnamed hit that GA4 discards. It usually means a tag was created from a copy and never finished.",
            hint: "Set eventName to the GA4 event (a recommended name such as purchase, or a snake_case custom name), or to a variable that holds it.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let tags = context.container.tags
            for index in tags.indices where tags[index].type == "gaawe" {
                let tag = tags[index]
                let name = ParameterCode.trim(tag.parameters.value("eventName") ?? "")
                results.check(!name.isEmpty, tag.reference, "GA4 event tag \"\(tag.name)\" has no event name.", ref: "eventName")
            }
        }
    }

    struct GA4EcommerceFields: Rule {
        let descriptor = RuleDescriptor(
            "ga4_ecommerce_fields", .parameters, .error,
            title: "A GA4 ecommerce event lacks fields GA4 requires for it",
            rationale: "GA4 fills its monetisation reports only from ecommerce events that carry the documented fields: a purchase or refund needs transaction_id, value, currency and items; cart, checkout and item views need currency, value and items; item lists and selections need items. Without them revenue is zero or missing, items are not reported, and purchases cannot be deduplicated. Fields count as present when set in the tag's event parameters, in its event-settings variable or Google tag, or when the tag sends the data layer's ecommerce object.",
            hint: "Add the missing event parameters as {{variables}} reading the data layer's ecommerce object, or turn on \"Send Ecommerce data\" with the data layer as source.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let facts = ParameterFacts.TagFacts.of(context)
            let tags = context.container.tags
            for index in tags.indices where tags[index].type == "gaawe" {
                guard let event = context.analysis.tagProfiles[index].declaredEvents.first, let required = ParameterRules.ga4Requirements[event] else { continue }
                let fields = facts.fields(ofTag: index, event: event)
                let missing = required.filter { !fields.provides($0) }.sorted().map(\.rawValue)
                let tag = tags[index]
                results.check(missing.isEmpty, tag.reference,
                              "GA4 \(event) tag \"\(tag.name)\" does not send \(missing.joined(separator: ", ")).",
                              ref: missing.joined(separator: ","))
            }
        }
    }

    struct AdsConversionFields: Rule {
        let descriptor = RuleDescriptor(
            "ads_conversion_fields", .parameters, .error,
            title: "A Google Ads conversion tag lacks its conversion id or label, or sends a value without a currency",
            rationale: "A Google Ads conversion is identified by its conversion id and label together; with either missing, Ads records nothing (or records the conversion against the wrong action). A conversion value without a currency code is read in the account's currency, so a shop selling in several currencies reports wrong revenue and value-based bidding optimises on it.",
            hint: "Copy the conversion id and label from the Ads conversion action; when sending a value, also set currencyCode (a {{variable}} or the ISO code).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let facts = ParameterFacts.TagFacts.of(context)
            let tags = context.container.tags
            for index in tags.indices where ParameterFacts.adsConversionTypes.contains(tags[index].type) {
                let tag = tags[index]
                let params = tag.parameters
                var problems: [String] = [], refs: [String] = []
                for key in ["conversionId", "conversionLabel"] where ParameterCode.trim(params.value(key) ?? "").isEmpty {
                    problems.append("no \(key)")
                    refs.append(key)
                }
                if tag.type == "awct" {
                    let fields = facts.templateFields(ofTag: index, in: context)
                    if fields.provides(.value), !fields.provides(.currency) {
                        problems.append("a conversion value without a currency code")
                        refs.append("currencyCode")
                    }
                }
                results.check(problems.isEmpty, tag.reference,
                              "Google Ads conversion tag \"\(tag.name)\" has \(problems.joined(separator: " and ")).",
                              ref: refs.joined(separator: ","))
            }
        }
    }

    struct MetaPurchaseFields: Rule {
        let descriptor = RuleDescriptor(
            "meta_purchase_fields", .parameters, .error,
            title: "A Meta Purchase event is sent without value and currency",
            rationale: "Meta requires value and currency on Purchase events: without them the event is flagged in Events Manager, purchase ROAS cannot be reported, and value optimisation has nothing to optimise. In Custom HTML the fields belong in the fbq('track', 'Purchase', {…}) object; in a template, in its object properties (or the template must read them from the data layer). Server-side CAPI tags are not judged: they take value and currency from the incoming event data.",
            hint: "Add value and currency to the Purchase event, as {{variables}} reading the order total and currency from the data layer.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard !context.container.isServer else { return }
            let facts = ParameterFacts.TagFacts.of(context)
            let analysis = context.analysis
            for index in analysis.container.tags.indices where facts.destinations[index] == .meta && analysis.tagProfiles[index].role == .measurement {
                guard analysis.tagEvents[index].names.contains("purchase") else { continue }
                let fields = facts.fields(ofTag: index, event: "purchase")
                let missing = [ParameterFacts.Field.value, .currency].filter { !fields.provides($0) }.map(\.rawValue)
                let tag = analysis.container.tags[index]
                results.check(missing.isEmpty, tag.reference,
                              "Meta tag \"\(tag.name)\" sends Purchase without \(missing.joined(separator: " and ")).",
                              ref: missing.joined(separator: ","))
            }
        }
    }

    struct HardcodedValue: Rule {
        let descriptor = RuleDescriptor(
            "hardcoded_value", .parameters, .warning,
            title: "A conversion value or transaction id is a literal (0, empty, or a fixed number) where a variable belongs",
            rationale: "Values and transaction ids differ per order. A literal 0 or an empty value reports every conversion as worthless and teaches value-based bidding that it is; a fixed number on a purchase or cart event reports the same revenue for every order; a fixed transaction id makes GA4 and Google Ads treat every purchase after the first as a duplicate. These are usually test values that were never replaced.",
            hint: "Replace the literal with a {{variable}} that reads the order's value or id from the data layer (for example a Data Layer Variable for ecommerce.value or ecommerce.transaction_id).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let facts = ParameterFacts.TagFacts.of(context)
            let analysis = context.analysis
            let tags = analysis.container.tags
            for index in tags.indices where analysis.tagProfiles[index].role == .measurement {
                guard let destination = facts.destinations[index], destination != .otherVendor, destination != .serverContainer else { continue }
                let isAdsConversion = tags[index].type == "awct"
                let events = facts.events[index].names
                let monetary = events.filter { EventNames.monetary.contains($0) }
                guard isAdsConversion || !monetary.isEmpty else { continue }
                // The first per-order event in alphabetical order, else the first monetary one.
                let perOrder = monetary.lazy.filter { ParameterRules.perOrderEvents.contains($0) }.min()
                let event = perOrder ?? monetary.min()
                let fields = facts.fields(ofTag: index, event: event)
                let eventText = { event.map { " on \($0)" } ?? "" }

                if let setting = fields.explicit[.value] {
                    switch setting.kind {
                    case .zero, .empty:
                        let tag = tags[index]
                        results.fail(tag.reference, "Tag \"\(tag.name)\" sets \(setting.origin) to \(HardcodedValue.describe(setting))\(eventText()); every conversion is reported as worth nothing.", ref: setting.origin)
                    case .number where perOrder != nil:
                        let tag = tags[index]
                        results.fail(tag.reference, "Tag \"\(tag.name)\" sets \(setting.origin) to the fixed number \(ParameterCode.trim(setting.raw))\(eventText()); every order reports the same value.", ref: setting.origin)
                    default:
                        results.pass()
                    }
                }
                if let purchase = events.lazy.filter({ $0 == "purchase" || $0 == "refund" }).min(), let setting = fields.explicit[.transactionId] {
                    if setting.kind.isLiteral {
                        let tag = tags[index]
                        results.fail(tag.reference, "Tag \"\(tag.name)\" sets \(setting.origin) to \(HardcodedValue.describe(setting)) on \(purchase); every order after the first is treated as a duplicate.", ref: setting.origin)
                    } else {
                        results.pass()
                    }
                }
            }
        }

        static func describe(_ setting: ParameterFacts.Setting) -> String {
            let text = ParameterCode.trim(setting.raw)
            return text.isEmpty ? "an empty value" : "the literal \(text)"
        }
    }

    struct CurrencyNotISO: Rule {
        let descriptor = RuleDescriptor(
            "currency_not_iso", .parameters, .warning,
            title: "A literal currency is not an ISO 4217 code",
            rationale: "GA4, Google Ads and Meta accept currencies only as three-letter ISO 4217 codes in upper case (EUR, USD). A symbol, a lower-case code or a name (€, eur, Euro) is rejected or ignored, so the event's value is dropped or read in the account's default currency.",
            hint: "Write the currency as its three-letter upper-case ISO code, or use a {{variable}} that reads it from the data layer.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let facts = ParameterFacts.TagFacts.of(context)
            let analysis = context.analysis
            for index in analysis.container.tags.indices where analysis.tagProfiles[index].role == .measurement {
                guard let destination = facts.destinations[index], destination != .otherVendor, destination != .serverContainer else { continue }
                let fields = facts.fields(ofTag: index, event: nil)
                guard let setting = fields.explicit[.currency], setting.kind == .text || setting.kind == .number || setting.kind == .zero else { continue }
                var text = ParameterCode.trim(setting.raw)
                if setting.isCode, text.count >= 2 { text = String(text.dropFirst().dropLast()) }
                let isISO = text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase }
                let tag = analysis.container.tags[index]
                results.check(isISO, tag.reference,
                              "Tag \"\(tag.name)\" sets \(setting.origin) to \"\(text)\", which is not a three-letter ISO currency code.",
                              ref: setting.origin)
            }
        }
    }
}
