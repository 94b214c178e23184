import GTMModel

/// The event fields the parameter, dedup and alignment rules ask for, with the names GA4,
/// Google Ads and vendor templates give them (the scorer's own aliases).
enum EventField: String, CaseIterable, Sendable {
    case transactionId = "transaction_id", value, currency, items, eventId = "event_id"

    /// Parameter keys and row names that hold this field (lower-cased).
    var aliases: Set<String> {
        switch self {
        case .value: ["value", "conversionvalue", "ordervalue", "revenue"]
        case .currency: ["currency", "currencycode", "currency_code"]
        case .transactionId: ["transaction_id", "transactionid", "order_id", "orderid", "orderref"]
        case .items: ["items"]
        case .eventId: ["event_id", "eventid"]
        }
    }

    /// The field a parameter key or row name holds.
    static func named(_ name: String) -> EventField? {
        let key = name.trimmed.lowercased()
        return allCases.first { $0.aliases.contains(key) }
    }

    /// The Google Ads conversion tag (`awct`) parameter for this field.
    var adsKey: String? {
        switch self {
        case .value: "conversionValue"
        case .currency: "currencyCode"
        case .transactionId: "orderId"
        case .items, .eventId: nil
        }
    }

    /// The data-layer key a new Data Layer Variable reads (GA4's ecommerce object).
    var dataLayerKey: String {
        self == .eventId ? "event_id" : "ecommerce.\(rawValue)"
    }

    /// Whether a data-layer key path reads this field (`ecommerce.currency`, `ecommerce.purchase.actionField.revenue`).
    func isRead(byDataLayerKey key: String) -> Bool {
        let lower = key.trimmed.lowercased()
        let last = String(lower.split(separator: ".").last ?? "").filter { $0 != "_" }
        switch self {
        case .value: return ["value", "revenue"].contains(last)
        case .currency: return ["currency", "currencycode"].contains(last)
        case .transactionId: return ["transactionid", "orderid"].contains(last) || lower.hasSuffix("actionfield.id")
        case .items: return ["items", "products"].contains(last)
        case .eventId: return last == "eventid"
        }
    }
}
