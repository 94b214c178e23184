import GTMModel
import LosslessJSON

/// Resolves `{{Variable}}` references and templates for one event.
///
/// Values are computed once per event (GTM evaluates a variable once per event too) and
/// cached. A variable that depends on itself is not evaluable rather than a crash.
///
/// - Important: Not thread-safe: one evaluator serves one event.
final class VariableEvaluator {
    let prepared: PreparedContainer
    let page: PageContext
    let event: SimulatedEvent
    let regexes: RegexCache

    private var cache: [String: PreviewValue] = [:]
    private var inProgress: Set<String> = []
    /// For each variable that came out undefined or not evaluable: what kind, and why.
    private(set) var problems: [String: (kind: ValueDiagnostic.Kind, detail: String)] = [:]

    init(prepared: PreparedContainer, page: PageContext, event: SimulatedEvent, regexes: RegexCache) {
        self.prepared = prepared
        self.page = page
        self.event = event
        self.regexes = regexes
    }

    /// The value of `{{name}}`.
    func value(of name: String) -> PreviewValue {
        if name == VariableReferences.eventName { return .string(event.name) }
        if let cached = cache[name] { return cached }
        guard inProgress.insert(name).inserted else {
            return .notEvaluable("{{\(name)}} depends on itself")
        }
        defer { inProgress.remove(name) }
        var reason: String?
        let result: PreviewValue
        if let variable = prepared.variable(named: name) {
            result = formatted(userValue(variable, reason: &reason), of: variable)
            if result.isUndefined, reason == nil,
               let via = variable.variableReferenceNames.first(where: { problems[$0] != nil }), let problem = problems[via]
            {
                reason = "via {{\(via)}}: \(problem.detail)"
            }
        } else if let type = prepared.builtInTypeByName[name] {
            result = builtInValue(type: type, reason: &reason)
        } else {
            result = .undefined
            problems[name] = (.unknownVariable, "no variable named {{\(name)}} in the container")
        }
        switch result {
        case .undefined where problems[name] == nil:
            problems[name] = (.undefined, reason ?? "{{\(name)}} is undefined")
        case .notEvaluable(let why):
            problems[name] = (.notEvaluable, why)
        default:
            break
        }
        cache[name] = result
        return result
    }

    /// A template's value: a sole `{{reference}}` keeps its type; otherwise references are
    /// spliced in as JavaScript strings (`undefined` included, as GTM does). Not evaluable when
    /// any reference is.
    func resolve(_ template: String) -> PreviewValue {
        let parsed = TemplateText(template)
        if let name = parsed.soleReference { return value(of: name) }
        guard parsed.hasReferences else { return .string(template) }
        var text = ""
        for segment in parsed.segments {
            switch segment {
            case .text(let s): text += s
            case .reference(let name):
                let value = value(of: name)
                guard let s = value.javaScriptString else {
                    if case .notEvaluable(let why) = value { return .notEvaluable(why) }
                    return .notEvaluable("{{\(name)}} cannot be evaluated")
                }
                text += s
            }
        }
        return .string(text)
    }

    /// A template's value plus a diagnostic for each reference in it that is undefined, not
    /// evaluable or unknown (`parameter` names where it sits).
    func resolveReporting(_ template: String, parameter: String) -> (PreviewValue, [ValueDiagnostic]) {
        let value = resolve(template)
        var diagnostics: [ValueDiagnostic] = []
        for case .reference(let name) in TemplateText(template).segments {
            let referenced = self.value(of: name)
            guard referenced.isUndefined || referenced.isNotEvaluable,
                  let problem = problems[name], !diagnostics.contains(where: { $0.variable == name })
            else { continue }
            diagnostics.append(ValueDiagnostic(parameter: parameter, variable: name, kind: problem.kind, detail: problem.detail))
        }
        return (value, diagnostics)
    }

    /// A template with every evaluable reference spliced in as text and the others left as
    /// written (`{{CJS - value}}`): how a Custom HTML tag's code is shown.
    func substitute(_ template: String) -> String {
        var text = ""
        for segment in TemplateText(template).segments {
            switch segment {
            case .text(let s): text += s
            case .reference(let name): text += value(of: name).javaScriptString ?? "{{\(name)}}"
            }
        }
        return text
    }

    /// A template resolved to text (nil when not evaluable).
    func resolveText(_ template: String?) -> String? {
        guard let template else { return "" }
        return resolve(template).javaScriptString
    }

    // MARK: - Format value

    /// The variable's "Format Value" settings: case conversion and the null / undefined / true /
    /// false replacements.
    private func formatted(_ value: PreviewValue, of variable: Variable) -> PreviewValue {
        guard let format = variable.raw["formatValue"]?.objectValue, format.count > 0 else { return value }
        func replacement(_ key: String) -> String? { format[key]?["value"]?.stringValue }
        var result = value
        switch value {
        case .undefined:
            if let text = replacement("convertUndefinedToValue") { result = resolve(text) }
        case .json(.null):
            if let text = replacement("convertNullToValue") { result = resolve(text) }
        case .json(.bool(true)):
            if let text = replacement("convertTrueToValue") { result = resolve(text) }
        case .json(.bool(false)):
            if let text = replacement("convertFalseToValue") { result = resolve(text) }
        default:
            break
        }
        if case .json(.string(let s)) = result {
            switch format["caseConversionType"]?.stringValue {
            case "LOWERCASE"?: result = .string(s.lowercased())
            case "UPPERCASE"?: result = .string(s.uppercased())
            default: break
            }
        }
        return result
    }
}
