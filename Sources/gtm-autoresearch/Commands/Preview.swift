import ArgumentParser
import Foundation
import GTMModel
import PreviewSimulator

struct Preview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a web container against scenarios: which tags fire, in which order, with which parameters.",
        discussion: """
        Runs the preview simulator (deterministic; no browser, no network) over the shipped scenarios \
        (\(ShippedScenarios.names.joined(separator: ", "))) or the ones given with --scenario: a shipped \
        name or a scenario JSON file (format: Sources/PreviewSimulator/ScenarioFiles/README.md). \
        Values that need a browser (Custom JavaScript variables) are reported as not evaluable.

        Exit status: 0 simulated; 64 bad arguments; 65 a file that is not a GTM export, a server \
        container, or a bad scenario file.
        """
    )

    @Argument(help: "The GTM container export (a web container).")
    var file: String

    @Option(name: .customLong("scenario"), help: "A shipped scenario's name or a scenario file; repeat for several (default: every shipped one).")
    var scenarios: [String] = []

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Flag(help: "With text output, list each fired tag's resolved parameters.")
    var parameters = false

    func run() async throws {
        let simulator: ContainerSimulator
        let chosen: [Scenario]
        do {
            let loader = ContainerLoader()
            let container = try loader.decode(try loader.read(path: file), path: file)
            guard ContainerSimulator.supports(container) else {
                throw InputFailure("\(file): a \(container.usageContext.rawValue) container; the preview simulator runs web containers")
            }
            simulator = try ContainerSimulator(container: container)
            chosen = try scenarios.isEmpty ? ShippedScenarios.all() : scenarios.map(Self.scenario)
        } catch {
            InputDataError.report("\(error)")
            throw InputDataError.exitCode
        }
        let results = try chosen.map { scenario in
            do { return try simulator.run(scenario) } catch {
                InputDataError.report("\(error)")
                throw InputDataError.exitCode
            }
        }
        if format == .json {
            print("[" + (try results.map { try $0.jsonText() }).joined(separator: ",\n") + "]")
        } else {
            print(results.map { $0.renderText(includeParameters: parameters) }.joined(separator: "\n"))
        }
    }

    /// A shipped scenario by name, else a scenario file.
    static func scenario(_ reference: String) throws -> Scenario {
        if let shipped = try ShippedScenarios.named(reference) { return shipped }
        guard FileManager.default.fileExists(atPath: reference) else {
            throw InputFailure("\(reference): no such scenario file, and no shipped scenario has that name (\(ShippedScenarios.names.joined(separator: ", ")))")
        }
        return try ScenarioLoader().load(path: reference)
    }
}

/// A bad-input message that is already one line.
struct InputFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
