import GTMModel
import LosslessJSON

/// Resolves a tag's parameters for one event, keeping lists and maps, and collects a diagnostic
/// for every reference that is undefined, not evaluable or unknown.
///
/// Types: `TEMPLATE` values are resolved templates (a sole `{{reference}}` keeps the variable's
/// type); `BOOLEAN` becomes a boolean and `INTEGER` a number when literal; tag and trigger
/// references stay as written. A Custom HTML tag's `html` keeps the references it cannot
/// evaluate as written, so the code stays readable.
struct ParameterResolver {
    let variables: VariableEvaluator

    /// Keys of the name cell in table rows, used to label a row in diagnostics (`eventSettingsTable[currency]`).
    static let rowNameKeys = ["parameter", "name", "key", "paramName", "fieldName", "tagReference"]

    func resolve(_ parameters: [Parameter], codeKey: String? = nil) -> (ResolvedParameters, [ValueDiagnostic]) {
        var diagnostics: [ValueDiagnostic] = []
        var entries: [ResolvedParameters.Entry] = []
        for parameter in parameters {
            guard let key = parameter.key else { continue }
            let resolved = resolve(parameter, path: key, isCode: key == codeKey, diagnostics: &diagnostics)
            entries.append(.init(key: key, parameter: resolved))
        }
        return (ResolvedParameters(entries), diagnostics)
    }

    private func resolve(_ parameter: Parameter, path: String, isCode: Bool, diagnostics: inout [ValueDiagnostic]) -> ResolvedParameter {
        switch parameter.type {
        case .list:
            return .list(parameter.list.enumerated().map { index, item in
                resolve(item, path: path + "[" + ParameterResolver.rowLabel(item, index: index) + "]", isCode: false, diagnostics: &diagnostics)
            })
        case .map:
            var entries: [ResolvedParameters.Entry] = []
            for (index, item) in parameter.map.enumerated() {
                let key = item.key ?? String(index)
                entries.append(.init(key: key, parameter: resolve(item, path: path + "." + key, isCode: false, diagnostics: &diagnostics)))
            }
            return .map(ResolvedParameters(entries))
        case .tagReference, .triggerReference:
            return .value(.string(parameter.value ?? ""))
        case .boolean where parameter.value == "true" || parameter.value == "false":
            return .value(.json(.bool(parameter.value == "true")))
        case .integer where parameter.value.flatMap { Int($0) } != nil:
            return .value(.json(.number(JSONNumber(Int(parameter.value ?? "") ?? 0))))
        default:
            let template = parameter.value ?? ""
            let (value, found) = variables.resolveReporting(template, parameter: path)
            diagnostics += found
            if isCode, value.isNotEvaluable { return .value(.string(variables.substitute(template))) }
            return .value(value)
        }
    }

    /// A list item's label: the literal name cell of a table row, else its index.
    static func rowLabel(_ item: Parameter, index: Int) -> String {
        guard item.type == .map else { return String(index) }
        for key in rowNameKeys {
            if let name = item[mapKey: key]?.value, !name.isEmpty, EventNames.isLiteral(name) { return name }
        }
        return String(index)
    }
}
