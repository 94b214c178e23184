import LosslessJSON

extension ScenarioStep: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, url, referrer, title, dataLayer, cookies, globals, data, element, form, source, oldState, newState,
             oldFragment, newFragment, milliseconds, consent
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "pageLoad":
            let url = try c.decode(String.self, forKey: .url)
            try ScenarioStep.requireAbsolute(url, key: .url, in: c)
            self = .pageLoad(PageLoad(
                url: url,
                referrer: try c.decodeIfPresent(String.self, forKey: .referrer) ?? "",
                title: try c.decodeIfPresent(String.self, forKey: .title) ?? "",
                dataLayer: try ScenarioStep.objects(c, .dataLayer),
                cookies: try c.decodeIfPresent([String: String].self, forKey: .cookies) ?? [:],
                globals: try ScenarioStep.object(c, .globals) ?? JSONObject()))
        case "push":
            guard let data = try ScenarioStep.object(c, .data) else {
                throw DecodingError.keyNotFound(CodingKeys.data, .init(codingPath: c.codingPath, debugDescription: "a push needs \"data\", the object pushed"))
            }
            self = .push(data)
        case "click":
            self = .click(try c.decode(ScenarioElement.self, forKey: .element))
        case "formSubmit":
            var form = try c.decode(ScenarioElement.self, forKey: .form)
            form.tag = form.tag ?? "form"
            self = .formSubmit(form)
        case "historyChange":
            let url = try c.decode(String.self, forKey: .url)
            if url.isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .url, in: c, debugDescription: "expected an address (absolute, /path or #fragment), found an empty string")
            }
            self = .historyChange(HistoryChange(
                url: url,
                source: try c.decodeIfPresent(String.self, forKey: .source) ?? "pushState",
                oldState: try c.decodeIfPresent(CodableJSON.self, forKey: .oldState)?.value ?? .null,
                newState: try c.decodeIfPresent(CodableJSON.self, forKey: .newState)?.value ?? .null,
                oldFragment: try c.decodeIfPresent(String.self, forKey: .oldFragment),
                newFragment: try c.decodeIfPresent(String.self, forKey: .newFragment)))
        case "wait":
            let ms = try c.decode(Int.self, forKey: .milliseconds)
            guard ms >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: .milliseconds, in: c, debugDescription: "expected a duration of 0 ms or more, found \(ms)")
            }
            self = .wait(milliseconds: ms)
        case "consentDefault":
            self = .consentDefault(try c.decode([String: ConsentValue].self, forKey: .consent))
        case "consentUpdate":
            self = .consentUpdate(try c.decode([String: ConsentValue].self, forKey: .consent))
        case "pageState":
            self = .pageState(PageState(cookies: try c.decodeIfPresent([String: String].self, forKey: .cookies) ?? [:],
                                        globals: try ScenarioStep.object(c, .globals) ?? JSONObject()))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c,
                debugDescription: "unknown step type \"\(type)\" (expected one of \(ScenarioStep.typeNames.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(typeName, forKey: .type)
        switch self {
        case .pageLoad(let page):
            try c.encode(page.url, forKey: .url)
            if !page.referrer.isEmpty { try c.encode(page.referrer, forKey: .referrer) }
            if !page.title.isEmpty { try c.encode(page.title, forKey: .title) }
            if !page.dataLayer.isEmpty { try c.encode(page.dataLayer.map { CodableJSON(.object($0)) }, forKey: .dataLayer) }
            if !page.cookies.isEmpty { try c.encode(page.cookies, forKey: .cookies) }
            if page.globals.count > 0 { try c.encode(CodableJSON(.object(page.globals)), forKey: .globals) }
        case .push(let data):
            try c.encode(CodableJSON(.object(data)), forKey: .data)
        case .click(let element):
            try c.encode(element, forKey: .element)
        case .formSubmit(let form):
            try c.encode(form, forKey: .form)
        case .historyChange(let change):
            try c.encode(change.url, forKey: .url)
            try c.encode(change.source, forKey: .source)
            if !change.oldState.isNull { try c.encode(CodableJSON(change.oldState), forKey: .oldState) }
            if !change.newState.isNull { try c.encode(CodableJSON(change.newState), forKey: .newState) }
            try c.encodeIfPresent(change.oldFragment, forKey: .oldFragment)
            try c.encodeIfPresent(change.newFragment, forKey: .newFragment)
        case .wait(let ms):
            try c.encode(ms, forKey: .milliseconds)
        case .consentDefault(let consent), .consentUpdate(let consent):
            try c.encode(consent, forKey: .consent)
        case .pageState(let state):
            if !state.cookies.isEmpty { try c.encode(state.cookies, forKey: .cookies) }
            if state.globals.count > 0 { try c.encode(CodableJSON(.object(state.globals)), forKey: .globals) }
        }
    }

    // MARK: - Decoding helpers

    private static func object(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> JSONObject? {
        guard let value = try c.decodeIfPresent(CodableJSON.self, forKey: key)?.value, !value.isNull else { return nil }
        guard let object = value.objectValue else {
            throw DecodingError.typeMismatch(JSONObject.self, .init(codingPath: c.codingPath + [key], debugDescription: "expected an object, found \(value.kindDescription)"))
        }
        return object
    }

    private static func objects(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [JSONObject] {
        guard let items = try c.decodeIfPresent([CodableJSON].self, forKey: key) else { return [] }
        return try items.enumerated().map { index, item in
            guard let object = item.value.objectValue else {
                throw DecodingError.typeMismatch(JSONObject.self, .init(codingPath: c.codingPath + [key, AnyKey(intValue: index)], debugDescription: "expected an object, found \(item.value.kindDescription)"))
            }
            return object
        }
    }

    private static func requireAbsolute(_ url: String, key: CodingKeys, in c: KeyedDecodingContainer<CodingKeys>) throws {
        let parsed = PageURL(url)
        guard !parsed.scheme.isEmpty, !parsed.host.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected an absolute URL (https://host/path), found \"\(url)\"")
        }
    }
}
