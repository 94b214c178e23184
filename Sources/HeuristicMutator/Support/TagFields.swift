import GTMModel
import LosslessJSON
import Mutation

/// Where an event field (value, currency, transaction id, …) sits in a tag's parameters, and the
/// operations that set it: a top-level key (`currencyCode`), or a row of an event-data table
/// (GA4's `eventSettingsTable`, a template's `objectPropertyList`).
enum TagFields {
    /// One place a tag sets a field.
    struct Slot {
        /// Pointer tokens below the tag to the cell's value (`parameter/3/value`, `parameter/2/list/0/map/1/value`).
        var tokens: [String]
        /// The current value ("" when the cell has none).
        var value: String
        /// False when the row has no value cell yet: the operation appends one rather than setting it.
        var hasCell: Bool
        /// The value cell's key, for appending one.
        var cellKey: String
    }

    /// GA4 event tags read these tables only, with these cell keys, and row names exactly.
    private static let ga4Tables: [(key: String, name: String, value: String)] = [("eventParameters", "name", "value"), ("eventSettingsTable", "parameter", "parameterValue")]
    private static let rowNameKeys = ["name", "parameter", "key", "fieldName"]
    private static let rowValueKeys = ["value", "parameterValue"]
    /// Lists that never hold event data (the scorer skips them too).
    private static let ignoredListWords = ["user", "advancedmatching", "customer", "config", "header", "consent", "cookie"]

    /// Every slot of `tag` that sets `field`, in parameter order.
    static func slots(of field: EventField, in tag: Tag) -> [Slot] {
        var result: [Slot] = []
        for (p, parameter) in tag.parameters.enumerated() {
            if tag.type == "gaawe" {
                guard let table = ga4Tables.first(where: { $0.key == parameter.key }) else { continue }
                result += rows(parameter, p, nameKeys: [table.name], valueKeys: [table.value]) { $0.trimmed == field.rawValue }
                continue
            }
            guard let key = parameter.key else { continue }
            if parameter.list.isEmpty, parameter.map.isEmpty, EventField.named(key) == field {
                result.append(Slot(tokens: ["parameter", String(p), "value"], value: parameter.value ?? "", hasCell: true, cellKey: "value"))
            } else if parameter.type == .list, !isIgnored(key) {
                result += rows(parameter, p, nameKeys: rowNameKeys, valueKeys: rowValueKeys) { EventField.named($0) == field }
            }
        }
        return result
    }

    private static func isIgnored(_ key: String) -> Bool {
        let lower = key.lowercased()
        return ignoredListWords.contains { lower.contains($0) }
    }

    private static func rows(_ parameter: Parameter, _ p: Int, nameKeys: [String], valueKeys: [String], matches: (String) -> Bool) -> [Slot] {
        var result: [Slot] = []
        for (r, row) in parameter.list.enumerated() where row.type == .map {
            guard let name = nameKeys.lazy.compactMap({ key in row.map.last { $0.key == key }?.value }).first, matches(name) else { continue }
            let base = ["parameter", String(p), "list", String(r), "map"]
            if let m = row.map.lastIndex(where: { valueKeys.contains($0.key ?? "") }) {
                result.append(Slot(tokens: base + [String(m), "value"], value: row.map[m].value ?? "", hasCell: true, cellKey: row.map[m].key ?? valueKeys[0]))
            } else {
                result.append(Slot(tokens: base + ["-"], value: "", hasCell: false, cellKey: valueKeys[0]))
            }
        }
        return result
    }

    /// Operations on the tag at `base` that set `field` to `value`: every existing slot is
    /// overwritten (a later table row would win over an earlier one); with none, the field is
    /// added where this kind of tag keeps it. Nil when the tag has no place for the field.
    static func set(_ field: EventField, to value: String, in tag: Tag, at base: JSONPointer) -> [JSONPatch.Operation]? {
        let existing = slots(of: field, in: tag)
        if !existing.isEmpty {
            return existing.map { slot in
                let pointer = JSONPointer(tokens: base.tokens + slot.tokens)
                return slot.hasCell ? .add(path: pointer, value: .string(value)) : .add(path: pointer, value: GTMJSON.template(slot.cellKey, value))
            }
        }
        let parameters = base.appending("parameter")
        let hasArray = tag.raw["parameter"]?.arrayValue != nil
        func appendParameter(_ parameter: JSONValue) -> [JSONPatch.Operation] {
            hasArray ? [.add(path: parameters.appending("-"), value: parameter)] : [.add(path: parameters, value: .array([parameter]))]
        }
        switch tag.type {
        case "gaawe":
            for table in ga4Tables.reversed() {
                if let p = tag.parameters.firstIndex(where: { $0.key == table.key && $0.type == .list }) {
                    return [.add(path: parameters.appending(String(p)).appending("list").appending("-"), value: GTMJSON.row(table.name, field.rawValue, table.value, value))]
                }
            }
            return appendParameter(GTMJSON.list("eventSettingsTable", [GTMJSON.row("parameter", field.rawValue, "parameterValue", value)]))
        case "awct":
            guard let key = field.adsKey else { return nil }
            return appendParameter(GTMJSON.template(key, value))
        case "html", "img", "http_request":
            return nil
        default:
            // A template's event-data table: append a row shaped like the rows it already has.
            for (p, parameter) in tag.parameters.enumerated() where parameter.type == .list && !isIgnored(parameter.key ?? "user") {
                guard let row = parameter.list.first(where: { $0.type == .map }),
                      let nameKey = row.map.first(where: { rowNameKeys.contains($0.key ?? "") })?.key,
                      let valueKey = row.map.first(where: { rowValueKeys.contains($0.key ?? "") })?.key,
                      parameter.list.contains(where: { row in row.map.contains { $0.key == nameKey && EventField.named($0.value ?? "") != nil } })
                else { continue }
                return [.add(path: parameters.appending(String(p)).appending("list").appending("-"), value: GTMJSON.row(nameKey, field.rawValue, valueKey, value))]
            }
            return nil
        }
    }
}

extension TagFields {
    /// Sets the top-level parameter `key` of `tag` (its first occurrence) or appends it.
    static func setParameter(_ key: String, to value: String, in tag: Tag, type: String = "TEMPLATE") -> JSONPatch.Operation {
        if let p = tag.parameters.firstIndex(where: { $0.key == key }) {
            return .add(path: PatchPath.tag(tag.id, "parameter", String(p), "value"), value: .string(value))
        }
        let parameter = GTMJSON.object(["type": .string(type), "key": .string(key), "value": .string(value)])
        if tag.raw["parameter"]?.arrayValue == nil { return .add(path: PatchPath.tag(tag.id, "parameter"), value: .array([parameter])) }
        return .add(path: PatchPath.tag(tag.id, "parameter", "-"), value: parameter)
    }
}

extension FixContext {
    /// Operations that set `field` on tag `tag` from the field's usual variable (adding the
    /// variable under `label` when it does not exist), and what the value is.
    func setField(_ field: EventField, on tag: Tag, label: String) -> (operations: [JSONPatch.Operation], source: ValueSources.Source)? {
        guard let source = valueSources.source(for: field, label: label),
              let edits = TagFields.set(field, to: source.reference, in: tag, at: PatchPath.tag(tag.id))
        else { return nil }
        let add = source.newVariable.map { [JSONPatch.Operation.add(path: PatchPath.new(.variable), value: $0)] } ?? []
        return (add + edits, source)
    }

    /// Sets several fields on one tag, as many as the entity budget allows (new variables count).
    func setFields(_ fields: [EventField], on tag: Tag) -> (operations: [JSONPatch.Operation], done: [EventField])? {
        var operations: [JSONPatch.Operation] = []
        var done: [EventField] = []
        var room = maxEntities - 1
        for (n, field) in fields.enumerated() {
            guard let (edit, source) = setField(field, on: tag, label: "new-\(n + 1)") else { continue }
            if source.newVariable != nil {
                guard room >= 1 else { continue }
                room -= 1
            }
            operations += edit
            done.append(field)
        }
        return done.isEmpty ? nil : (operations, done)
    }
}
