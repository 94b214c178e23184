public import ExperimentLog
import LosslessJSON
import Scoring

/// `rounds.jsonl`: the experiment log as one JSON object per line, one line per round.
///
/// Keys always come in this order (absent values are `null`, never omitted):
///
/// `run_id`, `round`, `target`, `rule`, `decision`, `reason`, `detail`, `regressed_dimension`,
/// `before`, `after`, `mutator`, `rationale`, `input_tokens`, `output_tokens`, `cost_usd`,
/// `duration_ms`, `parent_sha`, `candidate_sha`, `started_at`, `finished_at`, `patch`,
/// `applied_patch`, `diff`, `qa`.
///
/// `before` and `after` are `{"score": overall, "dimensions": {"coverage": …, …, "alignment": …}}`
/// with the nine dimensions in `Dimension.allCases` order; `after` is `null` for a rejected
/// round. `patch` and `applied_patch` hold JSON text in the record: they are embedded as JSON
/// values when they parse (key order and number literals kept) and as strings otherwise (a
/// model answer that was not a patch). `qa` is a kept round's QA verdicts, an array of
/// `{"check", "findings", "passed", "scenario"}` (findings: `{"event", "message", "step", "tag"}`),
/// and `null` for other rounds and for containers the preview simulator does not run. Numbers are written with the shortest digits that read
/// back to the same `Double`; NaN and infinities, which JSON cannot hold, become `null`. Strings
/// escape quotes, backslashes and every control character, so no line contains a raw newline.
public enum RoundsJSONL {
    /// One round as a single line of JSON, without the trailing newline.
    public static func line(for round: RoundRecord) -> String {
        let members: [(String, JSONValue)] = [
            ("run_id", .number(JSONNumber(Int(round.runId)))),
            ("round", .number(JSONNumber(round.round))),
            ("target", .string(round.target)),
            ("rule", optional(round.rule)),
            ("decision", .string(round.decision.rawValue)),
            ("reason", .string(round.reason)),
            ("detail", .string(round.detail)),
            ("regressed_dimension", optional(round.regressedDimension)),
            ("before", scores(round.before)),
            ("after", round.after.map(scores) ?? .null),
            ("mutator", .string(round.mutator)),
            ("rationale", .string(round.rationale)),
            ("input_tokens", .number(JSONNumber(round.inputTokens))),
            ("output_tokens", .number(JSONNumber(round.outputTokens))),
            ("cost_usd", number(round.costUSD)),
            ("duration_ms", number(round.durationMs)),
            ("parent_sha", .string(round.parentSHA)),
            ("candidate_sha", optional(round.candidateSHA)),
            ("started_at", .string(round.startedAt)),
            ("finished_at", .string(round.finishedAt)),
            ("patch", embedded(round.patch)),
            ("applied_patch", round.appliedPatch.map(embedded) ?? .null),
            ("diff", .string(round.diff)),
            ("qa", round.qa.map(embedded) ?? .null),
        ]
        return JSONWriter().string(of: object(members))
    }

    /// All rounds, one line each, every line ending in a newline; empty for no rounds.
    public static func document(for rounds: [RoundRecord]) -> String {
        var out = ""
        for round in rounds {
            out += line(for: round)
            out += "\n"
        }
        return out
    }

    // MARK: - Values

    private static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }

    private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    private static func number(_ value: Double) -> JSONValue { JSONNumber(value).map(JSONValue.number) ?? .null }


    /// `{"score": …, "dimensions": {…}}`; extra entries past the nine dimensions are ignored.
    private static func scores(_ vector: ScoreVector) -> JSONValue {
        var dimensions: [(String, JSONValue)] = []
        for (index, dimension) in Dimension.allCases.enumerated() where index < vector.dimensions.count {
            dimensions.append((dimension.rawValue, number(vector.dimensions[index])))
        }
        return object([("score", number(vector.overall)), ("dimensions", object(dimensions))])
    }

    /// The text parsed as JSON when it is JSON, else the text as a string.
    private static func embedded(_ text: String) -> JSONValue {
        (try? JSONParser().parse(text)) ?? .string(text)
    }
}
