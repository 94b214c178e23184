/// The fired tags of an earlier run of the same scenario, for a container that differs from the
/// earlier one in some tags only: an unchanged tag fired in the same role on the same event sends
/// exactly what it sent then, so its parameters need not be resolved again.
///
/// That holds while the two runs see the same events: the events come from the scenario, but
/// whether a click or form step produces one, and which timers run, depends on which triggers
/// tags use. Each event is checked against the earlier run's at the same position (name, kind,
/// step, page); from the first difference on, nothing is reused.
struct FiredTagReuse {
    let parent: SimulationResult
    /// Ids of the tags created, edited or removed since the parent's run.
    let changedTags: Set<String>
    private(set) var isAligned = true

    init(parent: SimulationResult, changedTags: Set<String>) {
        self.parent = parent
        self.changedTags = changedTags
    }

    /// Checks the event about to be recorded at `index` (0-based) against the parent's; false
    /// from the first difference on.
    mutating func align(index: Int, event: String, kind: EventKind, step: Int, pageURL: String) -> Bool {
        guard isAligned else { return false }
        guard index < parent.events.count else { isAligned = false; return false }
        let earlier = parent.events[index]
        if earlier.event != event || earlier.kind != kind || earlier.step != step || earlier.pageURL != pageURL { isAligned = false }
        return isAligned
    }

    /// The parent's fired tags on event `index` that may be reused, by tag id (a tag fires more
    /// than once on an event with the unlimited firing option, or as another tag's setup).
    func reusable(at index: Int) -> [String: [FiredTag]] {
        var byTag: [String: [FiredTag]] = [:]
        for tag in parent.events[index].fired where !changedTags.contains(tag.tagId) { byTag[tag.tagId, default: []].append(tag) }
        return byTag
    }
}
