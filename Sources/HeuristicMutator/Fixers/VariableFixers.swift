import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// A variable nothing references is removed (with the variables only it referenced).
struct UnusedVariableFixer: Fixer {
    let rules: Set<String> = ["variables.unused"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, variable) = context.variable(id: finding.entity.id) else { return [] }
        var plan = RemovalPlan(context)
        guard plan.removeVariable(variable.id) else { return [] }
        plan.sweep(triggers: [], formerUsers: [])
        let others = plan.removed.dropFirst().map { "\"\($0.name)\"" }
        return [FixProposal(plan.operations, "Remove variable \"\(variable.name)\", which nothing references" + (others.isEmpty ? "." : ", and \(others.joined(separator: ", ")), which only it referenced."))]
    }
}

/// An undefined `{{reference}}` is repaired: the built-in of that name is enabled, the reference
/// is pointed at the variable it misspells, or a data-layer variable its name describes is created.
struct UndefinedReferenceFixer: Fixer {
    let rules: Set<String> = ["variables.undefined_reference"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let missing = finding.ref, let collection = finding.entity.kind.collection, let raw = context.raw(of: finding.entity) else { return [] }
        var result: [FixProposal] = []
        if let type = BuiltInNames.type(named: missing, in: context.container), context.container.exportFormatVersion.literal == "2" {
            let entry = GTMJSON.object(["type": .string(type), "name": .string(missing)])
            result.append(FixProposal([.add(path: PatchPath.new(.builtInVariable), value: entry)], "Enable the built-in variable {{\(missing)}} that \(finding.entity.name) references."))
        }
        if let near = UndefinedReferenceFixer.closestName(to: missing, among: context.graph.definedVariableNames) {
            let operations = ReferenceRewriter.operations(in: raw, at: PatchPath.entity(collection, finding.entity.id), replacing: missing, with: near)
            if !operations.isEmpty {
                result.append(FixProposal(operations, "Point the reference {{\(missing)}} in \(finding.entity.kind.rawValue) \"\(finding.entity.name)\" at the variable {{\(near)}}."))
            }
        }
        if let key = UndefinedReferenceFixer.dataLayerKey(inName: missing), context.names.isFree(missing, kind: .variable) {
            let variable = GTMJSON.object(["variableId": "new-1", "name": .string(missing), "type": "v",
                                           "parameter": .array([GTMJSON.integer("dataLayerVersion", 2), GTMJSON.boolean("setDefaultValue", false), GTMJSON.template("name", key)])])
            result.append(FixProposal([.add(path: PatchPath.new(.variable), value: variable)], "Create the Data Layer Variable {{\(missing)}} reading \(key), as its name says."))
        }
        // A dead tag (paused, sunset) that references it can simply go, with what only it used.
        if finding.entity.kind == .tag, let (index, tag) = context.tag(id: finding.entity.id), !context.analysis.isLive[index] {
            var plan = RemovalPlan(context)
            if plan.removeTag(index) {
                plan.sweep()
                result.append(FixProposal(plan.operations, "Remove tag \"\(tag.name)\", which references the undefined {{\(missing)}} and never fires."))
            }
        }
        return result
    }

    /// The defined name `name` most likely misspells: equal ignoring case, else the one nearest
    /// by edit distance (at most 1, or 2 for names of 12+ characters); nil when it is ambiguous.
    static func closestName(to name: String, among defined: Set<String>) -> String? {
        let lower = name.lowercased()
        let sameCase = defined.filter { $0.lowercased() == lower }
        if sameCase.count == 1 { return sameCase.first }
        guard sameCase.isEmpty else { return nil }
        let limit = name.count >= 12 ? 2 : 1
        var best: [String] = [], bestDistance = limit + 1
        for candidate in defined where abs(candidate.count - name.count) <= limit && candidate != VariableReferences.eventName {
            let d = editDistance(lower, candidate.lowercased(), limit: limit)
            if d < bestDistance { (best, bestDistance) = ([candidate], d) } else if d == bestDistance { best.append(candidate) }
        }
        return best.count == 1 ? best.first : nil
    }

    /// Levenshtein distance, or `limit + 1` once it exceeds `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty, !y.isEmpty else { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            if (current.min() ?? 0) > limit { return limit + 1 }
            previous = current
        }
        return previous[y.count]
    }

    /// `DLV - ecommerce.value` → `ecommerce.value`: the key a data-layer variable's name names.
    static func dataLayerKey(inName name: String) -> String? {
        let lower = name.lowercased()
        for prefix in ["dlv - ", "dl - ", "dlv_", "dlv.", "dlv ", "datalayer - ", "data layer - "] where lower.hasPrefix(prefix) {
            let key = String(name.dropFirst(prefix.count)).trimmed
            let valid = !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
            return valid ? key : nil
        }
        return nil
    }
}

/// A duplicate variable's references move to the original, and the duplicate goes.
struct DuplicateVariableFixer: Fixer {
    let rules: Set<String> = ["variables.duplicate"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let original = finding.ref, let (_, duplicate) = context.variable(id: finding.entity.id), duplicate.name != original,
              context.variable(named: original) != nil
        else { return [] }
        let referrers = (context.graph.referrers[duplicate.name] ?? []).filter { $0 != duplicate.reference }
        guard referrers.count + 1 <= context.maxEntities,
              let rewrites = ReferenceRewriter.operations(renaming: duplicate.name, to: original, referrers: referrers, in: context)
        else { return [] }
        let moved = referrers.isEmpty ? "" : "point its \(referrers.count) reference\(referrers.count == 1 ? "" : "s") at \"\(original)\" and "
        return [FixProposal(rewrites + [.remove(path: PatchPath.variable(duplicate.id))], "Merge variable \"\(duplicate.name)\" into its identical \"\(original)\": \(moved)remove it.")]
    }
}

/// Data Layer Variables read version 2.
struct DataLayerVersionFixer: Fixer {
    let rules: Set<String> = ["variables.data_layer_v1"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, variable) = context.variable(id: finding.entity.id),
              let p = variable.parameters.firstIndex(where: { $0.key == "dataLayerVersion" }) else { return [] }
        return [FixProposal([.replace(path: PatchPath.variable(variable.id, "parameter", String(p), "value"), value: "2")],
                            "Read data layer version 2 in variable \"\(variable.name)\".")]
    }
}

/// A measurement id pasted into several tags moves into one Constant variable.
struct MeasurementIdConstantFixer: Fixer {
    let rules: Set<String> = ["variables.hardcoded_measurement_id"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let id = finding.ref, let (_, tag) = context.tag(id: finding.entity.id) else { return [] }
        let literals = MeasurementIdConstantFixer.spellings(of: id)
        func positions(in tag: Tag) -> [(index: Int, literal: String)] {
            tag.parameters.indices.compactMap { p in
                guard let value = tag.parameters[p].value?.trimmed, tag.parameters[p].list.isEmpty, literals.contains(value) else { return nil }
                return (p, value)
            }
        }
        let own = positions(in: tag)
        // One constant per spelling: an Ads tag holds the bare number where a Google tag holds AW-….
        guard let literal = own.first?.literal else { return [] }
        var operations: [JSONPatch.Operation] = []
        let reference: String
        if let constant = MeasurementIds.constant(holding: literal, in: context) {
            reference = GTMJSON.reference(constant.name)
        } else {
            guard let name = context.names.unique("Const\(context.naming.separator)\(MeasurementIdConstantFixer.label(of: id, literal: literal))", kind: .variable,
                                                  accepts: { context.judge.acceptsVariable($0, type: "c") }) else { return [] }
            let folder = MeasurementIdConstantFixer.constantFolder(context) ?? tag.parentFolderId.flatMap { context.graph.folderIndexById[$0] != nil ? $0 : nil }
            operations.append(.add(path: PatchPath.new(.variable), value: NewEntities.constant(label: "new-1", name: name, value: literal, folder: folder)))
            reference = GTMJSON.reference(name)
        }
        var tags = [tag]
        let room = context.maxEntities - (operations.isEmpty ? 0 : 1)
        for other in context.container.tags where tags.count < room && other.id != tag.id && positions(in: other).contains(where: { $0.literal == literal }) {
            tags.append(other)
        }
        for each in tags {
            for (p, value) in positions(in: each) where value == literal {
                operations.append(.replace(path: PatchPath.tag(each.id, "parameter", String(p), "value"), value: .string(reference)))
            }
        }
        let names = tags.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return [FixProposal(operations, "Read \(id) from \(reference) in \(names) instead of a pasted literal.")]
    }

    /// How an id can be written in a parameter: `AW-123` or, in Ads tags, `123`.
    static func spellings(of id: String) -> Set<String> {
        var result: Set<String> = [id]
        for prefix in ["AW-", "DC-"] where id.hasPrefix(prefix) { result.insert(String(id.dropFirst(prefix.count))) }
        return result
    }

    static func label(of id: String, literal: String) -> String {
        if id.hasPrefix("G-") { return "GA4 Measurement ID" }
        if id.hasPrefix("AW-") { return literal.hasPrefix("AW-") ? "Google Ads Tag ID" : "Google Ads Conversion ID" }
        if id.hasPrefix("DC-") { return "Floodlight Advertiser ID" }
        return "Meta Pixel ID"
    }

    /// The folder most constants live in.
    static func constantFolder(_ context: FixContext) -> String? {
        var counts: [String: Int] = [:]
        for variable in context.container.variables where variable.type == "c" {
            if let folder = variable.parentFolderId, context.graph.folderIndexById[folder] != nil { counts[folder, default: 0] += 1 }
        }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}
