/// A minimal line-level diff: which lines of `old` are deleted and which lines of `new` are inserted.
///
/// The unflagged lines of both sides form a longest common subsequence, in order. It is Myers'
/// O((N+M)·D) algorithm in linear space (the "middle snake" bisection), after two cheap passes
/// that do not change the result: common prefixes and suffixes are matched up front, and lines
/// that occur on one side only are flagged at once (they can never match), so two unrelated
/// files cost O(N+M) instead of O(N·M).
struct LineDiff {
    /// Per line of the old text: true when the line is not in the common subsequence.
    private(set) var deleted: [Bool]
    /// Per line of the new text: true when the line is not in the common subsequence.
    private(set) var inserted: [Bool]

    /// Diffs two sequences of line ids (equal ids are equal lines).
    init(old: [Int], new: [Int]) {
        deleted = Array(repeating: false, count: old.count)
        inserted = Array(repeating: false, count: new.count)

        // Lines present on one side only are changes whatever the alignment; the rest go to Myers,
        // with their positions remembered so the flags land on the original lines.
        let inNew = Set(new), inOld = Set(old)
        var oldIndex: [Int] = [], newIndex: [Int] = []
        for (i, line) in old.enumerated() {
            if inNew.contains(line) { oldIndex.append(i) } else { deleted[i] = true }
        }
        for (j, line) in new.enumerated() {
            if inOld.contains(line) { newIndex.append(j) } else { inserted[j] = true }
        }
        var search = MyersSearch(a: oldIndex.map { old[$0] }, b: newIndex.map { new[$0] })
        search.compare(aLow: 0, aHigh: oldIndex.count, bLow: 0, bHigh: newIndex.count)
        for (k, flag) in search.deleted.enumerated() where flag { deleted[oldIndex[k]] = true }
        for (k, flag) in search.inserted.enumerated() where flag { inserted[newIndex[k]] = true }
    }
}

/// The recursive bisection over two id arrays; flags changed positions in `deleted`/`inserted`.
private struct MyersSearch {
    let a: [Int]
    let b: [Int]
    var deleted: [Bool]
    var inserted: [Bool]
    /// Forward and reverse furthest-reaching x per diagonal, reused across calls (sized for the whole input).
    private var forward: [Int]
    private var reverse: [Int]

    init(a: [Int], b: [Int]) {
        self.a = a
        self.b = b
        deleted = Array(repeating: false, count: a.count)
        inserted = Array(repeating: false, count: b.count)
        let size = 2 * ((a.count + b.count + 1) / 2) + 2
        forward = Array(repeating: -1, count: size)
        reverse = Array(repeating: -1, count: size)
    }

    /// Flags the changes between `a[aLow..<aHigh]` and `b[bLow..<bHigh]`.
    mutating func compare(aLow: Int, aHigh: Int, bLow: Int, bHigh: Int) {
        var aLow = aLow, bLow = bLow, aHigh = aHigh, bHigh = bHigh
        while aLow < aHigh, bLow < bHigh, a[aLow] == b[bLow] { aLow += 1; bLow += 1 }
        while aLow < aHigh, bLow < bHigh, a[aHigh - 1] == b[bHigh - 1] { aHigh -= 1; bHigh -= 1 }
        if aLow == aHigh {
            for j in bLow..<bHigh { inserted[j] = true }
            return
        }
        if bLow == bHigh {
            for i in aLow..<aHigh { deleted[i] = true }
            return
        }
        guard let (x, y) = middleSnake(aLow: aLow, aHigh: aHigh, bLow: bLow, bHigh: bHigh) else {
            for i in aLow..<aHigh { deleted[i] = true }
            for j in bLow..<bHigh { inserted[j] = true }
            return
        }
        compare(aLow: aLow, aHigh: aLow + x, bLow: bLow, bHigh: bLow + y)
        compare(aLow: aLow + x, aHigh: aHigh, bLow: bLow + y, bHigh: bHigh)
    }

    /// A point `(x, y)` (relative to the lows) on an optimal edit path, found where the forward and
    /// reverse searches meet; nil when the ranges share no line. Both ranges are non-empty and
    /// differ in their first and last lines, so the point is strictly inside and recursion ends.
    private mutating func middleSnake(aLow: Int, aHigh: Int, bLow: Int, bHigh: Int) -> (Int, Int)? {
        let n = aHigh - aLow, m = bHigh - bLow
        let maxD = (n + m + 1) / 2
        let offset = maxD
        let length = 2 * maxD + 2
        for k in 0..<length {
            forward[k] = -1
            reverse[k] = -1
        }
        forward[offset + 1] = 0
        reverse[offset + 1] = 0
        let delta = n - m
        let checkInForward = delta % 2 != 0
        // Diagonals that ran off the grid are skipped from then on.
        var k1Start = 0, k1End = 0, k2Start = 0, k2End = 0
        for d in 0..<maxD {
            var k1 = -d + k1Start
            while k1 <= d - k1End {
                let index = offset + k1
                var x1 = (k1 == -d || (k1 != d && forward[index - 1] < forward[index + 1])) ? forward[index + 1] : forward[index - 1] + 1
                var y1 = x1 - k1
                while x1 < n, y1 < m, a[aLow + x1] == b[bLow + y1] { x1 += 1; y1 += 1 }
                forward[index] = x1
                if x1 > n {
                    k1End += 2
                } else if y1 > m {
                    k1Start += 2
                } else if checkInForward {
                    let reverseIndex = offset + delta - k1
                    if reverseIndex >= 0, reverseIndex < length, reverse[reverseIndex] != -1, x1 >= n - reverse[reverseIndex] {
                        return (x1, y1)
                    }
                }
                k1 += 2
            }
            var k2 = -d + k2Start
            while k2 <= d - k2End {
                let index = offset + k2
                var x2 = (k2 == -d || (k2 != d && reverse[index - 1] < reverse[index + 1])) ? reverse[index + 1] : reverse[index - 1] + 1
                var y2 = x2 - k2
                while x2 < n, y2 < m, a[aHigh - x2 - 1] == b[bHigh - y2 - 1] { x2 += 1; y2 += 1 }
                reverse[index] = x2
                if x2 > n {
                    k2End += 2
                } else if y2 > m {
                    k2Start += 2
                } else if !checkInForward {
                    let forwardIndex = offset + delta - k2
                    if forwardIndex >= 0, forwardIndex < length, forward[forwardIndex] != -1 {
                        let x1 = forward[forwardIndex]
                        let y1 = offset + x1 - forwardIndex
                        if x1 >= n - x2 { return (x1, y1) }
                    }
                }
                k2 += 2
            }
        }
        return nil
    }
}
