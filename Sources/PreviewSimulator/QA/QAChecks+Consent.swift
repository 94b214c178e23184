import GTMModel

extension QAChecks {
    /// "Nothing but consent and initialisation tags fires before consent is granted": flags
    /// every tag that sends data and fires while the consent type its destination depends on
    /// (`ad_storage` for advertising, `analytics_storage` otherwise) is denied. Consent tags
    /// and tags that send nothing are always allowed; with `allowingConsentModeTags` (the
    /// default), so are Google tags, whose built-in consent checks send cookieless pings only.
    /// A scenario that never denies consent passes.
    public static func nothingFiresBeforeConsent(_ result: SimulationResult, allowingConsentModeTags: Bool = true) -> QAVerdict {
        var findings: [QAFinding] = []
        for event in result.events {
            for tag in event.fired {
                guard let destination = tag.destination, tag.role != .consentDefault, tag.role != .consentUpdate,
                      tag.role != .utility, tag.role != .deprecated
                else { continue }
                if allowingConsentModeTags, destination.hasBuiltInConsentChecks || tag.role == .conversionLinker { continue }
                let needed = destination.category == .advertising ? "ad_storage" : "analytics_storage"
                guard !event.consent.isGranted(needed) else { continue }
                findings.append(QAFinding(
                    message: "\(tag.name) (\(destination.displayName)) fires on \(place(event)) while \(needed) is denied",
                    event: event.number, step: event.step, tag: tag.name))
            }
        }
        return QAVerdict(check: .nothingBeforeConsent, scenario: result.scenario, findings: findings)
    }
}
