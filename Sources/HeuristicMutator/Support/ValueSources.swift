import GTMModel
import Scoring
import LosslessJSON
import Mutation

/// The variable a tag should read an event field from: the one other tags already use for it
/// (so every destination reports the same value), else a Data Layer Variable that reads the
/// field's key, else a new Data Layer Variable for GA4's ecommerce key.
struct ValueSources {
    /// A `{{reference}}` for a field, and the variable to add when it does not exist yet.
    struct Source {
        var reference: String
        /// A new Data Layer Variable (with the label the caller gave), or nil to reuse one.
        var newVariable: JSONValue?
        var description: String
    }

    private unowned let context: FixContext
    /// Per field, variables other tags set it from, with how many tags do.
    private var usage: [EventField: [(name: String, count: Int)]]?

    init(_ context: FixContext) { self.context = context }

    /// Where `field` should come from; `label` names a new variable inside the caller's patch.
    mutating func source(for field: EventField, label: String) -> Source? {
        if let used = usedVariables(field).first {
            return Source(reference: GTMJSON.reference(used.name), newVariable: nil, description: "{{\(used.name)}}, which other tags use for \(field.rawValue)")
        }
        if let variable = dataLayerVariable(reading: field) {
            return Source(reference: GTMJSON.reference(variable.name), newVariable: nil, description: "the existing Data Layer Variable {{\(variable.name)}}")
        }
        let key = field.dataLayerKey
        guard let name = context.names.unique("DLV\(context.naming.separator)\(key)", kind: .variable, accepts: { context.judge.acceptsVariable($0, type: "v") }) else { return nil }
        let folder = dataLayerFolder()
        let variable = GTMJSON.object(optional: [
            ("variableId", .string(label)), ("name", .string(name)), ("type", "v"),
            ("parameter", .array([GTMJSON.integer("dataLayerVersion", 2), GTMJSON.boolean("setDefaultValue", false), GTMJSON.template("name", key)])),
            ("parentFolderId", folder.map { .string($0) }),
        ])
        return Source(reference: GTMJSON.reference(name), newVariable: variable, description: "a new Data Layer Variable {{\(name)}} reading \(key)")
    }

    /// Variables tags set `field` from, most used first.
    private mutating func usedVariables(_ field: EventField) -> [(name: String, count: Int)] {
        if let usage { return usage[field] ?? [] }
        var counts: [EventField: [String: Int]] = [:]
        var order: [EventField: [String]] = [:]
        for tag in context.container.tags {
            for field in EventField.allCases {
                for slot in TagFields.slots(of: field, in: tag) {
                    guard let name = GTMJSON.singleReference(slot.value), context.variable(named: name) != nil else { continue }
                    if counts[field, default: [:]][name] == nil { order[field, default: []].append(name) }
                    counts[field, default: [:]][name, default: 0] += 1
                }
            }
        }
        var result: [EventField: [(name: String, count: Int)]] = [:]
        for (field, names) in order {
            let ranked = names.enumerated().sorted { a, b in
                let (x, y) = (counts[field]?[a.element] ?? 0, counts[field]?[b.element] ?? 0)
                return x != y ? x > y : a.offset < b.offset
            }
            result[field] = ranked.map { ($0.element, counts[field]?[$0.element] ?? 0) }
        }
        usage = result
        return result[field] ?? []
    }

    /// A version-2 Data Layer Variable reading the field's key, GA4's `ecommerce.` keys first.
    private func dataLayerVariable(reading field: EventField) -> Variable? {
        let candidates = context.container.variables.filter { variable in
            guard variable.type == "v", let key = variable.parameters.value("name") else { return false }
            return variable.parameters.value("dataLayerVersion")?.trimmed != "1" && field.isRead(byDataLayerKey: key)
        }
        return candidates.first { $0.parameters.value("name")?.trimmed == field.dataLayerKey } ?? candidates.first
    }

    /// The folder most Data Layer Variables live in, so a new one joins them.
    private func dataLayerFolder() -> String? {
        var counts: [String: Int] = [:]
        for variable in context.container.variables where variable.type == "v" {
            if let folder = variable.parentFolderId, context.graph.folderIndexById[folder] != nil { counts[folder, default: 0] += 1 }
        }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}
