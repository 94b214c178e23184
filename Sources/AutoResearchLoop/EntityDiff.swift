public import LosslessJSON
public import Mutation
import PatchGuard
import RunDeliverables

/// The round's diff: a unified diff of each touched entity, pretty-printed as in the export.
public enum EntityDiff {
    public static func make(_ patch: EntityPatch, parent: JSONValue) -> String {
        var out = ""
        for key in patch.touched {
            let before = EntityLookup.raw(key, in: parent).map(text) ?? ""
            let after = EntityLookup.raw(key, in: patch.document).map(text) ?? ""
            let label = "\(key.collection.rawValue)/\(key.id)"
            out += UnifiedDiff.make(old: before, new: after, oldLabel: "a/\(label)", newLabel: "b/\(label)")
        }
        return out
    }

    private static func text(_ object: JSONObject) -> String {
        String(decoding: JSONWriter.gtmExport.bytes(of: .object(object)), as: UTF8.self) + "\n"
    }
}
