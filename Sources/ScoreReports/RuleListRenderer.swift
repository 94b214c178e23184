import LosslessJSON
public import Scoring

/// `gtm-autoresearch rules`: every rule with its id, severity, rationale and hint.
public struct RuleListRenderer: Sendable {
    public init() {}

    public func text(_ rules: [RuleDescriptor]) -> String {
        var out = ""
        for dimension in Dimension.allCases {
            let mine = rules.filter { $0.dimension == dimension }
            guard !mine.isEmpty else { continue }
            out += "\(dimension.rawValue) — \(dimension.title) (default weight \(NumberFormatting.fixed(dimension.defaultWeight, places: 2)))\n"
            for r in mine {
                out += "  \(r.id) [\(r.severity.rawValue)]\n    \(r.title)\n    why: \(r.rationale)\n    fix: \(r.hint)\n"
            }
            out += "\n"
        }
        return out
    }

    public func json(_ rules: [RuleDescriptor]) -> String {
        let items: [JSONValue] = rules.map { r in
            .object(JSONObject([
                .init(key: "id", value: .string(r.id)), .init(key: "dimension", value: .string(r.dimension.rawValue)),
                .init(key: "severity", value: .string(r.severity.rawValue)), .init(key: "title", value: .string(r.title)),
                .init(key: "rationale", value: .string(r.rationale)), .init(key: "hint", value: .string(r.hint)),
            ]))
        }
        return JSONWriter(layout: .pretty(indent: 2)).string(of: .array(items)) + "\n"
    }

    public func markdown(_ rules: [RuleDescriptor]) -> String {
        var out = "| id | severity | what it flags |\n|---|---|---|\n"
        for r in rules { out += "| `\(r.id)` | \(r.severity.rawValue) | \(r.title) |\n" }
        return out
    }
}
