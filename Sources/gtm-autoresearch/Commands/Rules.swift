import ArgumentParser
import Foundation
import ScoreReports
import Scoring

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every scoring rule with its id, severity, rationale and fix hint."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(help: "Only the rules of this dimension (coverage, parameters, dedup, consent, naming, variables, triggers, folders, alignment).")
    var dimension: String?

    func validate() throws {
        if let dimension, Dimension(rawValue: dimension) == nil {
            throw ValidationError("Unknown dimension \"\(dimension)\"; one of: \(Dimension.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() throws {
        var rules = RuleCatalog.descriptors
        if let dimension { rules = rules.filter { $0.dimension.rawValue == dimension } }
        let renderer = RuleListRenderer()
        let output = switch format {
        case .text: renderer.text(rules)
        case .json: renderer.json(rules)
        case .markdown: renderer.markdown(rules)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
