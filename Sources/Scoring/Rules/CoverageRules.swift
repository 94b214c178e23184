import GTMModel

/// Rules of the `coverage` dimension: is the plan tagged, and are the tags alive and healthy.
/// (The dimension's score comes from ``CoverageScore``; these rules explain it.)
enum CoverageRules {
    static let all: [any Rule] = [
        PlanEventMissing(), PausedTag(), NoFiringTrigger(), DeprecatedTagType(), DanglingFiringTrigger(),
        GoogleTagMissing(), ConversionLinkerMissing(), CustomHTMLRisk(), EmptyCustomHTML(), LiveOnlyTag(),
    ]

    struct PlanEventMissing: Rule {
        let descriptor = RuleDescriptor(
            "plan_event_missing", .coverage, .warning,
            title: "An event of the tracking plan is sent by no live tag",
            rationale: "The tracking plan lists the events the business needs (by default the GA4 ecommerce funnel). An event that no live tag sends to any destination is simply not measured: reports, audiences and bidding that depend on it see nothing. Event names are compared after mapping vendor spellings to GA4's (Meta `Purchase` and TikTok `CompletePayment` both count as `purchase`).",
            hint: "Add a tag that sends this event (for GA4, an event tag on a custom-event trigger for it), or pass --plan with the events this site really has.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let covered = context.planCredit
            let subject = containerReference(context.container)
            for event in context.plan.events {
                results.check(covered[event] != nil, subject, "No live tag sends the plan event \"\(event)\".", ref: event)
            }
        }
    }

    struct PausedTag: Rule {
        let descriptor = RuleDescriptor(
            "paused_tag", .coverage, .warning,
            title: "A tag is paused",
            rationale: "A paused tag never fires. Paused tags are usually experiments or retired vendors left behind; they clutter the container and hide whether a measurement is meant to be live.",
            hint: "Delete the tag if it is retired, or unpause it if the measurement is still needed.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            for tag in context.container.tags {
                results.check(!tag.isPaused, tag.reference, "Tag \"\(tag.name)\" is paused and never fires.")
            }
        }
    }

    struct NoFiringTrigger: Rule {
        let descriptor = RuleDescriptor(
            "no_firing_trigger", .coverage, .warning,
            title: "A tag has no firing trigger and is not sequenced by another tag",
            rationale: "A tag with no firing trigger only runs if another tag names it as its setup or teardown tag. Otherwise it is dead configuration that never sends anything.",
            hint: "Attach a firing trigger, name it as another tag's setup/teardown tag, or delete it.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            for tag in context.container.tags {
                let fires = !tag.firingTriggerIds.isEmpty || context.graph.sequencedTagNames.contains(tag.name)
                results.check(fires, tag.reference, "Tag \"\(tag.name)\" has no firing trigger and no tag sequences it.")
            }
        }
    }

    struct DeprecatedTagType: Rule {
        static let sunsetTypes: [String: String] = [
            "ua": "Universal Analytics stopped processing data in July 2023 (360: July 2024)",
            "ga": "Classic Google Analytics (ga.js) was shut down years ago",
            "ua_amp": "Universal Analytics for AMP stopped processing data with Universal Analytics",
        ]

        let descriptor = RuleDescriptor(
            "deprecated_tag_type", .coverage, .error,
            title: "A tag uses a sunset type (Universal Analytics, classic GA)",
            rationale: "Universal Analytics and classic Google Analytics no longer process hits. Tags of these types (and Custom HTML that loads analytics.js) send data nowhere while still costing page weight, and their presence suggests the GA4 migration is incomplete.",
            hint: "Replace the measurement with a GA4 event tag (or a Google tag for page views) and delete the old tag.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            let tags = context.container.tags
            for i in tags.indices {
                if let why = DeprecatedTagType.sunsetTypes[tags[i].type] {
                    results.fail(tags[i].reference, "Tag \"\(tags[i].name)\" is of type \(tags[i].type): \(why).")
                } else if context.analysis.tagProfiles[i].role == .deprecated {
                    results.fail(tags[i].reference, "Custom HTML tag \"\(tags[i].name)\" loads Universal Analytics, which no longer processes data.")
                } else {
                    results.pass()
                }
            }
        }
    }

    struct DanglingFiringTrigger: Rule {
        let descriptor = RuleDescriptor(
            "dangling_trigger", .coverage, .error,
            title: "A tag names a firing or blocking trigger that does not exist",
            rationale: "A trigger id that is neither a trigger of the container nor one of GTM's built-in ids (All Pages, Initialization, Consent Initialization) cannot fire the tag or block it. GTM refuses to import such a container in some cases and silently drops the reference in others.",
            hint: "Point the tag at an existing trigger, or remove the stale id.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            for tag in context.container.tags {
                for id in tag.firingTriggerIds + tag.blockingTriggerIds {
                    let exists = BuiltInTrigger.isBuiltIn(id) || context.graph.triggerIndexById[id] != nil
                    results.check(exists, tag.reference, "Tag \"\(tag.name)\" references trigger id \(id), which does not exist.", ref: id)
                }
            }
        }
    }

    struct GoogleTagMissing: Rule {
        let descriptor = RuleDescriptor(
            "google_tag_missing", .coverage, .warning,
            title: "GA4 event tags without a live Google tag (GA4 configuration)",
            rationale: "GA4 event tags rely on a Google tag for the measurement id's configuration: page views, cookie settings, server container URL and user-provided data. Without one, events arrive without the configuration the property expects and page views are missing.",
            hint: "Add a Google tag (type googtag) with the G- measurement id, firing on Initialization - All Pages.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard !context.container.isServer else { return }
            let analysis = context.analysis
            let hasEvents = context.container.tags.indices.contains { analysis.isLive[$0] && context.container.tags[$0].type == "gaawe" }
            guard hasEvents else { return }
            results.check(context.health.hasLiveGoogleTag, containerReference(context.container),
                          "The container has live GA4 event tags but no live Google tag / GA4 configuration tag.")
        }
    }

    struct ConversionLinkerMissing: Rule {
        let descriptor = RuleDescriptor(
            "conversion_linker_missing", .coverage, .warning,
            title: "Google Ads tags without a live Conversion Linker",
            rationale: "The Conversion Linker stores the ad click id (gclid) in first-party cookies. Without it, Google Ads conversion tags lose the click on the next page and under-report conversions, especially in browsers that restrict third-party cookies.",
            hint: "Add a Conversion Linker tag (type gclidw) firing on All Pages (or Initialization).")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            guard !context.container.isServer else { return }
            let analysis = context.analysis
            let hasAds = analysis.liveSendingTags.contains { analysis.tagProfiles[$0].destination == .googleAds && analysis.tagProfiles[$0].role == .measurement }
            guard hasAds else { return }
            results.check(context.health.hasLiveConversionLinker, containerReference(context.container),
                          "The container has live Google Ads tags but no live Conversion Linker.")
        }
    }

    struct CustomHTMLRisk: Rule {
        let descriptor = RuleDescriptor(
            "custom_html_risk", .coverage, .warning,
            title: "Custom HTML uses risky code (document.write, eval, http: scripts, pasted secrets)",
            rationale: "Custom HTML runs unsandboxed in the page. document.write breaks when GTM injects code asynchronously, eval defeats Content Security Policy, scripts over plain http: are blocked on https pages, and a secret pasted into a tag is published to every visitor.",
            hint: "Use a Community Template Gallery template where one exists; otherwise load scripts over https with createElement, remove eval, and move secrets to a server container.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            for tag in context.container.tags {
                guard let html = tag.html else { continue }
                let risks = CustomHTMLRisks.risks(in: html)
                results.check(risks.isEmpty, tag.reference, "Custom HTML tag \"\(tag.name)\" \(risks.joined(separator: "; ")).")
            }
        }
    }

    struct EmptyCustomHTML: Rule {
        let descriptor = RuleDescriptor(
            "empty_custom_html", .coverage, .warning,
            title: "A Custom HTML tag has no code",
            rationale: "An empty Custom HTML tag fires and does nothing. It is usually a placeholder that was never finished, or code that was deleted while the tag stayed.",
            hint: "Delete the tag, or add the code it was meant to run.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            for tag in context.container.tags where tag.type == "html" {
                let code = (tag.parameters.value("html") ?? "").filter { !$0.isWhitespace }
                results.check(!code.isEmpty && code != "<script></script>", tag.reference, "Custom HTML tag \"\(tag.name)\" has no code.")
            }
        }
    }

    struct LiveOnlyTag: Rule {
        let descriptor = RuleDescriptor(
            "live_only", .coverage, .info,
            title: "A tag fires only in the live environment",
            rationale: "`liveOnly` tags never fire in Preview and Debug mode, so nobody can verify them before publishing; a mistake is found in production data, if at all.",
            hint: "Clear the live-only flag and use a blocking trigger on the debug-mode variable if test traffic must be excluded.")

        func evaluate(_ context: ScoringContext, _ results: inout RuleResults) {
            for tag in context.container.tags where tag.isLiveOnly {
                results.fail(tag.reference, "Tag \"\(tag.name)\" fires only in the live environment and cannot be previewed.")
            }
        }
    }
}

/// The container itself as a finding's subject (for container-wide findings).
func containerReference(_ container: Container) -> EntityReference {
    EntityReference(kind: .container, id: container.publicId.isEmpty ? container.containerId : container.publicId, name: container.containerName)
}
