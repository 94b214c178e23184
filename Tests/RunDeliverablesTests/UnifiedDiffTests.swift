import Foundation
import RunDeliverables
import Testing
import TestSupport

@Suite struct UnifiedDiffTests {
    private func diff(_ old: String, _ new: String, context: Int = 3) -> String {
        UnifiedDiff.make(old: old, new: new, oldLabel: "old", newLabel: "new", context: context)
    }

    private func numbered(_ range: ClosedRange<Int>) -> String { range.map { "\($0)\n" }.joined() }

    // MARK: - Hand-checked cases

    @Test func equalTextsGiveNothing() {
        #expect(diff("", "") == "")
        #expect(diff("a\nb\n", "a\nb\n") == "")
        #expect(diff("a", "a") == "")
    }

    @Test func additionAtStart() {
        #expect(diff("b\nc\n", "a\nb\nc\n") == "--- old\n+++ new\n@@ -1,2 +1,3 @@\n+a\n b\n c\n")
    }

    @Test func additionAtEnd() {
        #expect(diff("a\nb\n", "a\nb\nc\n") == "--- old\n+++ new\n@@ -1,2 +1,3 @@\n a\n b\n+c\n")
    }

    @Test func deletionInTheMiddleKeepsThreeLinesOfContext() {
        let new = numbered(1...10).replacingOccurrences(of: "5\n", with: "")
        #expect(diff(numbered(1...10), new) == "--- old\n+++ new\n@@ -2,7 +2,6 @@\n 2\n 3\n 4\n-5\n 6\n 7\n 8\n")
    }

    @Test func replacementListsDeletionsBeforeInsertions() {
        #expect(diff("a\nb\nc\n", "a\nx\ny\nc\n") == "--- old\n+++ new\n@@ -1,3 +1,4 @@\n a\n-b\n+x\n+y\n c\n")
    }

    @Test func fromAndToEmpty() {
        #expect(diff("", "a\nb\n") == "--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(diff("a\nb\n", "") == "--- old\n+++ new\n@@ -1,2 +0,0 @@\n-a\n-b\n")
        #expect(diff("", "a\n") == "--- old\n+++ new\n@@ -0,0 +1 @@\n+a\n")
    }

    @Test func missingNewlineAtEndIsMarked() {
        #expect(diff("a\nb", "a\nc") == "--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")
        // A last line gaining its newline is a change of that line.
        #expect(diff("a", "a\n") == "--- old\n+++ new\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n")
        // An unchanged last line without a newline is context, still marked.
        #expect(diff("x\nz", "y\nz") == "--- old\n+++ new\n@@ -1,2 +1,2 @@\n-x\n+y\n z\n\\ No newline at end of file\n")
    }

    @Test func changesAtMostTwiceTheContextApartShareAHunk() {
        let old = numbered(1...30)
        // Lines 5 and 12 changed: 6 unchanged lines between them, one hunk.
        let near = old.replacingOccurrences(of: "\n5\n", with: "\nfive\n").replacingOccurrences(of: "\n12\n", with: "\ntwelve\n")
        let one = diff(old, near)
        #expect(one.components(separatedBy: "\n@@").count - 1 == 1)
        #expect(one.contains("@@ -2,14 +2,14 @@\n"))
        // Lines 5 and 13: 7 unchanged lines between, two hunks.
        let far = old.replacingOccurrences(of: "\n5\n", with: "\nfive\n").replacingOccurrences(of: "\n13\n", with: "\nthirteen\n")
        let two = diff(old, far)
        #expect(two.components(separatedBy: "\n@@").count - 1 == 2)
        #expect(two.contains("@@ -2,7 +2,7 @@\n") && two.contains("@@ -10,7 +10,7 @@\n"))
    }

    @Test func contextZeroShowsOnlyChanges() {
        #expect(diff(numbered(1...5), "1\n2\nthree\n4\n5\n", context: 0) == "--- old\n+++ new\n@@ -3 +3 @@\n-3\n+three\n")
        // An insertion with no context names the line before it.
        #expect(diff("1\n2\n", "1\nnew\n2\n", context: 0) == "--- old\n+++ new\n@@ -1,0 +2 @@\n+new\n")
    }

    @Test func carriageReturnsStayPartOfTheLine() {
        #expect(diff("a\r\nb\r\n", "a\r\nc\r\n") == "--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n")
    }

    @Test func largeFileWithFewChangesIsQuick() {
        let old = (0..<20_000).map { "    \"key\($0)\": \"value \($0 % 97)\",\n" }.joined()
        var lines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[100] = "changed"
        lines[10_000] = "also changed"
        lines.insert("inserted", at: 19_000)
        let clock = ContinuousClock()
        var output = ""
        let elapsed = clock.measure { output = diff(old, lines.joined(separator: "\n")) }
        #expect(output.components(separatedBy: "\n@@").count - 1 == 3)
        #expect(elapsed < .seconds(5))
        // Two unrelated files: every line is unique to its side, so no quadratic search.
        let unrelated = (0..<20_000).map { "other \($0)\n" }.joined()
        let time = clock.measure { output = diff(old, unrelated) }
        #expect(output.hasPrefix("--- old\n+++ new\n@@ -1,20000 +1,20000 @@\n"))
        #expect(time < .seconds(5))
    }

    // MARK: - Against GNU diff and patch

    /// Every generated pair applies: our own patcher turns old into new.
    @Test func randomDiffsApply() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let (old, new) = randomPair(alphabet: 4, using: &random)
            let context = Int.random(in: 0...4, using: &random)
            let patch = diff(old, new, context: context)
            #expect(try PatchApplier.apply(patch, to: old) == new, "old: \(old.debugDescription) new: \(new.debugDescription)")
        }
    }

    /// With distinct lines the minimal diff is unique, so the output must be byte-identical to GNU's.
    @Test(.enabled(if: GNUTools.has("diff"))) func distinctLinesMatchGNUDiffExactly() throws {
        var random = SplitMix64(seed: 11)
        for _ in 0..<60 {
            var old: [String] = [], new: [String] = []
            var fresh = 0
            for i in 0..<Int.random(in: 0...40, using: &random) {
                old.append("line \(i)\n")
                switch Int.random(in: 0..<10, using: &random) {
                case 0: break                                   // deleted
                case 1: fresh += 1; new.append("new \(fresh)\n")  // replaced
                case 2: fresh += 1; new += ["new \(fresh)\n", "line \(i)\n"]
                default: new.append("line \(i)\n")
                }
            }
            if Bool.random(using: &random) { fresh += 1; new.append("tail \(fresh)\n") }
            let oldText = old.joined(), newText = new.joined()
            let context = Int.random(in: 0...3, using: &random)
            let gnu = try GNUTools.diff(oldText, newText, context: context)
            #expect(diff(oldText, newText, context: context) == gnu, "old: \(oldText.debugDescription) new: \(newText.debugDescription)")
        }
    }

    /// With repeated lines several minimal diffs exist: ours must be as small as `diff --minimal`'s
    /// and `patch` must accept it.
    @Test(.enabled(if: GNUTools.has("diff") && GNUTools.has("patch"))) func repeatedLinesAreMinimalAndPatchAccepts() throws {
        var random = SplitMix64(seed: 13)
        for _ in 0..<60 {
            let (old, new) = randomPair(alphabet: 3, using: &random)
            let ours = diff(old, new)
            let gnu = try GNUTools.diff(old, new, context: 3, minimal: true)
            #expect(changedLines(ours) == changedLines(gnu), "old: \(old.debugDescription) new: \(new.debugDescription)")
            #expect(try GNUTools.patch(old, with: ours) == new)
        }
    }

    // MARK: - Helpers

    private func randomPair(alphabet: Int, using random: inout SplitMix64) -> (String, String) {
        func text() -> String {
            let lines = (0..<Int.random(in: 0...14, using: &random)).map { _ in "v\(Int.random(in: 0..<alphabet, using: &random))\n" }
            var result = lines.joined()
            if !result.isEmpty, Int.random(in: 0..<5, using: &random) == 0 { result.removeLast() }
            return result
        }
        return (text(), text())
    }

    /// Lines removed and added, not counting headers.
    private func changedLines(_ diff: String) -> [Int] {
        let lines = diff.components(separatedBy: "\n").dropFirst(2)
        return [lines.filter { $0.hasPrefix("-") }.count, lines.filter { $0.hasPrefix("+") }.count]
    }
}
