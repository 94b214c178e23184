import Foundation
import GTMModel
import LosslessJSON
import PreviewSimulator
import Testing
import TestSupport

/// Stable JSON, decoding, the text rendering and value markers.
@Suite struct ResultTests {
    func sampleResult() throws -> SimulationResult {
        let cjs = Sim.variable("5", "CJS", type: "jsm", [Fixtures.param("javascript", "function(){return 1}")])
        let tag = #"{"tagId":"1","name":"probe","type":"img","parameter":[\#(Fixtures.param("url", "{{CJS}}")),\#(Fixtures.param("u", "{{Missing}}")),\#(Fixtures.param("e", "{{Click Element}}"))],"firingTriggerId":["10"]}"#
        let c = try Sim.container(tags: [tag, QACheckTests.meta], triggers: [Sim.trigger("10", "click", type: "CLICK")],
                                  variables: [cjs] + QACheckTests.variables)
        return try Sim.run(c, [.consentDefault(["ad_storage": .denied]), Sim.page(), .click(ScenarioElement(tag: "a", id: "buy", classes: ["btn"], url: "https://a.example/x"))])
    }

    @Test func jsonIsStableAndDecodesToTheSameJSON() throws {
        let result = try sampleResult()
        let text = try result.jsonText()
        #expect(text == (try sampleResult().jsonText()))
        let decoded = try SimulationResult.decode(jsonText: text)
        #expect(try decoded.jsonText() == text)
        #expect(decoded.events.count == result.events.count)
        #expect(text.contains(#""$notEvaluable" : "Custom JavaScript variable {{CJS}}"#))
        #expect(text.contains(#""$undefined" : true"#))
        #expect(text.contains(#""$element" : "a#buy.btn""#))
    }

    @Test func previewValuesRoundTripTheirMarkers() throws {
        let values: [PreviewValue] = [.undefined, .notEvaluable("why"), .string("s"), .json(2), .json(["a": [1, nil]]),
                                      .element(ScenarioElement(tag: "a", id: "x", classes: ["c", "d"]))]
        for value in values {
            let data = try JSONEncoder().encode(value)
            #expect(try JSONDecoder().decode(PreviewValue.self, from: data) == value, "\(value)")
        }
    }

    @Test func textRenderingListsEventsTagsAndProblems() throws {
        let text = try sampleResult().renderText(includeParameters: true)
        #expect(text.hasPrefix("Scenario test on GTM-FIXTURE: "))
        #expect(text.contains("#1 step 0 consent default (consent_default)\n    consent: ad_storage=denied"))
        #expect(text.contains("fired   probe [img]"))
        #expect(text.contains("        u: {\"$undefined\":true}"))
        #expect(text.contains("! u: {{Missing}} unknown_variable: no variable named {{Missing}} in the container"))
        #expect(text.contains("→ meta page_view") == false, "the Meta tag fires on clicks here")
        #expect(text.contains("fired   Meta - purchase [html] → meta purchase"))
    }
}
