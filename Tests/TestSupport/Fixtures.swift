import Foundation
public import GTMModel
import LosslessJSON

/// Small hand-written container exports for rule tests.
///
/// Each entity is given as JSON text; ids, account and fingerprint fields are filled in so tests
/// only write what matters: `Fixtures.container(tags: [#"{"tagId":"1","name":"GA4 - purchase","type":"gaawe"}"#])`.
public enum Fixtures {
    /// The export JSON text around the given entities.
    public static func exportText(
        tags: [String] = [], triggers: [String] = [], variables: [String] = [], folders: [String] = [],
        builtInVariables: [String] = [], templates: [String] = [], clients: [String] = [],
        transformations: [String] = [], usageContext: String = "WEB", containerName: String = "Fixture"
    ) -> String {
        func list(_ key: String, _ items: [String]) -> String {
            items.isEmpty ? "" : ",\n\"\(key)\": [\(items.joined(separator: ",\n"))]"
        }
        return """
        {"exportFormatVersion": 2, "exportTime": "2026-01-01 00:00:00",
         "containerVersion": {"path": "accounts/1/containers/2/versions/0", "accountId": "1", "containerId": "2",
          "containerVersionId": "0", "fingerprint": "0",
          "container": {"path": "accounts/1/containers/2", "accountId": "1", "containerId": "2", "name": "\(containerName)",
            "publicId": "GTM-FIXTURE", "usageContext": ["\(usageContext)"], "fingerprint": "0"}\
        \(list("tag", tags))\(list("trigger", triggers))\(list("variable", variables))\(list("folder", folders))\
        \(list("builtInVariable", builtInVariables))\(list("customTemplate", templates))\(list("client", clients))\
        \(list("transformation", transformations))
         }}
        """
    }

    /// The decoded container; throws when the fixture itself is malformed.
    public static func container(
        tags: [String] = [], triggers: [String] = [], variables: [String] = [], folders: [String] = [],
        builtInVariables: [String] = [], templates: [String] = [], clients: [String] = [],
        transformations: [String] = [], usageContext: String = "WEB"
    ) throws -> Container {
        let text = exportText(tags: tags, triggers: triggers, variables: variables, folders: folders,
                              builtInVariables: builtInVariables, templates: templates, clients: clients,
                              transformations: transformations, usageContext: usageContext)
        return try ContainerLoader().decode(Array(text.utf8), path: "fixture")
    }

    /// A template parameter `{"type":"TEMPLATE","key":…,"value":…}` as JSON text.
    public static func param(_ key: String, _ value: String, type: String = "TEMPLATE") -> String {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return #"{"type":"\#(type)","key":"\#(key)","value":"\#(escaped)"}"#
    }

    /// A custom-event trigger on `{{_event}} equals event`.
    public static func customEventTrigger(id: String, name: String, event: String, matchType: String = "EQUALS") -> String {
        #"{"triggerId":"\#(id)","name":"\#(name)","type":"CUSTOM_EVENT","customEventFilter":[{"type":"\#(matchType)","parameter":[{"type":"TEMPLATE","key":"arg0","value":"{{_event}}"},{"type":"TEMPLATE","key":"arg1","value":"\#(event)"}]}]}"#
    }

    /// A GA4 event tag sending `event` on the given triggers, with extra parameters as JSON text.
    public static func ga4EventTag(id: String, name: String, event: String, triggers: [String], extra: [String] = [], consent: String? = #"{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"analytics_storage"}]}}"#) -> String {
        let params = ([param("eventName", event), param("measurementIdOverride", "{{Const - GA4 ID}}")] + extra).joined(separator: ",")
        let consentPart = consent.map { #","consentSettings":\#($0)"# } ?? ""
        return #"{"tagId":"\#(id)","name":"\#(name)","type":"gaawe","parameter":[\#(params)],"firingTriggerId":[\#(triggers.map { "\"\($0)\"" }.joined(separator: ","))],"tagFiringOption":"ONCE_PER_EVENT"\#(consentPart)}"#
    }
}
