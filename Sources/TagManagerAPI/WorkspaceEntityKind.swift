/// The kinds of workspace entity a staging deploy writes, in the order it creates them.
///
/// Raw values are the plan's JSON `kind` strings. Zones and Google tag configs are not deployed
/// (no corpus export has them); a plan lists them as warnings.
public enum WorkspaceEntityKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case folder, template, variable, builtInVariable, trigger, tag, client, transformation

    /// Creation order (gtm-schema §15): folders, templates, variables and built-ins, triggers,
    /// tags, then the server-only clients and transformations. Deletions run in reverse.
    public static let creationOrder: [WorkspaceEntityKind] = allCases

    public static func < (lhs: WorkspaceEntityKind, rhs: WorkspaceEntityKind) -> Bool {
        creationOrder.firstIndex(of: lhs) ?? 0 < creationOrder.firstIndex(of: rhs) ?? 0
    }

    /// The collection segment of the API path: `…/workspaces/{w}/tags`.
    var collection: String {
        switch self {
        case .folder: "folders"
        case .template: "templates"
        case .variable: "variables"
        case .builtInVariable: "built_in_variables"
        case .trigger: "triggers"
        case .tag: "tags"
        case .client: "clients"
        case .transformation: "transformations"
        }
    }

    /// The array key of a list response (`{"tag": […], "nextPageToken": …}`).
    var listKey: String {
        switch self {
        case .folder: "folder"
        case .template: "template"
        case .variable: "variable"
        case .builtInVariable: "builtInVariable"
        case .trigger: "trigger"
        case .tag: "tag"
        case .client: "client"
        case .transformation: "transformation"
        }
    }

    /// The entity's own id field; built-in variables have none (they are keyed by `type`).
    var idField: String? {
        switch self {
        case .folder: "folderId"
        case .template: "templateId"
        case .variable: "variableId"
        case .builtInVariable: nil
        case .trigger: "triggerId"
        case .tag: "tagId"
        case .client: "clientId"
        case .transformation: "transformationId"
        }
    }

    /// Whether the root `type` is an enum to convert to the API's casing (a trigger's
    /// `CUSTOM_EVENT`, a built-in's `PAGE_URL`) rather than a type code kept as is (`gaawe`, `v`).
    var hasEnumRootType: Bool { self == .trigger || self == .builtInVariable }

    /// Whether the root `type` is a type code that may name a custom template (`cvt_…`).
    var mayUseTemplateType: Bool { self == .tag || self == .variable || self == .client }

    /// How the plan names the kind in prose.
    var displayName: String {
        switch self {
        case .builtInVariable: "built-in variable"
        default: rawValue
        }
    }
}
