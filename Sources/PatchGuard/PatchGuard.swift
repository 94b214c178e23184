public import GTMModel
import LosslessJSON
public import Mutation
public import PreviewSimulator

/// The guard of SPEC §2.4: applies a proposal to the parent and turns down, with a reason, any
/// candidate that is not a valid, equally identified, equally measuring container.
///
/// A scorer that an empty container would max out can be gamed; this is what stops the loop from
/// deleting its way to 100. Checks run cheapest first, and only new flaws count: a parent's own
/// dangling reference does not block a patch that leaves it alone.
public struct PatchGuard: Sendable {
    /// Most entities one patch may touch (created, edited or removed).
    public var maxEntities: Int

    public init(maxEntities: Int = 3) { self.maxEntities = maxEntities }

    /// Judges `proposed` against `baseline`'s container. `tried` holds the digests already
    /// proposed in this run.
    public func check(_ proposed: ProposedPatch, against baseline: GuardBaseline, tried: Set<String> = []) -> GuardVerdict {
        let patch: JSONPatch
        switch proposed {
        case .patch(let p):
            patch = p
        case .json(let json):
            do { patch = try JSONPatch(json: json) } catch {
                return .rejected(GuardRejection(.invalidJSON, "not a JSON Patch: \(error)"), applied: nil)
            }
        case .unparsable(_, let reason):
            return .rejected(GuardRejection(.invalidJSON, reason), applied: nil)
        case .none(let reason, let detail):
            // The mutator declined; not a guard verdict, but recorded the same way.
            return .declined(reason: reason, detail: detail)
        }
        let digest = EntityPatch.digest(of: patch)
        if tried.contains(digest) { return .rejected(GuardRejection(.repeatedProposal, "this patch was already tried in this run"), applied: nil) }

        let applied: EntityPatch
        do {
            applied = try EntityPatch.resolve(patch, against: baseline.analysis.container.document)
        } catch {
            switch error {
            case .empty: return .rejected(GuardRejection(.emptyPatch, error.description), applied: nil)
            case .identityChanged: return .rejected(GuardRejection(.identityChanged, error.description), applied: nil)
            default: return .rejected(GuardRejection(.patchFailed, error.description), applied: nil)
            }
        }
        if applied.touched.count > maxEntities {
            return .rejected(GuardRejection(.tooManyEntities, "touches \(applied.touched.count) entities (\(applied.touched.map(\.description).joined(separator: ", "))); at most \(maxEntities)"), applied: applied)
        }
        if unchanged(applied, parent: baseline.analysis.container) {
            return .rejected(GuardRejection(.noChange, "the patch leaves every entity as it was"), applied: applied)
        }
        let container: Container
        // Untouched entities are taken from the parent already decoded: a patch edits a few of thousands.
        var changed: [String: Set<String>] = [:]
        for key in applied.touched { changed[key.collection.rawValue, default: []].insert(key.id) }
        do { container = try Container(document: applied.document, reusing: baseline.analysis.container, changed: changed) } catch {
            return .rejected(GuardRejection(.invalidContainer, error.description), applied: applied)
        }
        if let rejection = placeholders(applied, baseline) { return .rejected(rejection, applied: applied) }
        let analysis = ContainerAnalysis(container)
        if let rejection = structure(analysis, against: baseline, removedOrEdited: applied.touched.filter { $0.collection == .tag }.map(\.id)) {
            return .rejected(rejection, applied: applied)
        }
        // A patch to tags, triggers and folders leaves every other tag's fired entries as the
        // parent's simulation has them: only the changed tags are resolved again.
        let reusable = applied.touched.allSatisfy { [.tag, .trigger, .folder].contains($0.collection) }
        let changedTags = reusable ? Set(applied.touched.filter { $0.collection == .tag }.map(\.id)) : nil
        switch coverage(analysis, against: baseline, changedTags: changedTags) {
        case .failure(let rejection):
            return .rejected(rejection, applied: applied)
        case .success(let preview):
            return .accepted(GuardedCandidate(patch: applied, digest: digest, analysis: analysis, preview: preview))
        }
    }

    /// True when every touched entity is byte-for-byte what it was and nothing was added or removed.
    private func unchanged(_ applied: EntityPatch, parent: Container) -> Bool {
        guard applied.created.isEmpty, applied.removed.isEmpty else { return false }
        for key in applied.touched {
            guard let before = EntityLookup.raw(key, in: parent.document), let after = EntityLookup.raw(key, in: applied.document) else { return false }
            if before != after { return false }
        }
        return true
    }

    /// The container-level checks, for any candidate against the container it came from: identity,
    /// unique ids and names, references, removed live tags (`tags` limits that check to the ids
    /// given; nil checks every tag), and coverage (see ``GuardBaseline``). The loop's patches and a
    /// run's final winner (against the run's initial container) both pass through it.
    public func validate(_ analysis: ContainerAnalysis, against baseline: GuardBaseline, removedOrEdited tags: [String]? = nil) -> GuardRejection? {
        if let rejection = structure(analysis, against: baseline, removedOrEdited: tags) { return rejection }
        if case .failure(let rejection) = coverage(analysis, against: baseline) { return rejection }
        return nil
    }

    /// Every check of ``validate(_:against:removedOrEdited:)`` but coverage.
    private func structure(_ analysis: ContainerAnalysis, against baseline: GuardBaseline, removedOrEdited tags: [String]?) -> GuardRejection? {
        let container = analysis.container
        let parent = baseline.analysis.container
        if container.exportFormatVersion != parent.exportFormatVersion {
            return GuardRejection(.identityChanged, "exportFormatVersion changed from \(parent.exportFormatVersion.literal) to \(container.exportFormatVersion.literal)")
        }
        if container.accountId != parent.accountId || container.containerId != parent.containerId || container.publicId != parent.publicId
            || container.document["containerVersion"]?["container"] != parent.document["containerVersion"]?["container"]
        {
            return GuardRejection(.identityChanged, "the container's identity changed")
        }
        if Identity.foreignEntities(in: container) > baseline.foreignEntities {
            return GuardRejection(.identityChanged, "an entity now carries another account or container id than the container's")
        }
        if Duplicates.ids(in: container) > baseline.duplicateIds { return GuardRejection(.duplicateId, "two entities of one kind now share an id") }
        if Duplicates.names(in: container) > baseline.duplicateNames {
            return GuardRejection(.duplicateName, "two tags, triggers or variables now share a name")
        }
        if let rejection = references(analysis, baseline) { return rejection }
        if let rejection = removedTags(analysis, tags ?? baseline.analysis.container.tags.map(\.id), baseline) { return rejection }
        return nil
    }

    /// The coverage check: the static pairs first (cheap), then, when the simulator judges the
    /// parent, each scenario's fired pairs. Succeeds with the candidate's simulation (nil when
    /// none ran), which the loop reuses for QA and as the next baseline. `changedTags`, when the
    /// candidate differs from the parent in tags, triggers and folders only, names the tags to
    /// resolve again (the others' entries are the parent's; see `ContainerSimulator`).
    private func coverage(_ analysis: ContainerAnalysis, against baseline: GuardBaseline,
                          changedTags: Set<String>? = nil) -> Result<[SimulationResult]?, GuardRejection>
    {
        var required = baseline.measuredPairs
        // With scenarios to judge it, an open-ended pair is not a promise: narrowing a `contains`
        // trigger to `equals` drops (destination, *) while every event the scenarios send still fires.
        if baseline.isSimulated { required = required.filter { $0.event != "*" } }
        let lost = required.subtracting(analysis.measuredPairs)
        if !lost.isEmpty {
            return .failure(GuardRejection(.coverageLost, "no live tag sends \(Self.list(lost.sorted())) any more"))
        }
        guard baseline.isSimulated else { return .success(nil) }
        let simulator: ContainerSimulator
        do { simulator = try ContainerSimulator(analysis: analysis) } catch {
            return .failure(GuardRejection(.coverageLost, "the preview simulator cannot run the candidate: \(error)"))
        }
        var results: [SimulationResult] = []
        var losses: [(scenario: String, pairs: [MeasuredPair])] = []
        for (index, scenario) in baseline.scenarios.enumerated() {
            let result: SimulationResult
            do {
                if let changedTags, let parent = baseline.preview?[index] {
                    result = try simulator.run(scenario, reusing: parent, changedTags: changedTags)
                } else {
                    result = try simulator.run(scenario)
                }
            } catch {
                return .failure(GuardRejection(.coverageLost, "the preview simulator cannot run the candidate through scenario \(scenario.name): \(error)"))
            }
            results.append(result)
            let pairs = PreviewCoverage.lost(from: baseline.firedPairs[index], in: PreviewCoverage.firedPairs(in: [result]))
            if !pairs.isEmpty { losses.append((scenario.name, pairs)) }
        }
        if let first = losses.first {
            var detail = "scenario \(first.scenario) no longer fires \(Self.list(first.pairs))"
            if losses.count > 1 { detail += " (pairs are lost in \(losses.dropFirst().map(\.scenario).joined(separator: ", ")) too)" }
            return .failure(GuardRejection(.coverageLost, detail))
        }
        return .success(results)
    }

    /// `(ga4, purchase), (meta, purchase)`: at most five pairs, then how many more.
    private static func list(_ pairs: [MeasuredPair]) -> String {
        var text = pairs.prefix(5).map { "(\($0.destination.rawValue), \($0.event))" }.joined(separator: ", ")
        if pairs.count > 5 { text += " and \(pairs.count - 5) more" }
        return text
    }

    /// Every %%TOKEN%% in an edited entity must still be there after. (Removing a whole entity is
    /// judged by the tag and coverage checks.)
    private func placeholders(_ applied: EntityPatch, _ baseline: GuardBaseline) -> GuardRejection? {
        let parent = baseline.analysis.container
        var before = Set<String>(), after = Set<String>()
        for key in applied.touched where !applied.removed.contains(key) {
            if let raw = EntityLookup.raw(key, in: parent.document) { Placeholders.collect(in: .object(raw), into: &before) }
            if let raw = EntityLookup.raw(key, in: applied.document) { Placeholders.collect(in: .object(raw), into: &after) }
        }
        if let lost = before.subtracting(after).sorted().first {
            return GuardRejection(.placeholderLost, "the placeholder \(lost) is gone")
        }
        return nil
    }

    private func references(_ analysis: ContainerAnalysis, _ baseline: GuardBaseline) -> GuardRejection? {
        let dangling = DanglingReference.all(in: analysis).subtracting(baseline.dangling)
        if let first = dangling.sorted(by: { $0.description < $1.description }).first {
            return GuardRejection(.danglingReference, "\(first.description) does not exist")
        }
        let unresolved = UnresolvedVariables.names(in: analysis).subtracting(baseline.unresolved)
        if let first = unresolved.sorted().first {
            return GuardRejection(.unresolvedVariable, "{{\(first)}} is referenced but not defined")
        }
        return nil
    }

    /// A live tag may go (or be paused) only when another tag that stays live duplicates it: the
    /// same type and destination, sending every event it sends (or the very same parameters).
    private func removedTags(_ analysis: ContainerAnalysis, _ ids: [String], _ baseline: GuardBaseline) -> GuardRejection? {
        let parent = baseline.analysis
        let candidate = analysis.container
        for id in ids {
            guard let i = parent.graph.tagIndexById[id], parent.isLive[i] else { continue }
            let tag = parent.container.tags[i]
            let now = analysis.graph.tagIndexById[id].map { candidate.tags[$0] }
            let gone = now == nil || (now!.isPaused && !tag.isPaused)
            guard gone else { continue }
            let profile = parent.tagProfiles[i], events = parent.tagEvents[i]
            let duplicateStays = candidate.tags.indices.contains { j in
                let other = candidate.tags[j]
                guard other.id != tag.id, analysis.isLive[j], other.type == tag.type else { return false }
                if other.raw["parameter"] == tag.raw["parameter"] { return true }
                let otherEvents = analysis.tagEvents[j]
                return profile.destination != nil && analysis.tagProfiles[j].destination == profile.destination
                    && Set(events.names).isSubset(of: otherEvents.names) && (!events.isOpenEnded || otherEvents.isOpenEnded)
            }
            if !duplicateStays {
                return GuardRejection(.tagRemoved, "tag \(tag.id) \"\(tag.name)\" is live and not a duplicate; it may not be \(now == nil ? "removed" : "paused")")
            }
        }
        return nil
    }
}

/// The guard's answer.
public enum GuardVerdict: Sendable {
    case accepted(GuardedCandidate)
    /// `applied` is the resolved patch when it applied (for the round's diff), nil otherwise.
    case rejected(GuardRejection, applied: EntityPatch?)
    /// The mutator proposed nothing (a refusal, a truncated answer, nothing left to try).
    case declined(reason: String, detail: String)
}

/// A candidate that passed every check, ready to score: its analysis is reused by the scorer.
public struct GuardedCandidate: Sendable {
    public let patch: EntityPatch
    public let digest: String
    public let analysis: ContainerAnalysis
    /// The candidate's run through the baseline's scenarios, in order; nil when the simulator did
    /// not judge coverage. The loop's QA checks read it, and a kept candidate's becomes the next
    /// baseline's, so no container is simulated twice.
    public let preview: [SimulationResult]?
}
