import ArgumentParser
import Foundation
import GTMModel
import ScoreReports
import Scoring

struct Score: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score GTM container exports on the nine dimensions and list every finding.",
        discussion: """
        Formats: text (default; bars and findings, colour on a terminal), json (one object per file \
        per line, see the README), markdown (a review comment), sarif (SARIF 2.1.0 for code scanning).

        Exit status: 0 all files scored (and at or above --fail-under); 1 a score below --fail-under; \
        65 a file that is not a readable GTM export, or a bad --weights/--plan/--account-state file \
        (the other files are still scored and printed).
        """
    )

    @Argument(help: "GTM container export files (JSON from Admin → Export Container).")
    var files: [String]

    @Option(help: "Output format: text, json, markdown or sarif.")
    var format: ReportFormat = .text

    @OptionGroup var scoring: ScorerOptions

    @Option(name: .customLong("fail-under"), help: "Exit 1 when any file scores below this (0–1), for CI gating.")
    var failUnder: Double?

    @Option(name: .customLong("max-bytes"), help: "Refuse export files larger than this many bytes.")
    var maxBytes: Int = ContainerLoader.defaultMaximumBytes

    @Option(help: "Colour: auto (only on a terminal), always or never.")
    var color: ColorMode = .auto

    func validate() throws {
        if let failUnder, !(0...1).contains(failUnder) { throw ValidationError("--fail-under must be between 0 and 1.") }
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive.") }
    }

    func run() async throws {
        let scorer = try ScorerOptions.makeScorer(scoring.files(), labels: scoring.labels)
        let loader = ContainerLoader(maximumBytes: maxBytes)
        var scored: [ScoredFile] = []
        var badInput = false
        for path in files {
            do {
                let bytes = try loader.read(path: path)
                let container = try loader.decode(bytes, path: path)
                scored.append(ScoredFile(path: path, report: scorer.score(container), source: format == .sarif ? bytes : nil))
            } catch {
                InputDataError.report(error.description)
                badInput = true
            }
        }
        let output = switch format {
        case .text: TextReportRenderer(useColor: color.isEnabled()).render(scored)
        case .json: JSONReportRenderer().render(scored)
        case .markdown: MarkdownReportRenderer().render(scored)
        case .sarif: SARIFReportRenderer(toolVersion: ToolVersion.current).render(scored)
        }
        if !scored.isEmpty || format == .sarif { FileHandle.standardOutput.write(Data(output.utf8)) }
        if badInput { throw InputDataError.exitCode }
        if let failUnder {
            let failing = scored.filter { $0.report.score < failUnder }
            if !failing.isEmpty {
                for file in failing {
                    FileHandle.standardError.write(Data("\(file.path): score \(String(format: "%.4f", file.report.score)) is under --fail-under \(failUnder)\n".utf8))
                }
                throw ExitCode(1)
            }
        }
    }

}
