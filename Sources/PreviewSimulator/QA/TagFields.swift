import LosslessJSON

/// The named fields a fired tag sends, gathered from everywhere a field can sit: top-level
/// parameters (`conversionValue`), table rows (`{parameter: currency, parameterValue: …}`,
/// `{name, value}`), object values (an event-settings variable, a data-layer object), the GA4
/// ecommerce object, and `key: value` pairs in Custom HTML code. Names are matched without case.
struct TagFields {
    private var values: [String: PreviewValue] = [:]
    private var code = ""

    init(_ tag: FiredTag) {
        for entry in tag.parameters.entries { collect(entry.key, entry.parameter) }
        if let ecommerce = tag.ecommerce { collect("ecommerce", .value(ecommerce)) }
        if tag.type == "html", case .value(let value)? = tag.parameters["html"], let text = value.jsonValue?.stringValue { code = text }
    }

    /// The first of `names` the tag sends, with its value; nil when it sends none of them.
    func value(_ names: [String]) -> (name: String, value: PreviewValue)? {
        for name in names {
            if let value = values[name.lowercased()] { return (name, value) }
        }
        for name in names {
            if let value = codeValue(name) { return (name, value) }
        }
        return nil
    }

    private mutating func collect(_ key: String, _ parameter: ResolvedParameter, depth: Int = 0) {
        guard depth < 6 else { return }
        switch parameter {
        case .value(let value):
            record(key, value)
            if case .json(.object(let object)) = value {
                for member in object.members { collect(member.key, .value(PreviewValue(markedJSON: member.value)), depth: depth + 1) }
            }
        case .list(let items):
            for item in items {
                if case .map(let row) = item, let name = TagFields.rowName(row), let cell = TagFields.rowValue(row) {
                    collect(name, cell, depth: depth + 1)
                } else {
                    collect(key, item, depth: depth + 1)
                }
            }
        case .map(let map):
            for entry in map.entries { collect(entry.key, entry.parameter, depth: depth + 1) }
        }
    }

    private mutating func record(_ key: String, _ value: PreviewValue) {
        let lower = key.lowercased()
        // The first defined value wins over undefined ones (a default row after an empty one).
        if let existing = values[lower], !existing.isUndefined { return }
        values[lower] = value
    }

    private static func rowName(_ row: ResolvedParameters) -> String? {
        for key in ["parameter", "name", "key", "paramName", "fieldName"] {
            if case .value(let value)? = row[key], let name = value.jsonValue?.stringValue, !name.isEmpty { return name }
        }
        return nil
    }

    private static func rowValue(_ row: ResolvedParameters) -> ResolvedParameter? {
        for key in ["parameterValue", "value", "paramValue"] { if let cell = row[key] { return cell } }
        return nil
    }

    /// `name: value` (or `'name': value`) in Custom HTML code: the value's text, `undefined`
    /// as undefined; a reference left as written counts as not evaluable.
    private func codeValue(_ name: String) -> PreviewValue? {
        guard !code.isEmpty else { return nil }
        let chars = Array(code)
        let target = Array(name)
        var i = 0
        while i + target.count <= chars.count {
            defer { i += 1 }
            guard Array(chars[i..<(i + target.count)]) == target else { continue }
            if i > 0, chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_" { continue }
            var j = i + target.count
            if j < chars.count, chars[j] == "'" || chars[j] == "\"" { j += 1 }
            while j < chars.count, chars[j] == " " { j += 1 }
            guard j < chars.count, chars[j] == ":" else { continue }
            j += 1
            var text = ""
            while j < chars.count, chars[j] != ",", chars[j] != "}", chars[j] != "\n" { text.append(chars[j]); j += 1 }
            let trimmed = text.trimmingCharacters(in: " \t'\"")
            if trimmed == "undefined" || trimmed.isEmpty { return .undefined }
            if trimmed.contains("{{") { return .notEvaluable("set by code from \(trimmed)") }
            return .string(trimmed)
        }
        return nil
    }
}
