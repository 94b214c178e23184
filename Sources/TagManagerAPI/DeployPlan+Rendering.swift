public import LosslessJSON

extension DeployPlan {
    /// The plan for a person: a header naming the workspace, the counts, one line per change
    /// (`+` create, `~` update, `-` delete), then warnings.
    ///
    /// ```
    /// GTM workspace autoresearch-nightly: accounts/6001/containers/7001/workspaces/12
    /// 1 to create, 2 to update, 1 to delete, 57 unchanged
    ///   + create variable "AR - consent default" (export id 910): not in the workspace
    ///   ~ update tag "GA4 - Purchase" (workspace id 7): renamed from "GA4 - purchase"
    ///   ~ update tag "GA4 - page_view" (workspace id 8): changed: parameter
    ///   - delete trigger "CE - legacy" (workspace id 44): not in the container
    /// ```
    public var text: String {
        var lines: [String] = []
        if let workspacePath {
            lines.append("GTM workspace \(workspaceName): \(workspacePath)")
        } else {
            lines.append("GTM workspace \(workspaceName) in \(container): does not exist yet; a deploy creates it")
            lines.append("(GTM forks a new workspace from the container's latest version, so the deploy will find most of these "
                + "entities already there; this plan assumes an empty workspace)")
        }
        lines.append(changesText)
        return lines.joined(separator: "\n")
    }

    /// ``text`` without its header: the counts, one line per change, the warnings.
    public var changesText: String {
        var lines: [String] = []
        if changes.isEmpty {
            lines.append("no changes: the workspace already matches the container (\(unchangedCount) entities)")
        } else {
            lines.append("\(count(of: .create)) to create, \(count(of: .update)) to update, \(count(of: .delete)) to delete, \(unchangedCount) unchanged")
            for change in changes { lines.append("  " + change.line) }
        }
        for warning in warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n")
    }

    /// The plan as JSON: `{"workspace": {"name", "path", "exists"}, "container",
    /// "summary": {"create", "update", "delete", "unchanged"}, "changes": [{"kind", "action",
    /// "name", "previousName"?, "exportId"?, "workspaceId"?, "reason"}], "warnings": […]}`.
    public var json: JSONValue {
        let workspace: JSONValue = ["name": .string(workspaceName), "path": workspacePath.map(JSONValue.string) ?? .null,
                                    "exists": .bool(workspaceExists)]
        let summary: JSONValue = ["create": .number(JSONNumber(count(of: .create))), "update": .number(JSONNumber(count(of: .update))),
                                  "delete": .number(JSONNumber(count(of: .delete))), "unchanged": .number(JSONNumber(unchangedCount))]
        return ["workspace": workspace, "container": .string(container.description), "summary": summary,
                "changes": .array(changes.map(\.json)), "warnings": .array(warnings.map(JSONValue.string))]
    }
}

extension DeployPlan.Change {
    /// One line of the text plan.
    var line: String {
        let symbol = switch action {
        case .create: "+"
        case .update: "~"
        case .delete: "-"
        }
        let id = action == .create ? exportId.map { "export id \($0)" } : workspaceId.map { kind == .builtInVariable ? "type \($0)" : "workspace id \($0)" }
        return "\(symbol) \(action.rawValue) \(kind.displayName) \"\(name)\"\(id.map { " (\($0))" } ?? ""): \(reason)"
    }

    /// The change as a JSON object.
    public var json: JSONValue {
        var members: [JSONObject.Member] = [.init(key: "kind", value: .string(kind.rawValue)), .init(key: "action", value: .string(action.rawValue)),
                                            .init(key: "name", value: .string(name))]
        if let previousName { members.append(.init(key: "previousName", value: .string(previousName))) }
        if let exportId { members.append(.init(key: "exportId", value: .string(exportId))) }
        if let workspaceId { members.append(.init(key: "workspaceId", value: .string(workspaceId))) }
        members.append(.init(key: "reason", value: .string(reason)))
        return .object(JSONObject(members))
    }
}
