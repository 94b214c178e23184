import Foundation
import LosslessJSON
import Testing
import TestSupport

/// `gtm-autoresearch score` and `rules` run as a user runs them: real process, real files.
@Suite struct ScoreCommandTests {
    let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json").path

    func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gtm-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    @Test func scoresTheBundledExample() throws {
        let result = try CLIProcess.run(["score", example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Score 0."))
        #expect(result.stdout.contains("coverage"))
        #expect(result.stdout.contains("fix: "))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func jsonOutputIsOneLinePerFileAndDeterministic() throws {
        let files = [example] + Corpus.files().prefix(6).map(\.path)
        let first = try CLIProcess.run(["score", "--format", "json"] + files)
        let second = try CLIProcess.run(["score", "--format", "json"] + files)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let lines = first.stdout.split(separator: "\n")
        #expect(lines.count == files.count)
        for (line, file) in zip(lines, files) {
            let json = try JSONParser().parse(String(line))
            #expect(json["file"]?.stringValue == file)
            let score = try #require(json["score"]?.numberValue?.doubleValue)
            #expect((0...1).contains(score))
            #expect(json["dimensions"]?.arrayValue?.count == 9)
        }
    }

    @Test func badFileGives65WithPathAndStillScoresTheOthers() throws {
        let bad = try temporaryFile("bad.json", #"{"exportFormatVersion": 2, "containerVersion": {"tag": [{"tagId": "1", "paused": "sometimes"}]}}"#)
        let result = try CLIProcess.run(["score", "--format", "json", bad, example])
        #expect(result.status == 65)
        #expect(result.stderr == "error: \(bad): $.containerVersion.tag[0].paused: expected a boolean, found a string\n")
        #expect(result.stdout.split(separator: "\n").count == 1, "the good file is still scored")
    }

    @Test func notJSONAndMissingFiles() throws {
        let notJSON = try temporaryFile("x.json", "<html>")
        var result = try CLIProcess.run(["score", notJSON])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(notJSON): $: not valid JSON at line 1, column 1"))
        result = try CLIProcess.run(["score", "/nonexistent/export.json"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("/nonexistent/export.json: cannot read: no such file"))
        result = try CLIProcess.run(["score", "--max-bytes", "100", example])
        #expect(result.status == 65)
        #expect(result.stderr.contains("over the 100-byte limit"))
    }

    @Test func failUnderGatesCI() throws {
        #expect(try CLIProcess.run(["score", "--fail-under", "0.99", example]).status == 1)
        #expect(try CLIProcess.run(["score", "--fail-under", "0.01", example]).status == 0)
        #expect(try CLIProcess.run(["score", "--fail-under", "3", example]).status == 64)
    }

    @Test func configurationFiles() throws {
        let examples = Corpus.repositoryRoot.appendingPathComponent("Examples")
        let configured = try CLIProcess.run(["score", "--format", "json",
                                             "--weights", examples.appendingPathComponent("weights-consent-first.json").path,
                                             "--plan", examples.appendingPathComponent("plan-lead-gen.json").path,
                                             "--account-state", examples.appendingPathComponent("account-state.json").path, example])
        #expect(configured.status == 0, "\(configured.stderr)")
        let json = try JSONParser().parse(configured.stdout)
        let consent = json["dimensions"]?.arrayValue?.first { $0["id"] == "consent" }
        #expect(consent?["weight"]?.numberValue?.doubleValue == 0.25)

        let badWeights = try temporaryFile("w.json", #"{"consent": -1}"#)
        let result = try CLIProcess.run(["score", "--weights", badWeights, example])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(badWeights): $.consent: expected a non-negative number"))
        let badPlan = try temporaryFile("p.json", #"{"events": ["purchase", 3]}"#)
        let planResult = try CLIProcess.run(["score", "--plan", badPlan, example])
        #expect(planResult.status == 65)
        #expect(planResult.stderr.contains("\(badPlan): $.events[1]: expected a non-empty event name"))
    }

    @Test func otherFormats() throws {
        let markdown = try CLIProcess.run(["score", "--format", "markdown", example])
        #expect(markdown.stdout.hasPrefix("## GTM container score:"))
        let sarif = try CLIProcess.run(["score", "--format", "sarif", example])
        #expect(try JSONParser().parse(sarif.stdout)["version"] == "2.1.0")
    }

    @Test func rulesListsEveryRuleWithDocumentation() throws {
        let result = try CLIProcess.run(["rules", "--format", "json"])
        #expect(result.status == 0)
        let rules = try #require(try JSONParser().parse(result.stdout).arrayValue)
        let ids = rules.compactMap { $0["id"]?.stringValue }
        for required in ["coverage.paused_tag", "coverage.no_firing_trigger", "coverage.deprecated_tag_type", "triggers.orphan",
                         "variables.unused", "variables.undefined_reference", "naming.duplicate_name", "consent.not_set"] {
            #expect(ids.contains(required), "missing rule \(required)")
        }
        #expect(Set(ids).count == ids.count, "rule ids are unique")
        for rule in rules {
            #expect(rule.objectValue?.keys == ["id", "dimension", "severity", "title", "rationale", "hint"])
            #expect((rule["rationale"]?.stringValue?.count ?? 0) > 60, "rationale is a paragraph: \(rule)")
        }
        let dimensions = Set(rules.compactMap { $0["dimension"]?.stringValue })
        #expect(dimensions.count == 9, "every dimension has rules: \(dimensions)")
        #expect(try CLIProcess.run(["rules", "--dimension", "nope"]).status == 64)
    }
}
