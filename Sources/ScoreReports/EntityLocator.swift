import GTMModel

/// Finds the line and column where an entity's id member (`"tagId": "12"`) sits in the export
/// text, so SARIF results open at the entity. One tokenising pass per file.
struct EntityLocator {
    private var positions: [String: (line: Int, column: Int)] = [:]

    static func idKey(for kind: EntityKind) -> String {
        switch kind {
        case .tag: "tagId"
        case .trigger: "triggerId"
        case .variable: "variableId"
        case .folder: "folderId"
        case .client: "clientId"
        case .transformation: "transformationId"
        case .zone: "zoneId"
        case .template: "templateId"
        case .container: "publicId"
        }
    }

    init(source: [UInt8]) {
        let keys = Set(EntityKind.allCases.map { EntityLocator.idKey(for: $0) })
        var line = 1, lineStart = 0, i = 0
        var lastString: (text: String, line: Int, column: Int)?
        var expectValueFor: (key: String, line: Int, column: Int)?
        let n = source.count
        while i < n {
            let b = source[i]
            if b == 0x0A {
                line += 1
                lineStart = i + 1
                i += 1
                continue
            }
            if b == 0x22 {  // a string token
                let start = i + 1
                var j = start
                while j < n, source[j] != 0x22 {
                    if source[j] == 0x5C { j += 1 }
                    j += 1
                }
                let text = String(decoding: source[start..<min(j, n)], as: UTF8.self)
                let column = i - lineStart + 1
                if let pending = expectValueFor {
                    let id = "\(pending.key)=\(text)"
                    if positions[id] == nil { positions[id] = (pending.line, pending.column) }
                    expectValueFor = nil
                } else {
                    lastString = (text, line, column)
                }
                i = j + 1
                continue
            }
            if b == 0x3A, let key = lastString, keys.contains(key.text) {  // `"tagId":`
                expectValueFor = (key.text, key.line, key.column)
            } else if b != 0x20, b != 0x09, b != 0x0D {
                if b == 0x3A { } else if !(b >= 0x30 && b <= 0x39) { expectValueFor = nil }
                lastString = nil
            }
            i += 1
        }
    }

    /// Line and column of the entity's id member, if found.
    func position(of entity: EntityReference) -> (line: Int, column: Int)? {
        positions["\(EntityLocator.idKey(for: entity.kind))=\(entity.id)"]
    }
}
