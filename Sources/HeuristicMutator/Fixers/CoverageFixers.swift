import GTMModel
import LosslessJSON
import Mutation
import Scoring

/// Dead tags (paused, without a firing trigger, of a sunset type) are removed, with the triggers
/// and variables only they used. A dead tag sends nothing, so no measured pair is lost.
struct DeadTagFixer: Fixer {
    let rules: Set<String> = ["coverage.paused_tag", "coverage.no_firing_trigger", "coverage.deprecated_tag_type"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (index, tag) = context.tag(id: finding.entity.id), !context.analysis.isLive[index] else { return [] }
        let why = switch finding.rule {
        case "coverage.paused_tag": "it is paused and never fires"
        case "coverage.no_firing_trigger": "it has no firing trigger and never fires"
        default: "its type (\(tag.type)) no longer sends data"
        }
        var full = RemovalPlan(context)
        guard full.removeTag(index) else { return [] }
        full.sweep()
        var result = [FixProposal(full.operations, removal(full, tag, why))]
        if full.removed.count > 1 {
            result.append(FixProposal([.remove(path: PatchPath.tag(tag.id))], "Remove tag \"\(tag.name)\": \(why)."))
        }
        return result
    }

    private func removal(_ plan: RemovalPlan, _ tag: Tag, _ why: String) -> String {
        let others = plan.removed.dropFirst().map { "\($0.kind.rawValue) \"\($0.name)\"" }
        return "Remove tag \"\(tag.name)\": \(why)" + (others.isEmpty ? "." : "; also remove \(others.joined(separator: ", ")), which only it used.")
    }
}

/// A trigger id that names no trigger is dropped from the tag's firing or blocking list.
struct DanglingTriggerFixer: Fixer {
    let rules: Set<String> = ["coverage.dangling_trigger"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let missing = finding.ref, let (_, tag) = context.tag(id: finding.entity.id) else { return [] }
        var operations: [JSONPatch.Operation] = []
        for (key, ids) in [("firingTriggerId", tag.firingTriggerIds), ("blockingTriggerId", tag.blockingTriggerIds)] where ids.contains(missing) {
            if ids.allSatisfy({ $0 == missing }) {
                operations.append(.remove(path: PatchPath.tag(tag.id, key)))
                continue
            }
            for position in ids.indices.reversed() where ids[position] == missing {
                let path = PatchPath.tag(tag.id, key, String(position))
                operations += [.test(path: path, value: .string(missing)), .remove(path: path)]
            }
        }
        guard !operations.isEmpty else { return [] }
        return [FixProposal(operations, "Drop trigger id \(missing), which does not exist, from tag \"\(tag.name)\".")]
    }
}

/// A Google tag for the GA4 property the event tags send to, on Initialization - All Pages.
struct GoogleTagFixer: Fixer {
    let rules: Set<String> = ["coverage.google_tag_missing"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard var measurement = MeasurementIds.ga4Source(in: context) else { return [] }
        let separator = context.naming.separator
        var operations: [JSONPatch.Operation] = []
        var room = context.maxEntities - 1
        let pick: FolderDirectory.Pick = context.folders.vendorFolder(for: .ga4).map { .existing(id: $0) } ?? .new(name: "GA4")
        let placement = context.placementForNewEntity(pick, label: "new-3", room: room)
        if placement?.createsFolder == true { room -= 1 }
        operations += placement?.operations ?? []
        if !measurement.contains("{{") {
            if let constant = MeasurementIds.constant(holding: measurement, in: context) {
                measurement = GTMJSON.reference(constant.name)
            } else if room >= 1, let name = context.names.unique("Const\(separator)GA4 Measurement ID", kind: .variable, accepts: { context.judge.acceptsVariable($0, type: "c") }) {
                operations.append(.add(path: PatchPath.new(.variable), value: NewEntities.constant(label: "new-2", name: name, value: measurement, folder: placement?.folderId)))
                measurement = GTMJSON.reference(name)
            }
        }
        guard let name = context.names.unique(["GA4", "Google Tag", "Configuration"].joined(separator: separator), kind: .tag, accepts: context.judge.acceptsTag) else { return [] }
        let tag = NewEntities.tag(label: "new-1", name: name, type: "googtag", parameters: [GTMJSON.template("tagId", measurement)],
                                  firing: [NewEntities.initialization], consent: ConsentChoice.target(for: .ga4, in: context.analysis), folder: placement?.folderId)
        operations.append(.add(path: PatchPath.new(.tag), value: tag))
        return [FixProposal(operations, "Add Google tag \"\(name)\" loading \(measurement) on Initialization - All Pages, the configuration the GA4 event tags rely on.")]
    }
}

/// A Conversion Linker on All Pages when Google Ads tags lack one.
struct ConversionLinkerFixer: Fixer {
    let rules: Set<String> = ["coverage.conversion_linker_missing"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        let separator = context.naming.separator
        guard let name = context.names.unique(["Google Ads", "Conversion Linker", "All Pages"].joined(separator: separator), kind: .tag, accepts: context.judge.acceptsTag) else { return [] }
        let pick: FolderDirectory.Pick = context.folders.vendorFolder(for: .googleAds).map { .existing(id: $0) } ?? .new(name: "Google Ads")
        let placement = context.placementForNewEntity(pick, label: "new-2", room: context.maxEntities - 1)
        let tag = NewEntities.tag(label: "new-1", name: name, type: "gclidw",
                                  parameters: [GTMJSON.boolean("enableCrossDomain", false), GTMJSON.boolean("enableUrlPassthrough", false),
                                               GTMJSON.boolean("enableCookieOverrides", false)],
                                  firing: [NewEntities.allPages], consent: ConsentChoice.target(for: .googleAds, in: context.analysis), folder: placement?.folderId)
        return [FixProposal((placement?.operations ?? []) + [.add(path: PatchPath.new(.tag), value: tag)],
                            "Add Conversion Linker \"\(name)\" on All Pages so Google Ads conversions keep the click id.")]
    }
}

/// Custom HTML that loads scripts over plain `http:` loads them over `https:` (the other risks
/// need a person).
struct CustomHTMLHttpsFixer: Fixer {
    let rules: Set<String> = ["coverage.custom_html_risk"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, tag) = context.tag(id: finding.entity.id), let p = tag.parameters.firstIndex(where: { $0.key == "html" }),
              let code = tag.parameters[p].value, let fixed = CustomHTMLHttpsFixer.upgradingScriptSources(code), fixed != code
        else { return [] }
        // Propose only when https was the whole problem.
        let probe = GTMJSON.object(["tagId": "1", "name": "probe", "type": "html", "parameter": .array([GTMJSON.template("html", fixed)])])
        guard context.judge.tagPasses("coverage.custom_html_risk", tag: probe) else { return [] }
        return [FixProposal([.replace(path: PatchPath.tag(tag.id, "parameter", String(p), "value"), value: .string(fixed))],
                            "Load the scripts of Custom HTML tag \"\(tag.name)\" over https instead of plain http.")]
    }

    /// `src="http:…` → `src="https:…` (quotes, spacing and letter case as the scorer reads them).
    static func upgradingScriptSources(_ code: String) -> String? {
        var bytes = Array(code.utf8)
        let lower = bytes.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
        let needles = ["src=\"http:", "src='http:", "src = \"http:", "src = 'http:"].map { Array($0.utf8) }
        var inserts: [Int] = []
        var i = 0
        while i < lower.count {
            if let needle = needles.first(where: { i + $0.count <= lower.count && lower[i..<(i + $0.count)].elementsEqual($0) }) {
                inserts.append(i + needle.count - 1)  // before the ':' of "http:"
                i += needle.count
            } else {
                i += 1
            }
        }
        guard !inserts.isEmpty else { return nil }
        for offset in inserts.reversed() { bytes.insert(UInt8(ascii: "s"), at: offset) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The live-only flag is cleared so the tag can be previewed.
struct LiveOnlyFixer: Fixer {
    let rules: Set<String> = ["coverage.live_only"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let (_, tag) = context.tag(id: finding.entity.id), tag.raw["liveOnly"] != nil else { return [] }
        return [FixProposal([.remove(path: PatchPath.tag(tag.id, "liveOnly"))], "Clear the live-only flag of tag \"\(tag.name)\" so it can be checked in Preview.")]
    }
}

/// A plan event no live tag sends gets a GA4 event tag.
struct PlanEventFixer: Fixer {
    let rules: Set<String> = ["coverage.plan_event_missing"]

    func proposals(for finding: Finding, in context: FixContext) -> [FixProposal] {
        guard let event = finding.ref else { return [] }
        return GA4EventTag.proposals(sending: event, why: "the tracking plan's event \(event) is sent by no live tag", in: context)
    }
}
