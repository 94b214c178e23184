extension QAChecks {
    /// "No undefined parameter values": flags every parameter of a fired tag that references a
    /// variable resolving to undefined (a data-layer key that is not set and has no default, a
    /// missing cookie, …) or a variable the container does not define, and every GA4 event tag
    /// that sends ecommerce data with no `ecommerce` object. Values the simulator cannot
    /// evaluate are not findings. Each (tag, parameter, variable) is reported once, at its first event.
    public static func noUndefinedParameters(_ result: SimulationResult) -> QAVerdict {
        var findings: [QAFinding] = []
        var seen = Set<String>()
        for event in result.events {
            for tag in event.fired {
                for diagnostic in tag.diagnostics where diagnostic.kind != .notEvaluable {
                    guard seen.insert("\(tag.tagId)\u{1}\(tag.name)\u{1}\(diagnostic.parameter)\u{1}\(diagnostic.variable)").inserted else { continue }
                    let what = diagnostic.kind == .unknownVariable ? "is not a variable of the container" : "is undefined"
                    findings.append(QAFinding(
                        message: "\(tag.name) on \(place(event)): \(diagnostic.parameter) uses {{\(diagnostic.variable)}}, which \(what) (\(diagnostic.detail))",
                        event: event.number, step: event.step, tag: tag.name))
                }
                if tag.ecommerce?.isUndefined == true, seen.insert("\(tag.tagId)\u{1}\(tag.name)\u{1}ecommerce").inserted {
                    findings.append(QAFinding(
                        message: "\(tag.name) on \(place(event)) sends ecommerce data but the data layer has no ecommerce object",
                        event: event.number, step: event.step, tag: tag.name))
                }
            }
        }
        return QAVerdict(check: .noUndefinedParameters, scenario: result.scenario, findings: findings)
    }
}
