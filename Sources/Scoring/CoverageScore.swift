import GTMModel

/// The `coverage` formula: how well live tags measure the tracking plan, times a dead-tag factor.
///
///     coverage = planCredit × (1 − 0.5 × dead / (dead + live))
///
/// `planCredit` averages, over the plan's events, the best health of a live tag sending the event
/// (1 for a healthy tag, less for risky code or a missing Google tag / Conversion Linker; an
/// open-ended web trigger earns half). Both factors can only fall when a live tag is deleted: a
/// best-of over fewer tags cannot rise, and `live` shrinks while `dead` cannot. So the loop can
/// never delete its way to a better coverage score. With an empty plan the score is the dead-tag
/// factor alone, and with no tags either, the dimension is not applicable.
struct CoverageScore {
    let score: Double?

    init(context: ScoringContext) {
        let analysis = context.analysis
        let total = analysis.container.tags.count
        let live = analysis.isLive.filter { $0 }.count
        let dead = total - live
        let deadFactor = total > 0 ? 1 - 0.5 * Double(dead) / Double(total) : 1
        if context.plan.events.isEmpty {
            score = total > 0 ? deadFactor : nil
            return
        }
        let credit = context.planCredit
        let planCredit = context.plan.events.reduce(0.0) { $0 + (credit[$1] ?? 0) } / Double(context.plan.events.count)
        score = planCredit * deadFactor
    }

    /// The best credit each plan event earns (only events with credit > 0 appear).
    static func planCredit(analysis: ContainerAnalysis, plan: TrackingPlan, health facts: HealthFacts) -> [String: Double] {
        let wanted = Set(plan.events)
        let openCredit = analysis.container.isServer ? 1.0 : 0.5
        var credit: [String: Double] = [:]
        for i in analysis.liveSendingTags {
            let health = facts.health[i]
            let events = analysis.tagEvents[i]
            for name in events.names where wanted.contains(name) {
                credit[name] = max(credit[name] ?? 0, health)
            }
            if events.isOpenEnded {
                for name in wanted { credit[name] = max(credit[name] ?? 0, health * openCredit) }
            }
        }
        return credit.filter { $0.value > 0 }
    }
}

/// Container-wide facts that discount a tag's health, shared by the coverage formula and rules.
struct HealthFacts: Sendable {
    let hasLiveGoogleTag: Bool
    let hasLiveConversionLinker: Bool
    /// Parallel to `container.tags`: 1 for a healthy tag, down to 0.2.
    let health: [Double]

    init(_ analysis: ContainerAnalysis) {
        var googleTag = false, linker = false
        for (i, profile) in analysis.tagProfiles.enumerated() where analysis.isLive[i] {
            if profile.role == .googleTagConfig, profile.destination == .ga4 { googleTag = true }
            if profile.role == .conversionLinker { linker = true }
        }
        hasLiveGoogleTag = googleTag
        hasLiveConversionLinker = linker
        health = analysis.container.tags.indices.map { i in
            HealthFacts.health(ofTag: i, analysis, hasLiveGoogleTag: googleTag, hasLiveConversionLinker: linker)
        }
    }

    /// 1 for a healthy tag; less for risky code, a GA4 event without a Google tag, or a web Ads
    /// conversion without a Conversion Linker.
    static func health(ofTag i: Int, _ analysis: ContainerAnalysis, hasLiveGoogleTag: Bool, hasLiveConversionLinker: Bool) -> Double {
        let tag = analysis.container.tags[i]
        let profile = analysis.tagProfiles[i]
        var health = 1.0
        if let html = tag.html, !CustomHTMLRisks.risks(in: html).isEmpty { health -= 0.3 }
        if tag.type == "gaawe", !hasLiveGoogleTag, !analysis.container.isServer { health -= 0.2 }
        if profile.destination == .googleAds, profile.role == .measurement, !hasLiveConversionLinker, !analysis.container.isServer {
            health -= 0.2
        }
        return max(0.2, health)
    }
}
