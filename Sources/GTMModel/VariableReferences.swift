public import LosslessJSON

/// Finds `{{Name}}` variable references in template strings and entity JSON.
public enum VariableReferences {
    /// The reserved name for the current data-layer event.
    public static let eventName = "_event"

    /// Calls `body` with each name referenced as `{{Name}}` in `text`, in order (repeats included).
    /// A name is one or more characters other than `}` between `{{` and `}}`, as GTM parses them.
    public static func forEach(in text: String, _ body: (String) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            let n = utf8.count
            guard n >= 5 else { return }
            var i = 0
            while i + 1 < n {
                guard utf8[i] == 0x7B, utf8[i + 1] == 0x7B else { i += 1; continue }
                var start = i + 2
                // `{{{Name}}}` reads as `{` + `{{Name}}`: GTM takes the innermost pair.
                while start < n, utf8[start] == 0x7B { start += 1 }
                var j = start
                while j < n, utf8[j] != 0x7D { j += 1 }
                if j + 1 < n, utf8[j + 1] == 0x7D, j > start {
                    body(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<j]), as: UTF8.self))
                    i = j + 2
                } else {
                    i = max(j, i + 2)
                }
            }
        }
    }

    /// The names referenced in `text`.
    public static func names(in text: String) -> [String] {
        var result: [String] = []
        forEach(in: text) { result.append($0) }
        return result
    }

    /// Every distinct name an entity references, in first-seen order: all string values anywhere
    /// in its JSON except its own `name` and `notes` (free text, not templates).
    public static func names(inEntity raw: JSONObject) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        func visit(_ value: JSONValue) {
            switch value {
            case .string(let s):
                guard s.utf8.count >= 5 else { return }
                forEach(in: s) { if seen.insert($0).inserted { result.append($0) } }
            case .array(let items): for item in items { visit(item) }
            case .object(let object): for member in object.members { visit(member.value) }
            default: break
            }
        }
        for member in raw.members where member.key != "name" && member.key != "notes" {
            visit(member.value)
        }
        return result
    }
}
