import GTMModel
import Mutation
import Scoring
import TestSupport

/// A small container with one GA4 purchase tag that declares no consent, and the consent round
/// a loop would ask a mutator about.
enum SampleRequest {
    static let program = "# SKILL (test)\nPropose one minimal id-addressed patch."

    static func container() throws -> Container {
        try Fixtures.container(
            tags: [
                Fixtures.ga4EventTag(id: "1", name: "GA4 - Event - purchase", event: "purchase", triggers: ["2"],
                                     extra: [Fixtures.param("currency", "{{DLV - currency}}")], consent: nil),
                Fixtures.ga4EventTag(id: "5", name: "GA4 - Event - add_to_cart", event: "add_to_cart", triggers: ["3"]),
            ],
            triggers: [
                Fixtures.customEventTrigger(id: "2", name: "CE - purchase", event: "purchase"),
                Fixtures.customEventTrigger(id: "3", name: "CE - add_to_cart", event: "add_to_cart"),
            ],
            variables: [
                #"{"variableId":"4","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-TEST123"}]}"#,
                #"{"variableId":"6","name":"DLV - currency","type":"v","parameter":[{"type":"INTEGER","key":"dataLayerVersion","value":"2"},{"type":"TEMPLATE","key":"name","value":"ecommerce.currency"}]}"#,
            ],
            folders: [#"{"folderId":"7","name":"GA4"}"#],
            builtInVariables: [#"{"type":"EVENT","name":"Event"}"#, #"{"type":"PAGE_URL","name":"Page URL"}"#]
        )
    }

    static func make(target: Dimension = .consent, rejected: [RejectedProposal] = [], seed: UInt64 = 7) throws -> MutationRequest {
        let analysis = ContainerAnalysis(try container())
        let report = Scorer().score(analysis)
        return MutationRequest(round: 3, analysis: analysis, report: report, target: target,
                               findings: report.findings.filter { $0.dimension == target }, rejected: rejected,
                               maxEntities: 3, program: program, seed: seed)
    }

    /// A good answer: declare analytics consent on tag 1. The `1.50` checks that number literals
    /// survive from the wire to the proposal.
    static let goodAnswer = #"""
    {"ops":[{"op":"add","path":"/tag/1/consentSettings","value":{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"analytics_storage"}]}}},
            {"op":"test","path":"/tag/1/priority","value":1.50}],
     "rationale":"Declare analytics_storage consent on the GA4 purchase tag.","rule":"consent.not_set"}
    """#
}
