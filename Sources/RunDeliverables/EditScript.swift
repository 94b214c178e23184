/// A line diff as a sequence of operations, grouped into unified-diff hunks.
struct EditScript {
    enum Operation: Equatable {
        /// Old line `i` and new line `j` are the same line.
        case equal(Int, Int)
        case delete(Int)
        case insert(Int)

        var isEqual: Bool {
            if case .equal = self { return true }
            return false
        }
    }

    /// One `@@` block: the operations it shows and the line ranges it covers (0-based starts).
    struct Hunk: Equatable {
        var operations: Range<Int>
        var oldStart: Int
        var oldCount: Int
        var newStart: Int
        var newCount: Int
    }

    /// Deletions before insertions within each run of changes, as `diff` prints them.
    let operations: [Operation]

    init(deleted: [Bool], inserted: [Bool]) {
        var operations: [Operation] = []
        operations.reserveCapacity(max(deleted.count, inserted.count))
        var i = 0, j = 0
        while i < deleted.count || j < inserted.count {
            if i < deleted.count, deleted[i] {
                operations.append(.delete(i))
                i += 1
            } else if j < inserted.count, inserted[j] {
                operations.append(.insert(j))
                j += 1
            } else {
                // Both sides hold the same number of unflagged lines, so i and j run out together here.
                operations.append(.equal(i, j))
                i += 1
                j += 1
            }
        }
        self.operations = operations
    }

    /// Hunks with `context` unchanged lines around each change; changes at most `2 × context`
    /// unchanged lines apart are merged (their contexts would touch or overlap).
    func hunks(context: Int) -> [Hunk] {
        var changeRuns: [Range<Int>] = []
        var index = 0
        while index < operations.count {
            guard !operations[index].isEqual else { index += 1; continue }
            let start = index
            while index < operations.count, !operations[index].isEqual { index += 1 }
            if let last = changeRuns.last, start - last.upperBound <= 2 * context {
                changeRuns[changeRuns.count - 1] = last.lowerBound..<index
            } else {
                changeRuns.append(start..<index)
            }
        }

        // Lines of each side consumed before operation k, for the hunk headers.
        var oldBefore = [Int](repeating: 0, count: operations.count + 1)
        var newBefore = [Int](repeating: 0, count: operations.count + 1)
        for (k, op) in operations.enumerated() {
            let (o, n): (Int, Int) = switch op {
            case .equal: (1, 1)
            case .delete: (1, 0)
            case .insert: (0, 1)
            }
            oldBefore[k + 1] = oldBefore[k] + o
            newBefore[k + 1] = newBefore[k] + n
        }
        return changeRuns.map { run in
            let lower = max(0, run.lowerBound - context)
            let upper = min(operations.count, run.upperBound + context)
            return Hunk(operations: lower..<upper,
                        oldStart: oldBefore[lower], oldCount: oldBefore[upper] - oldBefore[lower],
                        newStart: newBefore[lower], newCount: newBefore[upper] - newBefore[lower])
        }
    }
}
