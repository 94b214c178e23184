import Foundation
import GTMModel
import LanguageModelMutators
import LosslessJSON
import Mutation
import Scoring
import Testing
import TestSupport

/// What the model is shown: everything the round needs, nothing it does not.
struct PromptBuilderTests {
    private func compact(_ object: JSONObject) -> String { JSONWriter().string(of: .object(object)) }

    @Test func theSmallContainerPromptHoldsWhatTheRoundNeeds() throws {
        let rejected = (1...12).map {
            RejectedProposal(round: $0, target: .consent, patch: #"[{"op":"remove","path":"/tag/\#($0)"}]"#, reason: "coverage_shrunk", detail: "attempt \($0)")
        }
        let request = try SampleRequest.make(rejected: rejected)
        let prompt = PromptBuilder().prompt(for: request, answer: .toolCall)
        let user = prompt.user

        #expect(prompt.system == SampleRequest.program)
        #expect(user.contains("# Round 3: consent"))
        let score = try #require(request.report.result(for: .consent)?.score)
        #expect(user.contains("Dimension score \(String(format: "%.3f", score))"))
        #expect(user.contains("at most 3 entities"))

        let finding = try #require(request.findings.first { $0.rule == "consent.not_set" && $0.entity.id == "1" })
        #expect(user.contains("consent.not_set on tag 1 \"GA4 - Event - purchase\": \(finding.message)"))
        #expect(user.contains("Hint: \(finding.hint)"))
        // The concerned tag's exact JSON, with the path that addresses it.
        let tag = try #require(request.container.tags.first { $0.id == "1" })
        #expect(user.contains("/tag/1: " + compact(tag.raw)))
        // Everything else only by id and name.
        let trigger = try #require(request.container.triggers.first { $0.id == "2" })
        #expect(!user.contains(compact(trigger.raw)))
        #expect(user.contains(#"trigger: {"2":"CE - purchase","3":"CE - add_to_cart"}"#))
        #expect(user.contains(#"variable: {"4":"Const - GA4 ID","6":"DLV - currency"}"#))
        #expect(user.contains(#"folder: {"7":"GA4"}"#))
        #expect(user.contains(#"builtInVariable (enabled, by type): {"EVENT":"Event","PAGE_URL":"Page URL"}"#))
        // The ten newest rejections, newest last.
        #expect(!user.contains("round 2 (consent)"))
        #expect(user.contains("(2 older ones omitted)"))
        let third = try #require(user.range(of: "- round 3 (consent): coverage_shrunk: attempt 3"))
        let twelfth = try #require(user.range(of: "- round 12 (consent): coverage_shrunk: attempt 12"))
        #expect(third.lowerBound < twelfth.lowerBound)
        #expect(user.contains(#"patch: [{"op":"remove","path":"/tag/12"}]"#))
        #expect(user.contains("Call the propose_patch tool once"))
    }

    @Test func theJSONAnswerFormatExplainsValueJSON() throws {
        let prompt = PromptBuilder().prompt(for: try SampleRequest.make(), answer: .jsonObject)
        #expect(prompt.user.contains("\"value_json\""))
        #expect(!prompt.user.contains("propose_patch tool"))
    }

    @Test func findingsBeyondTheLimitAreCountedNotListed() throws {
        let findings = try SampleRequest.make().report.findings
        let busiest = try #require(Dimension.allCases.max { a, b in findings.count { $0.dimension == a } < findings.count { $0.dimension == b } })
        let request = try SampleRequest.make(target: busiest)
        try #require(request.findings.count >= 2)
        let user = PromptBuilder(maxFindings: 1).prompt(for: request, answer: .toolCall).user
        #expect(user.contains("… and \(request.findings.count - 1) more of the same dimension"))
        #expect(user.contains("## Findings (\(request.findings.count))"))
    }

    @Test func aCorpusContainerPromptCarriesOnlyTheConcernedEntities() throws {
        guard let url = Corpus.file("004") else {
            print(Corpus.missingMessage)
            return
        }
        let bytes = try Array(Data(contentsOf: url))
        let container = try ContainerLoader().decode(bytes, path: url.path)
        let analysis = ContainerAnalysis(container)
        let report = Scorer().score(analysis)
        // The dimension with the most findings about tags.
        let byDimension = Dictionary(grouping: report.findings.filter { $0.entity.kind == .tag }, by: \.dimension)
        let (target, _) = try #require(byDimension.max { $0.value.count < $1.value.count })
        let findings = report.findings.filter { $0.dimension == target }
        let request = MutationRequest(round: 1, analysis: analysis, report: report, target: target, findings: findings, program: "SKILL")
        let builder = PromptBuilder()
        let user = builder.prompt(for: request, answer: .toolCall).user

        let shown = findings.prefix(builder.maxFindings)
        let concernedTags = Set(shown.filter { $0.entity.kind == .tag }.map(\.entity.id))
        let concerned = try #require(container.tags.first { concernedTags.contains($0.id) })
        #expect(user.contains("/tag/\(concerned.id): " + compact(concerned.raw)))
        let unconcerned = try #require(container.tags.first { !concernedTags.contains($0.id) })
        #expect(!user.contains(compact(unconcerned.raw)))
        #expect(user.contains(JSONWriter().string(of: .string(unconcerned.name))))  // named, not shown
        #expect(user.utf8.count * 10 < bytes.count, "prompt \(user.utf8.count) bytes vs export \(bytes.count)")
    }
}
