public import GTMModel
import LosslessJSON

/// The field names that count as a purchase's value, currency and transaction id, in any tag.
public struct PurchaseFields: Sendable, Equatable {
    public var value: [String]
    public var currency: [String]
    public var transactionId: [String]

    /// Creates the value from its parts.
    public init(value: [String], currency: [String], transactionId: [String]) {
        self.value = value
        self.currency = currency
        self.transactionId = transactionId
    }

    /// GA4, Google Ads, Meta, TikTok, Awin and common template spellings.
    public static let standard = PurchaseFields(
        value: ["value", "conversionValue", "orderValue", "revenue", "order_value"],
        currency: ["currency", "currencyCode", "currency_code"],
        transactionId: ["transaction_id", "transactionId", "orderId", "order_id", "orderID", "orderRef", "order_ref"])
}

extension QAChecks {
    /// "Purchase reaches each configured destination exactly once with value, currency and
    /// transaction id": over one scenario run, each destination in `destinations` must receive
    /// exactly one `purchase`, and the tag sending it must carry each field defined and non-empty.
    /// A field set by code the simulator cannot run counts as present (it cannot be checked).
    public static func purchaseReachesDestinations(_ result: SimulationResult, destinations: [Destination],
                                                   fields: PurchaseFields = .standard) -> QAVerdict
    {
        var findings: [QAFinding] = []
        for destination in destinations {
            var sends: [(EventResult, FiredTag)] = []
            for event in result.events {
                for tag in event.fired where tag.sends.contains(SentEvent(destination: destination, event: "purchase")) {
                    sends.append((event, tag))
                }
            }
            guard !sends.isEmpty else {
                findings.append(QAFinding(message: "no tag sends purchase to \(destination.displayName)"))
                continue
            }
            if sends.count > 1 {
                let list = sends.map { "\($0.1.name) on \(place($0.0))" }.joined(separator: ", ")
                findings.append(QAFinding(message: "purchase reaches \(destination.displayName) \(sends.count) times: \(list)",
                                          event: sends[1].0.number, step: sends[1].0.step, tag: sends[1].1.name))
            }
            for (event, tag) in sends {
                let bag = TagFields(tag)
                for (label, names) in [("value", fields.value), ("currency", fields.currency), ("transaction id", fields.transactionId)] {
                    guard let problem = problem(label, bag.value(names)) else { continue }
                    findings.append(QAFinding(message: "\(tag.name) sends purchase to \(destination.displayName) on \(place(event)) \(problem)",
                                              event: event.number, step: event.step, tag: tag.name))
                }
            }
        }
        return QAVerdict(check: .purchaseReachesDestinations, scenario: result.scenario, findings: findings)
    }

    private static func problem(_ label: String, _ found: (name: String, value: PreviewValue)?) -> String? {
        guard let found else { return "without a \(label)" }
        switch found.value {
        case .undefined: return "with \(found.name) undefined"
        case .json(.null): return "with \(found.name) null"
        case .json(let json) where PreviewValue.javaScriptString(json).isEmpty: return "with \(found.name) empty"
        default: return nil
        }
    }
}
