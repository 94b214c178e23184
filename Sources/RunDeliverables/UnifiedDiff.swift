/// Unified diffs (`diff -u`) between two texts, line by line.
///
/// The output follows GNU diff: `---`/`+++` headers with the labels as given, `@@ -a,b +c,d @@`
/// hunks where a count of 1 is omitted and an empty range names the line before it, changes less
/// than `2 × context + 1` unchanged lines apart share a hunk, deletions come before insertions,
/// and a last line without a newline is followed by `\ No newline at end of file`. Lines end at
/// `\n` only, so a `\r` stays part of its line.
public enum UnifiedDiff {
    /// The unified diff from `old` to `new`, or the empty string when they are equal.
    ///
    /// The diff is minimal (a longest common subsequence of lines is kept).
    public static func make(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        // Bytes, not `String ==`: canonically equivalent lines (é vs e + ◌́) still differ in a file.
        guard !old.utf8.elementsEqual(new.utf8) else { return "" }
        let oldLines = TextLines(old), newLines = TextLines(new)
        var ids: [[UInt8]: Int] = [:]
        func intern(_ line: Substring) -> Int {
            let bytes = Array(line.utf8)
            if let id = ids[bytes] { return id }
            let id = ids.count
            ids[bytes] = id
            return id
        }
        let diff = LineDiff(old: oldLines.lines.map(intern), new: newLines.lines.map(intern))
        let script = EditScript(deleted: diff.deleted, inserted: diff.inserted)

        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in script.hunks(context: max(0, context)) {
            out += "@@ -\(range(start: hunk.oldStart, count: hunk.oldCount)) +\(range(start: hunk.newStart, count: hunk.newCount)) @@\n"
            for op in script.operations[hunk.operations] {
                switch op {
                case .equal(let i, _): append(" ", oldLines.lines[i], to: &out)
                case .delete(let i): append("-", oldLines.lines[i], to: &out)
                case .insert(let j): append("+", newLines.lines[j], to: &out)
                }
            }
        }
        return out
    }

    /// `start,count` as GNU prints it: `start` alone for one line; for none, the line before.
    private static func range(start: Int, count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }

    private static func append(_ prefix: String, _ line: Substring, to out: inout String) {
        out += prefix
        if line.utf8.last == UInt8(ascii: "\n") {
            out += line
        } else {
            out += line
            out += "\n\\ No newline at end of file\n"
        }
    }
}

/// A text cut after each `\n`; each line keeps its newline, so a last line without one differs
/// from the same line with one (as it does for `diff`).
private struct TextLines {
    let lines: [Substring]

    init(_ text: String) {
        var lines: [Substring] = []
        var start = text.utf8.startIndex
        var index = start
        let utf8 = text.utf8
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == UInt8(ascii: "\n") {
                lines.append(Substring(utf8[start..<next]))
                start = next
            }
            index = next
        }
        if start != utf8.endIndex { lines.append(Substring(utf8[start..<utf8.endIndex])) }
        self.lines = lines
    }
}
