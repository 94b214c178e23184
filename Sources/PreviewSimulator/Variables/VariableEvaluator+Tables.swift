import GTMModel

/// Lookup tables and RegEx tables.
extension VariableEvaluator {
    /// Lookup Table (`smm`): the first row whose key equals the input's string form exactly
    /// (case-sensitive), else the default, else undefined.
    func lookupTableValue(_ p: [Parameter], reason: inout String?) -> PreviewValue {
        let input = resolve(p.value("input") ?? "")
        guard let text = input.javaScriptString else { return input }
        for row in p[key: "map"]?.list ?? [] {
            guard let key = resolveText(row[mapKey: "key"]?.value), key == text else { continue }
            return resolve(row[mapKey: "value"]?.value ?? "")
        }
        return tableDefault(p, input: text, kind: "lookup table", reason: &reason)
    }

    /// RegEx Table (`remm`): the first row whose pattern matches the input, with GTM's flags:
    /// `ignoreCase`, `fullMatch` (the pattern must match the whole input) and `replaceAfterMatch`
    /// (the output is `input.replace(pattern, output)`, so `$1` works). Absent flags are off.
    func regexTableValue(_ p: [Parameter], reason: inout String?) -> PreviewValue {
        let input = resolve(p.value("input") ?? "")
        guard let text = input.javaScriptString else { return input }
        let ignoreCase = p[key: "ignoreCase"]?.isTrue == true
        let fullMatch = p[key: "fullMatch"]?.isTrue == true
        let replace = p[key: "replaceAfterMatch"]?.isTrue == true
        for row in p[key: "map"]?.list ?? [] {
            guard let pattern = row[mapKey: "key"]?.value,
                  regexes.test(pattern, on: text, ignoreCase: ignoreCase, fullMatch: fullMatch)
            else { continue }
            let output = resolve(row[mapKey: "value"]?.value ?? "")
            guard replace else { return output }
            guard let replacement = output.javaScriptString else { return output }
            return .string(regexes.replaceFirst(pattern, in: text, with: replacement, ignoreCase: ignoreCase, fullMatch: fullMatch) ?? replacement)
        }
        return tableDefault(p, input: text, kind: "RegEx table", reason: &reason)
    }

    private func tableDefault(_ p: [Parameter], input: String, kind: String, reason: inout String?) -> PreviewValue {
        if p[key: "setDefaultValue"]?.isTrue == true { return resolve(p.value("defaultValue") ?? "") }
        reason = "no row of the \(kind) matches \"\(input)\" and it has no default"
        return .undefined
    }
}
