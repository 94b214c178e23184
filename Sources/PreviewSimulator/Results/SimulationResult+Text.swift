import GTMModel
import LosslessJSON

extension SimulationResult {
    /// A readable report: each event with the tags that fired (and what they sent), the tags
    /// held back and why, and optionally every resolved parameter.
    public func renderText(includeParameters: Bool = false) -> String {
        var lines = ["Scenario \(scenario) on \(container.isEmpty ? "container" : container): \(events.count) events"]
        for event in events {
            var header = "#\(event.number) step \(event.step) \(event.event)"
            if event.kind != .custom { header += " (\(event.kind.rawValue))" }
            if !event.pageURL.isEmpty { header += " " + event.pageURL }
            lines.append(header)
            if event.kind == .consentDefault || event.kind == .consentUpdate {
                let state = event.consent.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }
                lines.append("    consent: " + (state.isEmpty ? "(none set)" : state.joined(separator: ", ")))
                continue
            }
            for tag in event.fired {
                var line = "    fired   \(tag.name) [\(tag.type)]"
                if let setup = tag.setupFor { line += " as setup of \(setup)" }
                if let teardown = tag.teardownFor { line += " as teardown of \(teardown)" }
                if !tag.sends.isEmpty { line += " → " + tag.sends.map { "\($0.destination.rawValue) \($0.event)" }.joined(separator: ", ") }
                if !tag.consentModeDenied.isEmpty { line += " (consent mode: \(tag.consentModeDenied.joined(separator: ", ")) denied)" }
                lines.append(line)
                if includeParameters {
                    for entry in tag.parameters.entries { lines.append("        \(entry.key): \(SimulationResult.text(entry.parameter))") }
                    if let ecommerce = tag.ecommerce { lines.append("        (ecommerce): \(SimulationResult.text(.value(ecommerce)))") }
                }
                for diagnostic in tag.diagnostics {
                    lines.append("        ! \(diagnostic.parameter): {{\(diagnostic.variable)}} \(diagnostic.kind.rawValue): \(diagnostic.detail)")
                }
            }
            for tag in event.blocked { lines.append("    blocked \(tag.name): \(tag.detail)") }
            for trigger in event.undecidedTriggers { lines.append("    undecided trigger \(trigger)") }
        }
        for step in skippedSteps { lines.append("step \(step.step) produced no event: \(step.reason)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A resolved parameter as compact JSON text (long values cut at 200 characters).
    static func text(_ parameter: ResolvedParameter) -> String {
        let json: JSONValue
        switch parameter {
        case .value(let value): json = value.markedJSON
        default: json = SimulationResult.json(parameter)
        }
        let text = json.stringValue ?? JSONWriter(layout: .compact, sortedKeys: false).string(of: json)
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 200 ? String(flat.prefix(200)) + "…" : flat
    }

    static func json(_ parameter: ResolvedParameter) -> JSONValue {
        switch parameter {
        case .value(let value): value.markedJSON
        case .list(let items): .array(items.map(json))
        case .map(let map): .object(JSONObject(map.entries.map { .init(key: $0.key, value: json($0.parameter)) }))
        }
    }
}
