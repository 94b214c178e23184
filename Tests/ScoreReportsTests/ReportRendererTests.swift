import Foundation
import GTMModel
import LosslessJSON
import Testing
import TestSupport
@testable import ScoreReports
import Scoring

@Suite struct ReportRendererTests {
    func scored() throws -> ScoredFile {
        let container = try Fixtures.container(
            tags: [
                #"{"tagId":"7","name":"Old UA","type":"ua","paused":true,"firingTriggerId":["2147479553"]}"#,
                Fixtures.ga4EventTag(id: "8", name: "GA4 - purchase", event: "purchase", triggers: ["10"]),
            ],
            triggers: [Fixtures.customEventTrigger(id: "10", name: "CE - purchase", event: "purchase")])
        let text = Fixtures.exportText(tags: [#"{"tagId":"7","name":"Old UA","type":"ua","paused":true,"firingTriggerId":["2147479553"]}"#])
        return ScoredFile(path: "fixture.json", report: Scorer().score(container), source: Array(text.utf8))
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let line = JSONReportRenderer().render([try scored()])
        #expect(line.hasSuffix("\n") && line.filter { $0 == "\n" }.count == 1)
        let json = try JSONParser().parse(line)
        #expect(json.objectValue?.keys == ["file", "score", "scorer_version", "dimensions", "findings", "counts"])
        let dimensions = try #require(json["dimensions"]?.arrayValue)
        #expect(dimensions.map { $0["id"]?.stringValue } == Dimension.allCases.map(\.rawValue))
        #expect(dimensions[0].objectValue?.keys == ["id", "score", "weight", "applicable"])
        let finding = try #require(json["findings"]?.arrayValue?.first { $0["rule"] == "coverage.paused_tag" })
        #expect(finding["entity"] == ["kind": "tag", "id": "7", "name": "Old UA"])
        #expect(json["counts"] == ["tags": 2, "triggers": 1, "variables": 0, "folders": 0])
    }

    @Test func jsonIsByteIdenticalAcrossRuns() throws {
        let a = JSONReportRenderer().render([try scored()])
        let b = JSONReportRenderer().render([try scored()])
        #expect(a == b)
    }

    @Test func numbersAreFixedPrecision() {
        #expect(NumberFormatting.fixed(0.123456, places: 4, trimZeros: true) == "0.1235")
        #expect(NumberFormatting.fixed(1, places: 4, trimZeros: true) == "1")
        #expect(NumberFormatting.fixed(0.5, places: 2) == "0.50")
        #expect(NumberFormatting.fixed(-0.00001, places: 2) == "0.00")
    }

    @Test func textShowsBarsFindingsAndNoColorUnlessAsked() throws {
        let file = try scored()
        let plain = TextReportRenderer(useColor: false).render(file)
        #expect(plain.contains("coverage    "))
        #expect(plain.contains("█") || plain.contains("░"))
        let empty = ScoredFile(path: "empty.json", report: Scorer().score(try Fixtures.container()))
        #expect(TextReportRenderer().render(empty).contains("naming      ····················  n/a"))
        #expect(plain.contains("coverage.paused_tag tag \"Old UA\" (7)"))
        #expect(plain.contains("fix: "))
        #expect(!plain.contains("\u{1B}["))
        #expect(TextReportRenderer(useColor: true).render(file).contains("\u{1B}["))
    }

    @Test func markdownHasATableAndEscapesPipes() throws {
        let md = MarkdownReportRenderer().render(try scored())
        #expect(md.contains("| dimension | score | weight | checks |"))
        let empty = ScoredFile(path: "empty.json", report: Scorer().score(try Fixtures.container()))
        #expect(MarkdownReportRenderer().render(empty).contains("| naming | n/a |"))
        #expect(MarkdownReportRenderer().escape("a|b<c>") == "a\\|b&lt;c&gt;")
    }

    @Test func sarifIsValid210WithRulesAndLocations() throws {
        let sarif = try JSONParser().parse(SARIFReportRenderer(toolVersion: "0.1.0").render([try scored()]))
        #expect(sarif["version"] == "2.1.0")
        let run = try #require(sarif["runs"]?.arrayValue?.first)
        let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
        #expect(rules.count == RuleCatalog.descriptors.count)
        let results = try #require(run["results"]?.arrayValue)
        let paused = try #require(results.first { $0["ruleId"] == "coverage.paused_tag" })
        #expect(paused["level"] == "warning")
        let index = try #require(paused["ruleIndex"]?.numberValue?.intValue)
        #expect(rules[index]["id"] == "coverage.paused_tag")
        let location = try #require(paused["locations"]?.arrayValue?.first)
        #expect(location["physicalLocation"]?["artifactLocation"]?["uri"] == "fixture.json")
        #expect(location["physicalLocation"]?["region"]?["startLine"] != nil)
        #expect(location["logicalLocations"]?.arrayValue?.first?["fullyQualifiedName"] == "tag/7")
    }

    @Test func locatorFindsEntityLines() {
        let text = "{\n  \"tag\": [\n    {\"tagId\": \"12\", \"name\": \"x\",\n     \"parameter\": [{\"key\": \"tagId\", \"value\": \"G-1\"}]},\n    {\"tagId\":\"13\"}\n  ]\n}"
        let locator = EntityLocator(source: Array(text.utf8))
        #expect(locator.position(of: EntityReference(kind: .tag, id: "12", name: "x"))?.line == 3)
        #expect(locator.position(of: EntityReference(kind: .tag, id: "13", name: "y"))?.line == 5)
        #expect(locator.position(of: EntityReference(kind: .tag, id: "G-1", name: "z")) == nil)
    }
}
