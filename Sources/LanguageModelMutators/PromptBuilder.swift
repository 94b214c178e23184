import Foundation
import GTMModel
import LosslessJSON
public import Mutation
import Scoring

/// Builds what a model sees in one round (SPEC §2.3): the program text as the system prompt, and
/// a user message with only what the round needs.
///
/// The message holds the target dimension and its score, its findings, the JSON of the entities
/// those findings concern (with the id-addressed path of each), the ids and names of everything
/// else, the run's rejected proposals and the patch size limit; never the whole container, which
/// can run to megabytes and would cost more than the answer is worth.
public struct PromptBuilder: Sendable {
    /// How the model is asked to answer.
    public enum AnswerFormat: Sendable {
        /// Through the forced `propose_patch` tool call (values as JSON).
        case toolCall
        /// As one JSON object in the content, values as JSON text (`value_json`), matching
        /// ``PatchSchema/strict``.
        case jsonObject
    }

    /// The two messages of a prompt.
    public struct Prompt: Sendable {
        public var system: String
        public var user: String
    }

    /// Findings listed at most (the rest are counted); their entities' JSON follows them.
    public var maxFindings: Int
    /// Rejected proposals listed at most, the newest.
    public var maxRejected: Int
    /// A rejected patch longer than this is cut, so one sweeping failure cannot fill the prompt.
    public var maxRejectedPatchLength: Int

    public init(maxFindings: Int = 25, maxRejected: Int = 10, maxRejectedPatchLength: Int = 1500) {
        self.maxFindings = max(1, maxFindings)
        self.maxRejected = max(0, maxRejected)
        self.maxRejectedPatchLength = max(100, maxRejectedPatchLength)
    }

    /// The prompt for `request`.
    public func prompt(for request: MutationRequest, answer: AnswerFormat) -> Prompt {
        let program = request.program.trimmingCharacters(in: .whitespacesAndNewlines)
        return Prompt(system: program.isEmpty ? PromptBuilder.fallbackProgram : program, user: userMessage(for: request, answer: answer))
    }

    /// Used only when no program text is configured, so the model still knows its task.
    static let fallbackProgram = "You improve a Google Tag Manager container one minimal, id-addressed RFC 6902 JSON Patch at a time."

    private func userMessage(for request: MutationRequest, answer: AnswerFormat) -> String {
        let container = request.container
        let writer = JSONWriter()
        var out: [String] = []

        let dimension = request.report.result(for: request.target)
        out.append("# Round \(request.round): \(request.target.rawValue) (\(request.target.title))")
        out.append("Dimension score \(format(dimension?.score ?? 0)) (weight \(format(dimension?.weight ?? request.target.defaultWeight))), "
            + "overall score \(format(request.report.score)). The patch may touch at most \(request.maxEntities) entities.")

        let shown = request.findings.prefix(maxFindings)
        out.append("\n## Findings (\(request.findings.count))")
        for finding in shown {
            let entity = finding.entity
            var line = "- [\(finding.severity.rawValue)] \(finding.rule) on \(entity.kind.rawValue) \(entity.id) \(writer.string(of: .string(entity.name))): \(finding.message)"
            if let ref = finding.ref { line += " (concerns \(writer.string(of: .string(ref))))" }
            if !finding.hint.isEmpty { line += " Hint: \(finding.hint)" }
            out.append(line)
        }
        if request.findings.count > shown.count { out.append("- … and \(request.findings.count - shown.count) more of the same dimension") }

        var seen = Set<String>()
        var entities: [String] = []
        for finding in shown {
            guard let (path, json) = PromptBuilder.entity(finding.entity, in: container), seen.insert(path).inserted else { continue }
            entities.append("\(path): \(writer.string(of: .object(json)))")
        }
        if !entities.isEmpty {
            out.append("\n## The entities these findings concern (export JSON, addressed by the path before each)")
            out += entities
        }

        out.append("\n## Everything else in the container, by id (use these ids and {{names}}, never invent one)")
        out.append("tag: " + names(container.tags.map { ($0.id, $0.name) }))
        out.append("trigger: " + names(container.triggers.map { ($0.id, $0.name) }))
        out.append("variable: " + names(container.variables.map { ($0.id, $0.name) }))
        out.append("folder: " + names(container.folders.map { ($0.id, $0.name) }))
        out.append("builtInVariable (enabled, by type): " + names(container.builtInVariables.map { ($0.type, $0.name) }))
        if !container.clients.isEmpty { out.append("client: " + names(container.clients.map { ($0.id, $0.name) })) }

        let rejected = request.rejected.suffix(maxRejected)
        if !rejected.isEmpty {
            out.append("\n## Proposals of this run that were turned down (newest last); do not repeat them")
            if request.rejected.count > rejected.count { out.append("(\(request.rejected.count - rejected.count) older ones omitted)") }
            for proposal in rejected {
                var line = "- round \(proposal.round) (\(proposal.target.rawValue)): \(proposal.reason)"
                if !proposal.detail.isEmpty { line += ": \(proposal.detail)" }
                out.append(line)
                out.append("  patch: " + cut(proposal.patch.replacingOccurrences(of: "\n", with: " ")))
            }
        }

        out.append("\n## Answer")
        switch answer {
        case .toolCall:
            out.append("Call the \(PatchSchema.name) tool once: `ops` is the patch, `rationale` one sentence on what it does and why, "
                + "`rule` the id of the finding rule it fixes.")
        case .jsonObject:
            out.append("Answer with one JSON object and nothing else: {\"ops\": […], \"rationale\": \"…\", \"rule\": \"…\"}. "
                + "Each operation is {\"op\", \"path\", \"from\", \"value_json\"}: `value_json` is the value written as JSON text "
                + "(a string value is quoted, e.g. \"\\\"GA4 - purchase\\\"\"), null for remove, move and copy; `from` is null except for move and copy.")
        }
        return out.joined(separator: "\n")
    }

    /// The id-addressed path and raw JSON of a finding's entity, if it is one a patch can address.
    static func entity(_ reference: EntityReference, in container: Container) -> (path: String, json: JSONObject)? {
        let id = reference.id
        switch reference.kind {
        case .tag: return container.tags.first { $0.id == id }.map { ("/tag/\(id)", $0.raw) }
        case .trigger: return container.triggers.first { $0.id == id }.map { ("/trigger/\(id)", $0.raw) }
        case .variable:
            if let variable = container.variables.first(where: { $0.id == id }) { return ("/variable/\(id)", variable.raw) }
            // Built-ins have no raw object of their own worth showing beyond type and name.
            return container.builtInVariables.first { $0.type == id }.map {
                ("/builtInVariable/\(id)", JSONObject([.init(key: "type", value: .string($0.type)), .init(key: "name", value: .string($0.name))]))
            }
        case .folder: return container.folders.first { $0.id == id }.map { ("/folder/\(id)", $0.raw) }
        case .client: return container.clients.first { $0.id == id }.map { ("/client/\(id)", $0.raw) }
        case .transformation: return container.transformations.first { $0.id == id }.map { ("/transformation/\(id)", $0.raw) }
        case .zone: return container.zones.first { $0.id == id }.map { ("/zone/\(id)", $0.raw) }
        case .template: return container.templates.first { $0.id == id }.map { ("/customTemplate/\(id)", $0.raw) }
        case .container: return nil
        }
    }

    /// `{"12":"GA4 - purchase",…}`: JSON, so names with quotes or braces stay unambiguous.
    private func names(_ pairs: [(id: String, name: String)]) -> String {
        JSONWriter().string(of: .object(JSONObject(pairs.map { .init(key: $0.id, value: .string($0.name)) })))
    }

    private func cut(_ text: String) -> String {
        text.count > maxRejectedPatchLength ? String(text.prefix(maxRejectedPatchLength)) + " …(cut)" : text
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
