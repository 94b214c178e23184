public import GTMModel
import LosslessJSON

/// What the client's ad accounts actually use: conversion events/actions with counts and values
/// (SPEC §8 phase 2). The `alignment` dimension weights coverage of these by value.
public struct AccountState: Sendable, Equatable {
    /// One conversion action or pixel event, e.g. Google Ads "Purchase" or Meta `Purchase`.
    public struct Conversion: Sendable, Equatable {
        public var destination: Destination
        /// Canonical event name.
        public var event: String
        /// The account's own name for it, for reports.
        public var name: String
        /// Conversions in the reporting window.
        public var count: Double
        /// Conversion value in the reporting window (account currency).
        public var value: Double

        public init(destination: Destination, event: String, name: String, count: Double, value: Double) {
            self.destination = destination
            self.event = event
            self.name = name
            self.count = count
            self.value = value
        }

        /// Importance for weighting: value when known, else count, never below 1.
        public var weight: Double { max(1, value > 0 ? value : count) }
    }

    public var conversions: [Conversion]

    public init(conversions: [Conversion]) { self.conversions = conversions }

    /// Reads `{"conversions": [{"destination": "google_ads", "event": "purchase", "name": "…",
    /// "count": 120, "value": 9800.5}, …]}`. `destination` also accepts `platform`.
    public static func parse(_ bytes: [UInt8], file: String) throws(ConfigurationError) -> AccountState {
        let json = try ConfigurationError.parse(bytes, file: file)
        guard case .object(let object) = json, let list = object["conversions"] else {
            throw ConfigurationError(file: file, path: .root, reason: "expected an object with a \"conversions\" array")
        }
        guard case .array(let items) = list else {
            throw ConfigurationError(file: file, path: .root.appending(key: "conversions"), reason: "expected an array, found \(list.kindDescription)")
        }
        var conversions: [Conversion] = []
        for (i, item) in items.enumerated() {
            let path = JSONPath.root.appending(key: "conversions").appending(index: i)
            guard case .object(let entry) = item else {
                throw ConfigurationError(file: file, path: path, reason: "expected an object, found \(item.kindDescription)")
            }
            guard let destinationName = (entry["destination"] ?? entry["platform"])?.stringValue,
                  let destination = Destination(rawValue: destinationName)
            else {
                let known = Destination.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(file: file, path: path.appending(key: "destination"), reason: "missing or unknown destination (known: \(known))")
            }
            guard let event = entry["event"]?.stringValue, !event.isEmpty else {
                throw ConfigurationError(file: file, path: path.appending(key: "event"), reason: "missing event name")
            }
            func number(_ key: String) throws(ConfigurationError) -> Double {
                guard let value = entry[key] else { return 0 }
                guard case .number(let n) = value, n.doubleValue.isFinite, n.doubleValue >= 0 else {
                    throw ConfigurationError(file: file, path: path.appending(key: key), reason: "expected a non-negative number, found \(value.kindDescription)")
                }
                return n.doubleValue
            }
            conversions.append(Conversion(destination: destination, event: EventNames.canonical(event, for: destination),
                                          name: entry["name"]?.stringValue ?? event, count: try number("count"), value: try number("value")))
        }
        return AccountState(conversions: conversions)
    }
}
