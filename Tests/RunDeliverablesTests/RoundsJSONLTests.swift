import ExperimentLog
import Foundation
import LosslessJSON
import RunDeliverables
import Scoring
import Testing

@Suite struct RoundsJSONLTests {
    static let documentedKeys = [
        "run_id", "round", "target", "rule", "decision", "reason", "detail", "regressed_dimension", "before", "after",
        "mutator", "rationale", "input_tokens", "output_tokens", "cost_usd", "duration_ms", "parent_sha", "candidate_sha",
        "started_at", "finished_at", "patch", "applied_patch", "diff", "qa",
    ]

    private func parse(_ line: String) throws -> JSONObject {
        try #require(try JSONParser().parse(line).objectValue)
    }

    @Test func keysComeInTheDocumentedOrder() throws {
        for round in SampleRun.night(count: 12) {
            let line = RoundsJSONL.line(for: round)
            #expect(try parse(line).keys == Self.documentedKeys)
            let before = try #require(try parse(line)["before"]?.objectValue)
            #expect(before.keys == ["score", "dimensions"])
            #expect(before["dimensions"]?.objectValue?.keys == Dimension.allCases.map(\.rawValue))
        }
    }

    @Test func valuesRoundTrip() throws {
        var round = SampleRun.round(3, decision: .reverted, before: 0.61, after: 0.6)
        round.regressedDimension = "consent"
        round.costUSD = 0.000123
        round.durationMs = 1234.5
        round.before = ScoreVector(overall: 0.61, dimensions: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0 / 3])
        let object = try parse(RoundsJSONL.line(for: round))
        #expect(object["run_id"] == 7 && object["round"] == 3)
        #expect(object["decision"] == "reverted" && object["regressed_dimension"] == "consent")
        #expect(object["cost_usd"]?.numberValue?.doubleValue == 0.000123)
        #expect(object["duration_ms"]?.numberValue?.doubleValue == 1234.5)
        #expect(object["before"]?["dimensions"]?["alignment"]?.numberValue?.doubleValue == 1.0 / 3)
        #expect(object["after"]?["score"]?.numberValue?.doubleValue == 0.6)
        #expect(object["input_tokens"] == 1203 && object["candidate_sha"] == .string(SampleRun.candidateSHA))
        #expect(object["diff"]?.stringValue == round.diff)
    }

    @Test func rejectedRoundsHaveNullsNotMissingKeys() throws {
        var round = SampleRun.round(4, decision: .rejected, before: 0.6, after: nil, rule: nil)
        round.after = nil
        let object = try parse(RoundsJSONL.line(for: round))
        #expect(object.keys == Self.documentedKeys)
        for key in ["rule", "regressed_dimension", "after", "candidate_sha", "applied_patch"] {
            #expect(object[key]?.isNull == true, "\(key)")
        }
    }

    @Test func patchIsEmbeddedWhenItIsJSONAndAStringOtherwise() throws {
        let patch = #"[{"op":"add","path":"/tag/-","value":{"name":"x","n":1.50}}]"#
        let valid = try parse(RoundsJSONL.line(for: SampleRun.round(1, decision: .kept, before: 0.6, after: 0.7, patch: patch)))
        #expect(valid["patch"]?.arrayValue?.first?["op"] == "add")
        #expect(RoundsJSONL.line(for: SampleRun.round(1, decision: .kept, before: 0.6, after: 0.7, patch: patch)).contains(#""n":1.50"#))
        let answer = "Sorry, I can't produce a patch for that. {"
        let invalid = try parse(RoundsJSONL.line(for: SampleRun.round(1, decision: .rejected, before: 0.6, after: nil, patch: answer)))
        #expect(invalid["patch"]?.stringValue == answer)
    }

    @Test func controlCharactersAndQuotesAreEscaped() throws {
        let nasty = "line1\nline2\r\t\"quoted\" \\ back \u{0}\u{1}\u{1F}\u{7F} é 🚀 \u{2028} </script>"
        let round = SampleRun.round(1, decision: .kept, before: 0.6, after: 0.7, rationale: nasty, diff: nasty, detail: nasty)
        let line = RoundsJSONL.line(for: round)
        #expect(!line.utf8.contains { $0 < 0x20 })
        #expect(line.contains(#"\u0000\u0001\u001f"#))
        let object = try parse(line)
        #expect(object["rationale"]?.stringValue == nasty && object["diff"]?.stringValue == nasty)
        // Foundation agrees that it is valid JSON with the same text.
        let foundation = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(foundation["detail"] as? String == nasty)
    }

    @Test func nonFiniteNumbersBecomeNull() throws {
        var round = SampleRun.round(1, decision: .kept, before: 0.6, after: 0.7)
        round.costUSD = .nan
        round.durationMs = .infinity
        let object = try parse(RoundsJSONL.line(for: round))
        #expect(object["cost_usd"]?.isNull == true && object["duration_ms"]?.isNull == true)
    }

    @Test func documentIsOneLinePerRound() throws {
        let rounds = SampleRun.night(count: 50)
        let document = RoundsJSONL.document(for: rounds)
        #expect(document.hasSuffix("\n"))
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 50)
        for (line, round) in zip(lines, rounds) {
            #expect(String(line) == RoundsJSONL.line(for: round))
            #expect(try parse(String(line))["round"] == .number(JSONNumber(round.round)))
        }
        #expect(RoundsJSONL.document(for: []) == "")
    }
}
