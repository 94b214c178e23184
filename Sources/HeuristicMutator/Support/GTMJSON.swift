import LosslessJSON

/// Builders for export-format JSON (`{"type":"TEMPLATE","key":…,"value":…}` and friends), so every
/// fixer writes parameters, consent settings and new entities exactly as GTM exports them.
enum GTMJSON {
    /// An object with members in the given order.
    static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member(key: $0.key, value: $0.value) }))
    }

    /// An object from optional members: nil values are left out.
    static func object(optional members: [(String, JSONValue?)]) -> JSONValue {
        .object(JSONObject(members.compactMap { key, value in value.map { JSONObject.Member(key: key, value: $0) } }))
    }

    static func template(_ key: String, _ value: String) -> JSONValue {
        object(["type": "TEMPLATE", "key": .string(key), "value": .string(value)])
    }

    /// A keyless `TEMPLATE` list item (consent types, string lists).
    static func item(_ value: String) -> JSONValue {
        object(["type": "TEMPLATE", "value": .string(value)])
    }

    static func boolean(_ key: String, _ value: Bool) -> JSONValue {
        object(["type": "BOOLEAN", "key": .string(key), "value": .string(value ? "true" : "false")])
    }

    static func integer(_ key: String, _ value: Int) -> JSONValue {
        object(["type": "INTEGER", "key": .string(key), "value": .string(String(value))])
    }

    static func list(_ key: String, _ items: [JSONValue]) -> JSONValue {
        object(["type": "LIST", "key": .string(key), "list": .array(items)])
    }

    /// One table row: a `MAP` of two `TEMPLATE` cells, e.g. `{parameter: currency, parameterValue: {{…}}}`.
    static func row(_ nameKey: String, _ name: String, _ valueKey: String, _ value: String) -> JSONValue {
        object(["type": "MAP", "map": .array([template(nameKey, name), template(valueKey, value)])])
    }

    /// A top-level Parameter-shaped field without a key (timer `limit`, `interval`).
    static func bareTemplate(_ value: String) -> JSONValue {
        object(["type": "TEMPLATE", "value": .string(value)])
    }

    /// `{"{{Name}}"}` as GTM writes a variable reference.
    static func reference(_ name: String) -> String { "{{\(name)}}" }

    /// The variable name of a value that is exactly one `{{reference}}` (spaces around allowed).
    static func singleReference(_ text: String) -> String? {
        let trimmed = text.trimmed
        guard trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"), trimmed.count > 4 else { return nil }
        let inner = trimmed.dropFirst(2).dropLast(2)
        guard !inner.contains("{"), !inner.contains("}") else { return nil }
        return String(inner)
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
