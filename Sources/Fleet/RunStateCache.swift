import AutoResearchLoop
import ExperimentLog
import Synchronization

/// The latest state of the runs this worker advanced, so the next round of the same run skips
/// rebuilding it (parsing and scoring the best container). An entry is used only when the log
/// agrees with it on rounds done and best container; anything else rebuilds from the log.
final class RunStateCache: Sendable {
    private let entries = Mutex<[Int64: RunState]>([:])
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    func state(for run: RunRecord) -> RunState? {
        entries.withLock { entries in
            guard var state = entries[run.id], state.run.roundsDone == run.roundsDone, state.run.bestSHA == run.bestSHA else { return nil }
            state.run = run
            return state
        }
    }

    func store(_ state: RunState) {
        entries.withLock { entries in
            if entries[state.run.id] == nil, entries.count >= capacity, let evicted = entries.keys.first { entries[evicted] = nil }
            entries[state.run.id] = state
        }
    }
}
