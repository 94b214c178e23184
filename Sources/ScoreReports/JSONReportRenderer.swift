import GTMModel
public import LosslessJSON
import Scoring

/// `--format json`: one compact JSON object per file, one per line, keys in a fixed order.
///
///     {"file", "score", "scorer_version", "dimensions": [{"id","score","weight","applicable"}],
///      "findings": [{"rule","dimension","severity","entity":{"kind","id","name"},"message","hint","ref"?}],
///      "counts": {"tags","triggers","variables","folders"}}
public struct JSONReportRenderer: Sendable {
    public init() {}

    public func render(_ files: [ScoredFile]) -> String {
        files.map { JSONWriter().string(of: value(of: $0)) + "\n" }.joined()
    }

    public func value(of file: ScoredFile) -> JSONValue {
        let report = file.report
        let dimensions: [JSONValue] = report.dimensions.map { d in
            .object(JSONObject([
                .init(key: "id", value: .string(d.dimension.rawValue)),
                .init(key: "score", value: NumberFormatting.json(d.score)),
                .init(key: "weight", value: NumberFormatting.json(d.weight)),
                .init(key: "applicable", value: .bool(d.isApplicable)),
            ]))
        }
        let findings: [JSONValue] = report.findings.map { f in
            var members: [JSONObject.Member] = [
                .init(key: "rule", value: .string(f.rule)),
                .init(key: "dimension", value: .string(f.dimension.rawValue)),
                .init(key: "severity", value: .string(f.severity.rawValue)),
                .init(key: "entity", value: .object(JSONObject([
                    .init(key: "kind", value: .string(f.entity.kind.rawValue)),
                    .init(key: "id", value: .string(f.entity.id)),
                    .init(key: "name", value: .string(f.entity.name)),
                ]))),
                .init(key: "message", value: .string(f.message)),
                .init(key: "hint", value: .string(f.hint)),
            ]
            if let ref = f.ref { members.append(.init(key: "ref", value: .string(ref))) }
            return .object(JSONObject(members))
        }
        return .object(JSONObject([
            .init(key: "file", value: .string(file.path)),
            .init(key: "score", value: NumberFormatting.json(report.score)),
            .init(key: "scorer_version", value: .string(report.scorerVersion)),
            .init(key: "dimensions", value: .array(dimensions)),
            .init(key: "findings", value: .array(findings)),
            .init(key: "counts", value: .object(JSONObject([
                .init(key: "tags", value: .number(JSONNumber(report.counts.tags))),
                .init(key: "triggers", value: .number(JSONNumber(report.counts.triggers))),
                .init(key: "variables", value: .number(JSONNumber(report.counts.variables))),
                .init(key: "folders", value: .number(JSONNumber(report.counts.folders))),
            ]))),
        ]))
    }
}
