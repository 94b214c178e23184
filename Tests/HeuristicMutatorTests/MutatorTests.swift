import GTMModel
@testable import HeuristicMutator
import Mutation
import Scoring
import TestSupport
import Testing

/// The mutator's contract: deterministic per seed, varied across seeds, never repeating a tried
/// patch, actionable exactly where a fixer exists.
@Suite struct MutatorTests {
    /// A container with several consent, naming and variable findings.
    static let messy = Shop.export(
        tags: [Shop.metaPixel("30", ConsentCases.metaCode, consent: nil, name: "purchase"),
               Shop.metaPixel("31", "<script>fbq('track', 'Lead', {value: {{DLV - value}}, currency: 'EUR'}, {eventID: 'a'});</script>", trigger: "32", consent: nil, name: "lead"),
               #"{"tagId":"33","name":"TikTok - Pixel - purchase","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script>ttq.track('CompletePayment');</script>"}],"firingTriggerId":["10"],"notes":"x"}"#],
        triggers: [Fixtures.customEventTrigger(id: "32", name: "lead", event: "generate_lead")],
        variables: [ConsentCases.value, Shop.dlv("52", "unused thing", "x"), Shop.dlv("53", "another", "y")])

    func digest(_ proposal: Proposal) -> String? {
        if case .patch(let patch) = proposal.patch { return EntityPatch.digest(of: patch) }
        return nil
    }

    @Test func sameSeedSameProposal() throws {
        let analysis = try Harness.analysis(Self.messy)
        let report = Harness.scorer.score(analysis)
        for dimension in [Dimension.consent, .naming, .variables] {
            let a = HeuristicMutator().proposal(for: Harness.request(analysis, report: report, target: dimension, seed: 42))
            let b = HeuristicMutator().proposal(for: Harness.request(analysis, report: report, target: dimension, seed: 42))
            #expect(digest(a) != nil)
            #expect(digest(a) == digest(b))
            #expect(a.rationale == b.rationale)
        }
    }

    @Test func differentSeedsTryDifferentFindings() throws {
        let analysis = try Harness.analysis(Self.messy)
        let report = Harness.scorer.score(analysis)
        for dimension in [Dimension.consent, .naming] {
            let digests = Set((0..<12).compactMap { digest(HeuristicMutator().proposal(for: Harness.request(analysis, report: report, target: dimension, seed: UInt64($0)))) })
            #expect(digests.count >= 2, "\(dimension): one proposal for every seed")
        }
    }

    @Test func triedDigestsAreNeverProposedAgain() throws {
        let analysis = try Harness.analysis(Self.messy)
        let report = Harness.scorer.score(analysis)
        var tried = Set<String>()
        var rounds = 0
        while rounds < 200 {
            let proposal = HeuristicMutator().proposal(for: Harness.request(analysis, report: report, target: .consent, tried: tried))
            guard let digest = digest(proposal) else {
                guard case .none(let reason, _) = proposal.patch else { Issue.record("unexpected \(proposal.patch)"); return }
                #expect(reason == "nothing_to_propose")
                break
            }
            #expect(!tried.contains(digest))
            tried.insert(digest)
            rounds += 1
        }
        #expect(rounds >= 3, "only \(rounds) distinct consent fixes")
        #expect(rounds < 200)
    }

    @Test func actionableExactlyWhereAFixerExists() {
        let mutator = HeuristicMutator()
        func finding(_ rule: String) -> Finding {
            Finding(rule: rule, dimension: .variables, severity: .warning, entity: EntityReference(kind: .variable, id: "1", name: "x"), message: "", hint: "")
        }
        #expect(mutator.isActionable(finding("variables.unused")))
        #expect(mutator.isActionable(finding("consent.not_set")))
        #expect(!mutator.isActionable(finding("variables.custom_js_long")))
        #expect(!mutator.isActionable(finding("no.such_rule")))
        #expect(mutator.name == "heuristic")
        // Every dimension has at least one fixer.
        for dimension in Dimension.allCases {
            #expect(HeuristicMutator.repairableRules.contains { $0.hasPrefix(dimension.rawValue + ".") }, "\(dimension)")
        }
    }

    @Test func respectsTheEntityBudget() throws {
        let analysis = try Harness.analysis(Shop.export())
        let report = Harness.scorer.score(analysis)
        // Adding a GA4 event tag needs a tag and a trigger: with room for one entity, nothing fits.
        var request = Harness.request(analysis, report: report, target: .coverage, rule: "coverage.plan_event_missing")
        request.maxEntities = 1
        let proposal = HeuristicMutator().proposal(for: request)
        guard case .none(let reason, _) = proposal.patch else { Issue.record("proposed \(proposal.rationale)"); return }
        #expect(reason == "nothing_to_propose")
    }

    @Test func asyncProposeMatchesTheSynchronousCore() async throws {
        let analysis = try Harness.analysis(Self.messy)
        let report = Harness.scorer.score(analysis)
        let request = Harness.request(analysis, report: report, target: .consent, seed: 7)
        let proposal = try await HeuristicMutator().propose(request)
        #expect(digest(proposal) == digest(HeuristicMutator().proposal(for: request)))
    }
}
