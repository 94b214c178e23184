import GTMModel
import LosslessJSON
import Mutation

/// Rewrites `{{Old}}` to `{{New}}` inside entities: the edit behind renaming a variable, merging
/// a duplicate into its original, or repairing a misspelt reference. It visits every string of an
/// entity except its own `name` and `notes`, as ``VariableReferences`` reads references.
enum ReferenceRewriter {
    /// `replace` operations that rewrite every `{{old}}` in `raw`, the entity at `base`.
    static func operations(in raw: JSONObject, at base: JSONPointer, replacing old: String, with new: String) -> [JSONPatch.Operation] {
        let needle = GTMJSON.reference(old), replacement = GTMJSON.reference(new)
        var result: [JSONPatch.Operation] = []
        func visit(_ value: JSONValue, _ pointer: JSONPointer) {
            switch value {
            case .string(let s):
                guard s.contains(needle) else { return }
                result.append(.replace(path: pointer, value: .string(s.replacing(needle, with: replacement))))
            case .array(let items):
                for (i, item) in items.enumerated() { visit(item, pointer.appending(String(i))) }
            case .object(let object):
                // Objects may repeat a key; only the first is what readers see, and the one a pointer reaches.
                var seen = Set<String>()
                for member in object.members where seen.insert(member.key).inserted { visit(member.value, pointer.appending(member.key)) }
            default:
                break
            }
        }
        var seen = Set<String>()
        for member in raw.members where member.key != "name" && member.key != "notes" && seen.insert(member.key).inserted {
            visit(member.value, base.appending(member.key))
        }
        return result
    }

    /// The operations for every referrer of `old`, or nil when one cannot be addressed by a patch.
    static func operations(renaming old: String, to new: String, referrers: [EntityReference], in context: FixContext) -> [JSONPatch.Operation]? {
        var result: [JSONPatch.Operation] = []
        for referrer in referrers {
            guard let collection = referrer.kind.collection, let raw = context.raw(of: referrer) else { return nil }
            result += operations(in: raw, at: PatchPath.entity(collection, referrer.id), replacing: old, with: new)
        }
        return result
    }
}
