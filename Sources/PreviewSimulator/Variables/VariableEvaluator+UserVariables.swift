import GTMModel
import LosslessJSON

/// User-defined variables, by type code.
extension VariableEvaluator {
    func userValue(_ variable: Variable, reason: inout String?) -> PreviewValue {
        let p = variable.parameters
        switch variable.type {
        case "v": return dataLayerValue(p, reason: &reason)
        case "c": return resolve(p.value("value") ?? "")
        case "u": return urlValue(p, source: p.value("customUrlSource"), reason: &reason)
        case "f": return urlValue(p, source: nil, referrer: true, reason: &reason)
        case "k": return cookieValue(p, reason: &reason)
        case "smm": return lookupTableValue(p, reason: &reason)
        case "remm": return regexTableValue(p, reason: &reason)
        case "j":
            guard let path = resolveText(p.value("name")) else { return .notEvaluable("the global's name cannot be evaluated") }
            guard let value = globalValue(atPath: path) else {
                reason = "JavaScript global \"\(path)\" is not set in the scenario's page globals"
                return .undefined
            }
            return .json(value)
        case "aev": return autoEventValue(p, reason: &reason)
        case "e": return .string(event.name)
        case "uv":
            reason = "an Undefined Value variable"
            return .undefined
        case "ctv": return .string(prepared.versionId)
        case "cid": return .string(prepared.container.publicId)
        case "dbg": return .json(false)
        case "r": return .notEvaluable("Random Number changes on every read")
        case "jsm": return .notEvaluable("Custom JavaScript variable {{\(variable.name)}} runs code the simulator does not execute")
        case "gtes", "gtcs":
            return .json(tableObject(p[key: variable.type == "gtes" ? "eventSettingsTable" : "configSettingsTable"]))
        case "awec":
            guard p.value("mode") == "MANUAL" else {
                return .notEvaluable("User-Provided Data in \(p.value("mode") ?? "automatic") mode reads the page")
            }
            var members: [JSONObject.Member] = []
            for parameter in p where parameter.key != "mode" && parameter.type == .template {
                members.append(.init(key: parameter.key ?? "", value: resolve(parameter.value ?? "").markedJSON))
            }
            return .json(.object(JSONObject(members)))
        default:
            return .notEvaluable("\(VariableEvaluator.typeDescription(variable.type)) {{\(variable.name)}} is not simulated")
        }
    }

    // MARK: - Data layer, URL, cookie

    private func dataLayerValue(_ p: [Parameter], reason: inout String?) -> PreviewValue {
        guard let key = resolveText(p.value("name")) else { return .notEvaluable("the data-layer key cannot be evaluated") }
        let version = p.value("dataLayerVersion") ?? "2"
        let found = version == "1" ? page.model.latestValue(forKey: key) : page.model.value(atPath: key)
        if let found { return .json(found) }
        if p[key: "setDefaultValue"]?.isTrue == true { return resolve(p.value("defaultValue") ?? "") }
        reason = "data-layer key \"\(key)\" is not set and the variable has no default"
        return .undefined
    }

    private func urlValue(_ p: [Parameter], source: String?, referrer: Bool = false, reason: inout String?) -> PreviewValue {
        let url: PageURL
        if referrer {
            url = PageURL(page.referrer)
        } else if let source, !source.isEmpty {
            let value = resolve(source)
            if value.isNotEvaluable { return value }
            guard let text = value.javaScriptString, !value.isUndefined else {
                reason = "its URL source \(source) is undefined"
                return .undefined
            }
            url = PageURL(text)
        } else {
            url = page.url
        }
        return urlComponent(of: url, p, reason: &reason)
    }

    /// A component of `url` as the URL variable (and Auto-Event URL) returns it.
    func urlComponent(of url: PageURL, _ p: [Parameter], reason: inout String?) -> PreviewValue {
        switch p.value("component") ?? "URL" {
        case "URL": return .string(url.withoutFragment)
        case "PROTOCOL": return .string(url.scheme)
        case "HOST":
            let strip = p[key: "stripWww"]?.isTrue == true && url.host.hasPrefix("www.")
            return .string(strip ? String(url.host.dropFirst(4)) : url.host)
        case "PORT": return url.effectivePort.map { .json(.number(JSONNumber($0))) } ?? .string("")
        case "PATH":
            var path = url.path
            for page in p[key: "defaultPages"]?.list.compactMap(\.value) ?? [] where !page.isEmpty && path.hasSuffix("/" + page) {
                path.removeLast(page.count)
            }
            return .string(path)
        case "QUERY":
            guard let key = p.value("queryKey"), !key.isEmpty else { return .string(url.query) }
            guard let value = url.queryValue(key) else {
                reason = "the URL has no query parameter \"\(key)\""
                return .undefined
            }
            return .string(value)
        case "FRAGMENT": return .string(url.fragment)
        case "EXTENSION":
            let last = url.path.split(separator: "/").last ?? ""
            guard let dot = last.lastIndex(of: ".") else { return .string("") }
            return .string(String(last[last.index(after: dot)...]))
        case let other: return .notEvaluable("URL component \(other) is not simulated")
        }
    }

    private func cookieValue(_ p: [Parameter], reason: inout String?) -> PreviewValue {
        guard let name = resolveText(p.value("name")) else { return .notEvaluable("the cookie name cannot be evaluated") }
        guard let raw = page.cookies[name] else {
            reason = "cookie \"\(name)\" is not set in the scenario"
            return .undefined
        }
        return .string(p[key: "decodeCookie"]?.isTrue == true ? PageURL.decode(raw, plusAsSpace: false) : raw)
    }

    // MARK: - Auto-event and settings variables

    private func autoEventValue(_ p: [Parameter], reason: inout String?) -> PreviewValue {
        var value: PreviewValue
        if let element = page.lastElement {
            switch p.value("varType") ?? "ELEMENT" {
            case "ELEMENT": value = .element(element)
            case "CLASSES": value = .string(element.className)
            case "ID": value = .string(element.id)
            case "TARGET": value = .string(element.target)
            case "TEXT": value = .string(element.text)
            case "URL":
                if let url = element.url { value = urlComponent(of: PageURL(url), p, reason: &reason) } else { value = .string("") }
            case "ATTRIBUTE":
                let name = p.value("attribute") ?? ""
                value = element.attribute(name).map(PreviewValue.string) ?? .undefined
                if value.isUndefined { reason = "the element has no attribute \"\(name)\"" }
            case let other:
                value = .notEvaluable("Auto-Event Variable of type \(other) is not simulated")
            }
        } else {
            value = .undefined
            reason = "no click or form submit has happened on this page"
        }
        if value.isUndefined, p[key: "setDefaultValue"]?.isTrue == true {
            value = resolve(p.value("defaultValue") ?? "")
        }
        return value
    }

    /// A `{parameter, parameterValue}` table as an object of resolved values.
    private func tableObject(_ table: Parameter?) -> JSONValue {
        var members: [JSONObject.Member] = []
        for row in table?.list ?? [] {
            guard let name = row[mapKey: "parameter"]?.value ?? row[mapKey: "name"]?.value else { continue }
            let value = resolve(row[mapKey: "parameterValue"]?.value ?? row[mapKey: "value"]?.value ?? "")
            members.append(.init(key: name, value: value.markedJSON))
        }
        return .object(JSONObject(members))
    }

    static func typeDescription(_ type: String) -> String {
        switch type {
        case "d": "DOM Element variable"
        case "vis": "Element Visibility variable"
        case "gas": "Google Analytics Settings variable"
        case "ampv": "AMP variable"
        case "ed", "rh", "sgtmk", "fs": "server variable (\(type))"
        default: type.hasPrefix("cvt_") ? "custom template variable (\(type))" : "variable type \(type)"
        }
    }
}
