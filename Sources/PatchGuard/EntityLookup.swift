public import LosslessJSON
public import Mutation

/// Finds an entity's JSON in an export document by collection and id.
public enum EntityLookup {
    public static func raw(_ key: EntityKey, in document: JSONValue) -> JSONObject? {
        guard let items = document["containerVersion"]?[key.collection.rawValue]?.arrayValue else { return nil }
        for item in items where item[key.collection.idKey]?.identifierText == key.id { return item.objectValue }
        return nil
    }
}

/// `%%NAME%%` tokens: export placeholders that must survive every patch.
enum Placeholders {
    static func collect(in value: JSONValue, into tokens: inout Set<String>) {
        switch value {
        case .string(let s):
            guard s.contains("%%") else { return }
            let parts = s.split(separator: "%%", omittingEmptySubsequences: false)
            // Odd-indexed parts sit between a pair of %% markers.
            for i in stride(from: 1, to: parts.count - 1, by: 2) where !parts[i].isEmpty && !parts[i].contains(" ") {
                tokens.insert("%%\(parts[i])%%")
            }
        case .array(let items): for item in items { collect(in: item, into: &tokens) }
        case .object(let object): for member in object.members { collect(in: member.value, into: &tokens) }
        default: return
        }
    }
}
