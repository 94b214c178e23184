import Foundation
import GTMModel
import LosslessJSON
import PreviewSimulator
import Testing
import TestSupport

/// Every corpus container through every shipped scenario. Server containers are refused with a
/// clear error (they receive requests, not page events); web and AMP containers must run.
@Suite struct CorpusTests {
    @Test(arguments: Corpus.fileNames)
    func everyContainerRunsEveryShippedScenario(_ name: String) throws {
        let url = try #require(Corpus.url(name))
        let container = try ContainerLoader().load(path: url.path)
        let scenarios = try ShippedScenarios.all()
        guard ContainerSimulator.supports(container) else {
            #expect(container.isServer)
            #expect(throws: SimulationError.self) { try ContainerSimulator(container: container) }
            return
        }
        let simulator = try ContainerSimulator(container: container)
        for scenario in scenarios {
            let result = try simulator.run(scenario)
            #expect(!result.events.isEmpty, "\(name) × \(scenario.name)")
            // Deterministic: a second run gives byte-identical JSON.
            #expect(try simulator.run(scenario).jsonText() == result.jsonText(), "\(name) × \(scenario.name)")
        }
    }

    @Test func corpusIsPresentOrSkippedWithAMessage() {
        if Corpus.directory == nil {
            print(Corpus.missingMessage)
        } else {
            #expect(!Corpus.fileNames.isEmpty)
        }
    }
}
