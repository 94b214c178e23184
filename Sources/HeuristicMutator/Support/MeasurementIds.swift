import GTMModel

/// Destination ids (`G-…`, `AW-…`, `DC-…`) the container already uses, so a fixer can point a tag
/// at the property the container measures into, and never invents one.
enum MeasurementIds {
    /// A variable, or `G-`/`AW-`/`DC-`/`GT-` followed by an id that is not all zeros or Xs (the
    /// scorer's `ga4_measurement_id_missing` test).
    static func isUsable(_ id: String) -> Bool {
        if id.contains("{{") { return true }
        let upper = id.trimmed.uppercased()
        guard let dash = upper.firstIndex(of: "-") else { return false }
        let prefix = upper[..<dash], body = upper[upper.index(after: dash)...]
        guard ["G", "AW", "DC", "GT"].contains(String(prefix)), body.count >= 4 else { return false }
        guard body.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return false }
        return !body.allSatisfy { $0 == "0" || $0 == "X" || $0 == "-" }
    }

    /// The id a value resolves to: a literal as written, a `{{Constant}}` to its value.
    static func resolve(_ value: String, in context: FixContext) -> String {
        let text = value.trimmed
        if let name = GTMJSON.singleReference(text), let variable = context.variable(named: name), variable.type == "c",
           let constant = variable.parameters.value("value")?.trimmed, !constant.contains("{{")
        {
            return constant
        }
        return text
    }

    /// How the container sends to its GA4 property: the one `G-` id (or variable) that its GA4
    /// event tags and Google tags use, as the most used way of writing it (a variable first).
    /// Nil when there is none, or several properties (the fixer cannot know which one is meant).
    static func ga4Source(in context: FixContext) -> String? {
        var written: [String: Int] = [:]
        var resolved = Set<String>()
        for tag in context.container.tags {
            let value: String?
            switch tag.type {
            case "gaawe": value = tag.parameters.value("measurementIdOverride")
            case "googtag": value = tag.parameters.value("tagId")
            case "gaawc": value = tag.parameters.value("measurementId")
            default: value = nil
            }
            guard let value, isUsable(value), refersToDefinedVariables(value, in: context) else { continue }
            let id = resolve(value, in: context)
            // A variable that is not a constant may hold anything: only a G- literal or constant counts.
            guard id.uppercased().hasPrefix("G-") || id.contains("{{") else { continue }
            if !id.contains("{{") && !isUsable(id) { continue }
            resolved.insert(id.uppercased())
            written[value.trimmed, default: 0] += 1
        }
        guard resolved.count == 1 else { return nil }
        // Prefer the variable form, then the most used spelling.
        return written.max { a, b in
            let (ra, rb) = (a.key.contains("{{"), b.key.contains("{{"))
            if ra != rb { return !ra }
            return a.value != b.value ? a.value < b.value : a.key > b.key
        }?.key
    }

    /// Whether every `{{name}}` in `value` resolves (a misspelt id variable is not a source).
    static func refersToDefinedVariables(_ value: String, in context: FixContext) -> Bool {
        VariableReferences.names(in: value).allSatisfy(context.graph.definedVariableNames.contains)
    }

    /// A Constant variable holding exactly `literal`, if there is one.
    static func constant(holding literal: String, in context: FixContext) -> Variable? {
        context.container.variables.first { $0.type == "c" && $0.parameters.value("value")?.trimmed == literal.trimmed }
    }
}
