import GTMModel
import LosslessJSON
import Scoring

/// `--format sarif`: SARIF 2.1.0, one run covering every file, so code-scanning tools (GitHub,
/// GitLab, IDE viewers) list findings with their rule documentation.
public struct SARIFReportRenderer: Sendable {
    public var toolVersion: String
    public var informationURI: String

    public init(toolVersion: String, informationURI: String = "https://github.com/gtm-autoresearch/gtm-autoresearch#rules") {
        self.toolVersion = toolVersion
        self.informationURI = informationURI
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    public func render(_ files: [ScoredFile]) -> String {
        let descriptors = RuleCatalog.descriptors
        var ruleIndex: [String: Int] = [:]
        for (i, d) in descriptors.enumerated() { ruleIndex[d.id] = i }
        let rules: [JSONValue] = descriptors.map { d in
            obj([("id", .string(d.id)), ("name", .string(d.id)),
                 ("shortDescription", obj([("text", .string(d.title))])),
                 ("fullDescription", obj([("text", .string(d.rationale))])),
                 ("help", obj([("text", .string(d.hint))])),
                 ("defaultConfiguration", obj([("level", .string(SARIFReportRenderer.level(d.severity)))])),
                 ("properties", obj([("dimension", .string(d.dimension.rawValue))]))])
        }
        var results: [JSONValue] = []
        for file in files {
            let locator = file.source.map { EntityLocator(source: $0) }
            for f in file.report.findings {
                var physical: [(String, JSONValue)] = [("artifactLocation", obj([("uri", .string(file.path))]))]
                if let position = locator?.position(of: f.entity) {
                    physical.append(("region", obj([("startLine", .number(JSONNumber(position.line))), ("startColumn", .number(JSONNumber(position.column)))])))
                }
                let logical = obj([("name", .string(f.entity.name)), ("kind", .string(f.entity.kind.rawValue)),
                                   ("fullyQualifiedName", .string("\(f.entity.kind.rawValue)/\(f.entity.id)"))])
                var members: [(String, JSONValue)] = [
                    ("ruleId", .string(f.rule)),
                    ("level", .string(SARIFReportRenderer.level(f.severity))),
                    ("message", obj([("text", .string("\(f.message) Fix: \(f.hint)"))])),
                    ("locations", .array([obj([("physicalLocation", obj(physical)), ("logicalLocations", .array([logical]))])])),
                    ("partialFingerprints", obj([("gtmEntity/v1", .string("\(f.rule)|\(f.entity.kind.rawValue)|\(f.entity.id)|\(f.ref ?? "")"))])),
                ]
                if let index = ruleIndex[f.rule] { members.insert(("ruleIndex", .number(JSONNumber(index))), at: 1) }
                if let ref = f.ref { members.append(("properties", obj([("ref", .string(ref))]))) }
                results.append(obj(members))
            }
        }
        let scores: [JSONValue] = files.map { obj([("file", .string($0.path)), ("score", NumberFormatting.json($0.report.score))]) }
        let sarif = obj([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([obj([
                ("tool", obj([("driver", obj([("name", .string("gtm-autoresearch")), ("version", .string(toolVersion)),
                                             ("informationUri", .string(informationURI)), ("rules", .array(rules))]))])),
                ("results", .array(results)),
                ("properties", obj([("scores", .array(scores))])),
            ])])),
        ])
        return JSONWriter(layout: .pretty(indent: 2)).string(of: sarif) + "\n"
    }

    private func obj(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}
