import Foundation
import LosslessJSON
import PreviewSimulator
import Testing
import TestSupport

/// Scenario files: the shipped ones, the embedded copies, round trips and bad files.
@Suite struct ScenarioTests {
    static let filesDirectory = Corpus.repositoryRoot.appendingPathComponent("Sources/PreviewSimulator/ScenarioFiles")

    @Test func shippedScenariosDecodeAndCoverTheFourJourneys() throws {
        let scenarios = try ShippedScenarios.all()
        #expect(ShippedScenarios.names == ["consent-denied-then-granted", "ecommerce-journey", "lead-form", "spa-history"])
        #expect(scenarios.map(\.name) == ShippedScenarios.names)
        let ecommerce = try #require(try ShippedScenarios.named("ecommerce-journey"))
        let events = ecommerce.steps.compactMap { step -> String? in
            if case .push(let data) = step { return data["event"]?.stringValue }
            return nil
        }
        #expect(events == ["view_item_list", "select_item", "view_item", "add_to_cart", "begin_checkout",
                           "add_shipping_info", "add_payment_info", "purchase"])
        #expect(try ShippedScenarios.named("nope") == nil)
    }

    @Test func embeddedScenariosMatchTheFiles() throws {
        let loaded = try ScenarioLoader().loadAll(directory: ScenarioTests.filesDirectory.path)
        #expect(loaded == (try ShippedScenarios.all()), "ScenarioFiles changed: run Scripts/embed-scenarios")
    }

    @Test func scenariosRoundTripThroughJSON() throws {
        for scenario in try ShippedScenarios.all() {
            let data = try JSONEncoder().encode(scenario)
            let again = try ScenarioLoader().decode(Array(data), path: "round-trip")
            #expect(again == scenario, "\(scenario.name)")
        }
    }

    @Test(arguments: [
        (#"{"name":"x","steps":[{"type":"pageLoad","url":"https://a.example/"},{"type":"fly"}]}"#, "$.steps[1].type", "unknown step type \"fly\""),
        (#"{"name":"x","steps":[{"type":"pageLoad"}]}"#, "$.steps[0].url", "missing required field \"url\""),
        (#"{"name":"x","steps":[{"type":"pageLoad","url":"/relative"}]}"#, "$.steps[0].url", "expected an absolute URL"),
        (#"{"name":"x","steps":[{"type":"push","data":{"event":"a"}}]}"#, "$.steps[0]", "needs a page"),
        (#"{"name":"x","steps":[{"type":"pageLoad","url":"https://a.example/"},{"type":"consentUpdate","consent":{"ad_storage":"yes"}}]}"#, "$.steps[1].consent.ad_storage", "expected \"granted\" or \"denied\""),
        (#"{"name":"x","steps":[{"type":"pageLoad","url":"https://a.example/"},{"type":"push","data":[1]}]}"#, "$.steps[1].data", "expected an object, found an array"),
        (#"{"name":"x","steps":[{"type":"pageLoad","url":"https://a.example/"},{"type":"wait","milliseconds":"5"}]}"#, "$.steps[1].milliseconds", "expected an integer"),
        (#"{"name":"x","steps":[{"type":"pageLoad","url":"https://a.example/"},]}"#, "$.steps[1]", "not valid JSON"),
        (#"{"steps":[]}"#, "$.name", "missing required field \"name\""),
    ])
    func badScenarioFilesGiveOneLineWithFileAndJSONPath(_ text: String, _ path: String, _ reason: String) {
        do {
            _ = try ScenarioLoader().decode(Array(text.utf8), path: "client/bad.json")
            Issue.record("accepted \(text)")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("client/bad.json: \(path): "), "\(message)")
            #expect(message.contains(reason), "\(message)")
            #expect(!message.contains("\n"))
        }
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: ScenarioError.unreadable(path: "/nonexistent/s.json", reason: "no such file")) {
            try ScenarioLoader().load(path: "/nonexistent/s.json")
        }
    }

    @Test func elementClassesAcceptAStringOrAnArray() throws {
        let text = #"{"name":"x","steps":[{"type":"pageLoad","url":"https://a.example/"},{"type":"click","element":{"classes":"a b","url":"/x"}},{"type":"formSubmit","form":{"classes":["c","d"]}}]}"#
        let scenario = try ScenarioLoader().decode(Array(text.utf8), path: "x")
        guard case .click(let element) = scenario.steps[1], case .formSubmit(let form) = scenario.steps[2] else {
            Issue.record("wrong steps")
            return
        }
        #expect(element.classes == ["a", "b"] && element.tagName == "a")
        #expect(form.classes == ["c", "d"] && form.tagName == "form")
    }
}
