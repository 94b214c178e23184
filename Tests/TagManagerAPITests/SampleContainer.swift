import Foundation
import GTMModel
import LosslessJSON
@testable import TagManagerAPI
import TestSupport

/// A small web export (account 1, container 2) with every kind of reference a deploy remaps:
/// folders, a custom template used as a tag type, built-ins, a trigger group listed before its
/// members, a tag listed before its setup tag, a blocking trigger and a built-in trigger id.
enum SampleContainer {
    static let folders = [#"{"folderId":"10","name":"Analytics","accountId":"1","containerId":"2","fingerprint":"1"}"#]
    static let templates = [#"{"templateId":"20","name":"Meta Pixel","templateData":"___INFO___\n{\"type\":\"TAG\"}","fingerprint":"1"}"#]
    static let variables = [
        #"{"variableId":"30","name":"DLV - value","type":"v","parentFolderId":"10","parameter":[{"type":"INTEGER","key":"dataLayerVersion","value":"2"},{"type":"TEMPLATE","key":"name","value":"ecommerce.value"}],"formatValue":{"caseConversionType":"LOWERCASE"}}"#,
        #"{"variableId":"31","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-TEST"}],"formatValue":{}}"#,
    ]
    static let builtIns = [#"{"type":"PAGE_URL","name":"Page URL"}"#, #"{"type":"EVENT","name":"Event"}"#]
    static let triggers = [
        #"{"triggerId":"42","name":"TG - funnel","type":"TRIGGER_GROUP","parameter":[{"type":"LIST","key":"triggerIds","list":[{"type":"TRIGGER_REFERENCE","value":"40"},{"type":"TRIGGER_REFERENCE","value":"41"}]}]}"#,
        Fixtures.customEventTrigger(id: "40", name: "CE - purchase", event: "purchase"),
        Fixtures.customEventTrigger(id: "41", name: "CE - add_to_cart", event: "add_to_cart"),
    ]
    static let tags = [
        #"{"tagId":"50","name":"Meta - Purchase","type":"cvt_2_20","parameter":[{"type":"TEMPLATE","key":"eventName","value":"Purchase"}],"firingTriggerId":["40"],"parentFolderId":"10","tagFiringOption":"ONCE_PER_EVENT","setupTag":[{"tagName":"Meta - Base"}],"consentSettings":{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"ad_storage"}]}},"monitoringMetadata":{"type":"MAP"}}"#,
        #"{"tagId":"51","name":"Meta - Base","type":"cvt_2_20","parameter":[{"type":"TEMPLATE","key":"pixelId","value":"123"}],"firingTriggerId":["2147479553"],"tagFiringOption":"ONCE_PER_LOAD","consentSettings":{"consentStatus":"NOT_SET"}}"#,
        #"{"tagId":"52","name":"GA4 - purchase","type":"gaawe","parameter":[{"type":"TEMPLATE","key":"eventName","value":"purchase"},{"type":"TEMPLATE","key":"measurementIdOverride","value":"{{Const - GA4 ID}}"}],"firingTriggerId":["40","42"],"blockingTriggerId":["41"],"tagFiringOption":"ONCE_PER_EVENT","priority":{"type":"INTEGER","value":"10"}}"#,
    ]

    static func exportText(tags: [String] = tags, triggers: [String] = triggers, variables: [String] = variables,
                           folders: [String] = folders, builtIns: [String] = builtIns, templates: [String] = templates) -> String
    {
        Fixtures.exportText(tags: tags, triggers: triggers, variables: variables, folders: folders, builtInVariables: builtIns,
                            templates: templates)
    }

    static func bytes(tags: [String] = tags, triggers: [String] = triggers, variables: [String] = variables,
                      folders: [String] = folders, builtIns: [String] = builtIns, templates: [String] = templates) -> [UInt8]
    {
        Array(exportText(tags: tags, triggers: triggers, variables: variables, folders: folders, builtIns: builtIns, templates: templates).utf8)
    }

    static func container(tags: [String] = tags, triggers: [String] = triggers, variables: [String] = variables,
                          folders: [String] = folders, builtIns: [String] = builtIns, templates: [String] = templates) throws -> Container
    {
        try ContainerLoader().decode(bytes(tags: tags, triggers: triggers, variables: variables, folders: folders, builtIns: builtIns,
                                           templates: templates), path: "sample")
    }
}

/// The entities a workspace would hold after the API stored `container`'s: ids offset by
/// `idOffset` (as when the API assigned new ones), references remapped to them, enums in API
/// casing, and the fields the API adds (path, fingerprint, ids, tagManagerUrl).
enum SimulatedWorkspace {
    static func entities(of container: Container, idOffset: Int = 1000, workspaceId: String = "9") -> [WorkspaceEntityKind: [JSONObject]] {
        let export = EntitySet(export: container)
        var ids = IDMap(exportContainerId: container.containerId, targetContainerId: container.containerId)
        for kind in WorkspaceEntityKind.allCases where kind != .builtInVariable {
            for record in export[kind] { ids[kind, record.id] = String((Int(record.id) ?? 0) + idOffset) }
        }
        var result: [WorkspaceEntityKind: [JSONObject]] = [:]
        for kind in WorkspaceEntityKind.allCases {
            result[kind] = export[kind].map { record in
                var object = ids.remapped(record.body, kind: kind)
                let id = kind == .builtInVariable ? record.id : ids[kind, record.id] ?? record.id
                let path = "accounts/1/containers/2/workspaces/\(workspaceId)/\(kind.collection)/\(id)"
                object.members.insert(contentsOf: [.init(key: "path", value: .string(path)), .init(key: "accountId", value: "1"),
                                                   .init(key: "containerId", value: "2"), .init(key: "workspaceId", value: .string(workspaceId))],
                                      at: 0)
                if let idField = kind.idField { object[idField] = .string(id) }
                object["fingerprint"] = "1700000000000"
                object["tagManagerUrl"] = .string("https://tagmanager.google.com/#/container/\(path)")
                return object
            }
        }
        return result
    }
}
