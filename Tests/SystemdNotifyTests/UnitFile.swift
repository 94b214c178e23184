import Foundation
import TestSupport

/// A systemd unit file read as its sections' `Key=value` entries, in order, comments left out.
struct UnitFile {
    struct Entry: Equatable {
        var section: String
        var key: String
        var value: String
    }

    let entries: [Entry]

    init(text: String) {
        var section = ""
        var entries: [Entry] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
            } else if let equals = line.firstIndex(of: "=") {
                entries.append(Entry(section: section,
                                     key: line[..<equals].trimmingCharacters(in: .whitespaces),
                                     value: line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        self.entries = entries
    }

    init(contentsOf url: URL) throws {
        self.init(text: try String(contentsOf: url, encoding: .utf8))
    }

    /// Every value of `key` in `section`, in order.
    func values(_ key: String, in section: String) -> [String] {
        entries.filter { $0.section == section && $0.key == key }.map(\.value)
    }

    /// The value of `key` in `section` when it is set exactly once.
    func value(_ key: String, in section: String) -> String? {
        let found = values(key, in: section)
        return found.count == 1 ? found[0] : nil
    }
}
