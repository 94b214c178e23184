import GTMModel
import LosslessJSON
import Scoring

/// Asks the scorer's own rules whether something would pass: a name (default names, the tag
/// scheme, type prefixes), a GA4 event name, a Custom HTML tag's code.
///
/// Each question builds a one-entity probe container and runs only the rules that judge it, so
/// the heuristic never re-implements (and never drifts from) what the scorer accepts, and the
/// cost is that of a three-line export.
struct NameJudge {
    let naming: NamingConvention

    private static let rules: [String: any Rule] = Dictionary(RuleCatalog.all.map { ($0.descriptor.id, $0) }, uniquingKeysWith: { a, _ in a })

    func acceptsTag(_ name: String) -> Bool {
        passes(["naming.default_name", "naming.tag_convention"], collection: "tag",
               entity: GTMJSON.object(["tagId": "1", "name": .string(name), "type": "html"]))
    }

    func acceptsTrigger(_ name: String, type: String) -> Bool {
        passes(["naming.default_name", "naming.trigger_prefix"], collection: "trigger",
               entity: GTMJSON.object(["triggerId": "1", "name": .string(name), "type": .string(type)]))
    }

    func acceptsVariable(_ name: String, type: String) -> Bool {
        passes(["naming.default_name", "naming.variable_prefix"], collection: "variable",
               entity: GTMJSON.object(["variableId": "1", "name": .string(name), "type": .string(type)]))
    }

    func acceptsFolder(_ name: String) -> Bool {
        passes(["naming.default_name"], collection: "folder", entity: GTMJSON.object(["folderId": "1", "name": .string(name)]))
    }

    /// Whether GA4 accepts `eventName` (snake_case, ≤ 40 characters, not reserved).
    func acceptsGA4EventName(_ eventName: String) -> Bool {
        let tag = GTMJSON.object(["tagId": "1", "name": "GA4 - Event - probe", "type": "gaawe",
                                  "parameter": .array([GTMJSON.template("eventName", eventName)])])
        return passes(["naming.ga4_event_name"], collection: "tag", entity: tag)
    }

    /// Whether a tag of this JSON passes `rule` on its own.
    func tagPasses(_ rule: String, tag: JSONValue) -> Bool {
        passes([rule], collection: "tag", entity: tag)
    }

    /// Whether a trigger of this JSON passes `rule` on its own.
    func triggerPasses(_ rule: String, trigger: JSONValue) -> Bool {
        passes([rule], collection: "trigger", entity: trigger)
    }

    private func passes(_ ruleIds: [String], collection: String, entity: JSONValue) -> Bool {
        let version = GTMJSON.object([
            "accountId": "1", "containerId": "1",
            "container": GTMJSON.object(["accountId": "1", "containerId": "1", "name": "probe", "publicId": "GTM-PROBE",
                                         "usageContext": ["WEB"]]),
            collection: .array([entity]),
        ])
        let document = GTMJSON.object(["exportFormatVersion": 2, "containerVersion": version])
        guard let container = try? Container(document: document) else { return false }
        let context = ScoringContext(analysis: ContainerAnalysis(container), plan: TrackingPlan(name: "probe", events: []),
                                     accountState: nil, naming: naming)
        for id in ruleIds {
            guard let rule = NameJudge.rules[id] else { return false }
            var results = RuleResults(descriptor: rule.descriptor)
            rule.evaluate(context, &results)
            if !results.findings.isEmpty { return false }
        }
        return true
    }
}
