import GTMModel
import LosslessJSON

/// Which tags fire on an event, in which order, and which are held back.
///
/// For each tag with a firing trigger among those that fired: paused tags and tags with a
/// blocking trigger among them are held back; the rest fire by priority (higher first, then
/// container order), each as a sequence: its setup tags, the tag, its teardown tags.
///
/// - Firing options: once per event (the default) fires a tag at most once per event however many
///   of its triggers fire; once per page at most once per page load; unlimited once per firing trigger.
/// - Consent: a tag whose consent settings require types (`NEEDED`) fires only when all are
///   granted, else it is held back (not queued for later). Google tags (GA4, Google Ads,
///   Floodlight, the Conversion Linker) have built-in consent checks: they fire and record the
///   denied types (Consent Mode's cookieless pings). Other tags' own consent logic (templates
///   calling `isConsentGranted`) is not run.
/// - Sequencing: a setup tag that is missing, paused, held back by consent, or part of a cycle
///   counts as failed; with "don't fire if setup fails" the main tag is then held back. A setup
///   tag already fired this event (or this page, once per page) counts as having succeeded.
///   Tags are assumed to succeed, so teardown tags fire after every tag that fires. A tag held
///   back by consent starts no sequence.
struct TagFiring {
    let prepared: PreparedContainer

    /// What tags have done on the current page.
    struct PageState: Sendable {
        /// Tag indices fired on this page (for once per page).
        var fired: Set<Int> = []
    }

    /// - Parameter reusable: fired tags of an earlier run on this same event, by tag id, to take
    ///   instead of resolving the tag again when it fires in the same role (see ``FiredTagReuse``).
    func fire(triggers firedTriggers: [String], on event: SimulatedEvent, variables: VariableEvaluator, consent: ConsentState,
              reusing reusable: [String: [FiredTag]] = [:], state: inout PageState) -> (fired: [FiredTag], blocked: [BlockedTag])
    {
        // Candidate tags with the triggers that fired them, in container order.
        var byTag: [Int: [String]] = [:]
        for id in firedTriggers {
            for index in prepared.graph.tagsFiredBy[id] ?? [] where byTag[index]?.contains(id) != true {
                byTag[index, default: []].append(id)
            }
        }
        let firedSet = Set(firedTriggers)
        var run = EventFiring(prepared: prepared, event: event, variables: variables, consent: consent, pageFired: state.fired,
                              reusable: reusable)
        var queue: [(index: Int, triggers: [String])] = []
        for index in byTag.keys.sorted() {
            let tag = prepared.container.tags[index]
            if tag.isPaused {
                run.block(index, .paused, "the tag is paused")
                continue
            }
            let blocking = tag.blockingTriggerIds.filter(firedSet.contains)
            if !blocking.isEmpty {
                let names = blocking.map(prepared.triggerName)
                run.block(index, .blockingTrigger, "blocked by " + names.map { "\"\($0)\"" }.joined(separator: ", "), blockingTriggers: names)
                continue
            }
            queue.append((index, byTag[index] ?? []))
        }
        let priorities = queue.map { TagFiring.priority(of: prepared.container.tags[$0.index]) }
        let order = queue.indices.sorted { priorities[$0] != priorities[$1] ? priorities[$0] > priorities[$1] : queue[$0].index < queue[$1].index }
        for position in order {
            let (index, triggers) = queue[position]
            let names = triggers.map(prepared.triggerName)
            let times = FiringOption(prepared.container.tags[index].firingOption) == .unlimited ? triggers.count : 1
            for _ in 0..<times { _ = run.sequence(index, role: .main(firedBy: names)) }
        }
        state.fired = run.pageFired
        return (run.fired, run.blocked)
    }

    /// `priority` (an INTEGER parameter); 0 when absent or not a number.
    static func priority(of tag: Tag) -> Int {
        guard let text = tag.raw["priority"]?["value"]?.identifierText else { return 0 }
        return Int(text) ?? 0
    }
}

/// `tagFiringOption`.
enum FiringOption: Equatable {
    case oncePerEvent, oncePerPage, unlimited

    init(_ exportName: String?) {
        switch exportName {
        case "ONCE_PER_LOAD"?, "oncePerLoad"?: self = .oncePerPage
        case "UNLIMITED"?, "unlimited"?: self = .unlimited
        default: self = .oncePerEvent
        }
    }
}
