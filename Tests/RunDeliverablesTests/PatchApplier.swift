import Foundation
/// Applies a unified diff to a text, strictly (every context and deleted line must match), so
/// tests can check that a diff really turns the old text into the new one.
enum PatchApplier {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func apply(_ patch: String, to old: String) throws -> String {
        guard !patch.isEmpty else { return old }
        let oldLines = split(old)
        var patchLines = patch.components(separatedBy: "\n")
        if patchLines.last == "" { patchLines.removeLast() }
        guard patchLines.count >= 2, patchLines[0].hasPrefix("--- "), patchLines[1].hasPrefix("+++ ") else {
            throw Failure(description: "missing headers")
        }
        var result: [String] = []
        var position = 0
        var index = 2
        while index < patchLines.count {
            let header = patchLines[index]
            guard header.hasPrefix("@@ -"), header.hasSuffix(" @@") else { throw Failure(description: "bad hunk header \(header)") }
            let ranges = header.dropFirst(4).dropLast(3).split(separator: " ")
            guard ranges.count == 2, ranges[1].hasPrefix("+") else { throw Failure(description: "bad ranges \(header)") }
            let (oldStart, oldCount) = try range(ranges[0])
            let (_, newCount) = try range(ranges[1].dropFirst())
            let start = oldCount == 0 ? oldStart : oldStart - 1
            guard start >= position, start <= oldLines.count else { throw Failure(description: "hunk out of order \(header)") }
            result += oldLines[position..<start]
            position = start
            index += 1
            var body: [(Character, String)] = []
            while index < patchLines.count, !patchLines[index].hasPrefix("@@ ") {
                let line = patchLines[index]
                if line == "\\ No newline at end of file" {
                    guard let last = body.popLast() else { throw Failure(description: "stray no-newline marker") }
                    body.append((last.0, String(last.1.dropLast())))
                } else {
                    guard let kind = line.first, " -+".contains(kind) else { throw Failure(description: "bad line \(line)") }
                    body.append((kind, String(line.dropFirst()) + "\n"))
                }
                index += 1
            }
            guard body.filter({ $0.0 != "+" }).count == oldCount, body.filter({ $0.0 != "-" }).count == newCount else {
                throw Failure(description: "counts do not match \(header)")
            }
            for (kind, text) in body {
                if kind != "+" {
                    guard position < oldLines.count, oldLines[position] == text else {
                        throw Failure(description: "line \(position + 1) does not match \(text.debugDescription)")
                    }
                    position += 1
                }
                if kind != "-" { result.append(text) }
            }
        }
        result += oldLines[position...]
        return result.joined()
    }

    private static func range(_ text: Substring) throws -> (Int, Int) {
        let parts = text.split(separator: ",")
        guard let start = parts.first.flatMap({ Int($0) }) else { throw Failure(description: "bad range \(text)") }
        guard parts.count == 2 else { return (start, 1) }
        guard let count = Int(parts[1]) else { throw Failure(description: "bad range \(text)") }
        return (start, count)
    }

    /// Lines with their newline kept.
    private static func split(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\n").map { $0 + "\n" }
        if let last = lines.popLast(), last != "\n" { lines.append(String(last.dropLast())) }
        return lines
    }
}
