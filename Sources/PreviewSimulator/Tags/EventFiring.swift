import GTMModel
import LosslessJSON

/// The firing of tags on one event: sequences, firing options and consent (see ``TagFiring``).
struct EventFiring {
    /// Why a tag is being fired.
    enum Role {
        case main(firedBy: [String])
        case setup(of: String)
        case teardown(of: String)
    }

    let prepared: PreparedContainer
    let event: SimulatedEvent
    let variables: VariableEvaluator
    let consent: ConsentState
    /// Tag indices fired on this page, this event included.
    var pageFired: Set<Int>
    /// An earlier run's fired tags on this event, by tag id (see ``FiredTagReuse``).
    let reusable: [String: [FiredTag]]
    private(set) var fired: [FiredTag] = []
    private(set) var blocked: [BlockedTag] = []
    private var firedThisEvent: Set<Int> = []
    private var inProgress: Set<Int> = []

    init(prepared: PreparedContainer, event: SimulatedEvent, variables: VariableEvaluator, consent: ConsentState, pageFired: Set<Int>,
         reusable: [String: [FiredTag]] = [:])
    {
        self.prepared = prepared
        self.event = event
        self.variables = variables
        self.consent = consent
        self.pageFired = pageFired
        self.reusable = reusable
    }

    /// Records a tag held back (once per tag and reason on an event).
    mutating func block(_ index: Int, _ reason: BlockedTag.Reason, _ detail: String, deniedConsent: [String] = [], blockingTriggers: [String] = []) {
        let tag = prepared.container.tags[index]
        guard !blocked.contains(where: { $0.tagId == tag.id && $0.name == tag.name && $0.reason == reason }) else { return }
        blocked.append(BlockedTag(tagId: tag.id, name: tag.name, reason: reason, detail: detail,
                                  deniedConsent: deniedConsent, blockingTriggers: blockingTriggers))
    }

    /// Fires the tag at `index` with its setup and teardown tags. Returns whether it fired (or had
    /// already fired, which counts as success for a setup tag).
    mutating func sequence(_ index: Int, role: Role) -> Bool {
        let tag = prepared.container.tags[index]
        guard !inProgress.contains(index) else { return false }
        if case .main = role {} else if tag.isPaused {
            block(index, .paused, "the tag is paused")
            return false
        }
        switch FiringOption(tag.firingOption) {
        case .oncePerEvent where firedThisEvent.contains(index):
            return true
        case .oncePerPage where pageFired.contains(index):
            if case .main = role { block(index, .oncePerPage, "fires once per page and already fired on this page") }
            return true
        default:
            break
        }
        if let settings = tag.consent, settings.status == .needed {
            let denied = consent.denied(among: settings.types)
            if !denied.isEmpty {
                block(index, .consent, "consent not granted: " + denied.joined(separator: ", ") + " denied", deniedConsent: denied)
                return false
            }
        }
        inProgress.insert(index)
        defer { inProgress.remove(index) }
        for setup in tag.setupTags {
            let ok = prepared.tagIndex(named: setup.tagName).map { sequence($0, role: .setup(of: tag.name)) } ?? false
            if !ok, setup.stopOnFailure {
                block(index, .setupFailed, "setup tag \"\(setup.tagName)\" did not fire")
                return false
            }
        }
        fired.append(makeFiredTag(index, role: role))
        firedThisEvent.insert(index)
        pageFired.insert(index)
        for teardown in tag.teardownTags {
            if let k = prepared.tagIndex(named: teardown.tagName) { _ = sequence(k, role: .teardown(of: tag.name)) }
        }
        return true
    }

    private func makeFiredTag(_ index: Int, role: Role) -> FiredTag {
        let tag = prepared.container.tags[index]
        if let earlier = reusable[tag.id]?.first(where: { $0.name == tag.name && $0.type == tag.type && role.matches($0) }) { return earlier }
        let profile = prepared.profiles[index]
        let (parameters, diagnostics) = ParameterResolver(variables: variables).resolve(tag.parameters, codeKey: tag.type == "html" ? "html" : nil)
        var firedBy: [String] = [], setupFor: String?, teardownFor: String?
        switch role {
        case .main(let names): firedBy = names
        case .setup(let name): setupFor = name
        case .teardown(let name): teardownFor = name
        }
        var consentMode: [String] = []
        if let destination = profile.destination, destination.hasBuiltInConsentChecks || profile.role == .conversionLinker {
            consentMode = consent.denied(among: destination.requiredConsentTypes)
        }
        return FiredTag(tagId: tag.id, name: tag.name, type: tag.type, destination: profile.destination, role: profile.role,
                        firedBy: firedBy, setupFor: setupFor, teardownFor: teardownFor, parameters: parameters,
                        ecommerce: ecommerce(of: tag), sends: TagSends.events(of: tag, profile: profile, parameters: parameters, event: event),
                        consentModeDenied: consentMode, diagnostics: diagnostics)
    }

    /// What a GA4 event tag with "Send Ecommerce data" sends: the data layer's `ecommerce`, or
    /// the object variable it names.
    private func ecommerce(of tag: Tag) -> PreviewValue? {
        guard tag.type == "gaawe", tag.parameters[key: "sendEcommerceData"]?.isTrue == true else { return nil }
        if tag.parameters.value("getEcommerceDataFrom") == "customObject" {
            return variables.resolve(tag.parameters.value("ecommerceMacroData") ?? "")
        }
        return variables.page.model.value(atPath: "ecommerce").map(PreviewValue.json) ?? .undefined
    }
}

extension EventFiring.Role {
    /// Whether `tag` fired in this role: by the same triggers, or as the same tag's setup or teardown.
    func matches(_ tag: FiredTag) -> Bool {
        switch self {
        case .main(let names): tag.setupFor == nil && tag.teardownFor == nil && tag.firedBy == names
        case .setup(let name): tag.setupFor == name && tag.teardownFor == nil
        case .teardown(let name): tag.teardownFor == name && tag.setupFor == nil
        }
    }
}
