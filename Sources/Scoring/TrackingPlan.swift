public import GTMModel
import LosslessJSON

/// The events a client needs measured, and optionally where they must arrive.
public struct TrackingPlan: Sendable, Equatable {
    /// A label for reports ("GA4 ecommerce funnel (default)").
    public var name: String
    /// Canonical event names (`purchase`, `generate_lead`, …).
    public var events: [String]
    /// Destinations every business event should reach; empty means "those the container uses".
    public var destinations: [Destination]

    public init(name: String, events: [String], destinations: [Destination] = []) {
        self.name = name
        self.events = events
        self.destinations = destinations
    }

    /// The default plan: the GA4 ecommerce funnel.
    public static let ecommerceFunnel = TrackingPlan(name: "GA4 ecommerce funnel (default)", events: EventNames.ecommerceFunnel)

    /// Reads `{"name": "…", "events": ["purchase", …], "destinations": ["ga4", "meta"]}` or a bare
    /// array of event names. Event names are canonicalised (`Purchase` → `purchase`).
    public static func parse(_ bytes: [UInt8], file: String) throws(ConfigurationError) -> TrackingPlan {
        let json = try ConfigurationError.parse(bytes, file: file)
        var name = file
        var eventsValue = json
        var eventsPath = JSONPath.root
        var destinations: [Destination] = []
        if case .object(let object) = json {
            if let n = object["name"] {
                guard let s = n.stringValue else { throw ConfigurationError(file: file, path: .root.appending(key: "name"), reason: "expected a string, found \(n.kindDescription)") }
                name = s
            }
            guard let events = object["events"] else {
                throw ConfigurationError(file: file, path: .root, reason: "missing \"events\": the list of event names to cover")
            }
            eventsValue = events
            eventsPath = .root.appending(key: "events")
            if let list = object["destinations"] {
                guard case .array(let items) = list else {
                    throw ConfigurationError(file: file, path: .root.appending(key: "destinations"), reason: "expected an array, found \(list.kindDescription)")
                }
                for (i, item) in items.enumerated() {
                    guard let s = item.stringValue, let d = Destination(rawValue: s) else {
                        let known = Destination.allCases.map(\.rawValue).joined(separator: ", ")
                        throw ConfigurationError(file: file, path: .root.appending(key: "destinations").appending(index: i), reason: "unknown destination (known: \(known))")
                    }
                    destinations.append(d)
                }
            }
        }
        guard case .array(let items) = eventsValue else {
            throw ConfigurationError(file: file, path: eventsPath, reason: "expected an array of event names, found \(eventsValue.kindDescription)")
        }
        var events: [String] = []
        for (i, item) in items.enumerated() {
            guard let s = item.stringValue, !s.isEmpty else {
                throw ConfigurationError(file: file, path: eventsPath.appending(index: i), reason: "expected a non-empty event name")
            }
            let canonical = EventNames.canonical(s)
            if !events.contains(canonical) { events.append(canonical) }
        }
        return TrackingPlan(name: name, events: events, destinations: destinations)
    }
}
