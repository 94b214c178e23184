public import LosslessJSON

/// What a deploy did: the plan it carried out, the workspace, what changed, how many requests
/// it took, and what `quick_preview` said.
public struct DeployReport: Sendable {
    /// The plan, as computed against the workspace the deploy found (or created).
    public var plan: DeployPlan
    /// `accounts/…/containers/…/workspaces/{w}`.
    public var workspacePath: String
    /// The workspace in the Tag Manager UI, where a human reviews and publishes.
    public var workspaceURL: String?
    /// Whether this deploy created the workspace.
    public var createdWorkspace: Bool
    /// Entities created (built-in variables counted one by one).
    public var created: Int
    /// Entities replaced with the container's version.
    public var updated: Int
    /// Entities removed (already-gone ones included).
    public var deleted: Int
    /// Updates refused because someone changed the entity after it was read, then re-read and sent again.
    public var fingerprintConflicts: Int
    /// GTM API requests this deploy sent, retries included (the daily quota is 10,000 per project).
    public var requestCount: Int
    /// What `quick_preview` said after the changes.
    public var preview: QuickPreviewOutcome

    /// Whether every change landed and the workspace compiles in step with the container.
    public var isClean: Bool { preview.isClean }

    /// The plan's text, then what was applied, the preview outcome and the request count.
    public var text: String {
        var lines = [plan.text]
        if createdWorkspace { lines.append("created the workspace \(workspacePath)") }
        var applied = "applied: \(created) created, \(updated) updated, \(deleted) deleted"
        if fingerprintConflicts > 0 {
            applied += " (\(fingerprintConflicts) fingerprint conflict\(fingerprintConflicts == 1 ? "" : "s"): re-read and applied again)"
        }
        lines.append(applied)
        lines.append("quick_preview: " + (preview.isClean ? "compiles" : preview.compilerError ? "COMPILER ERROR" : "does not sync"))
        lines += preview.messages.map { "  \($0)" }
        lines.append("\(requestCount) GTM API request\(requestCount == 1 ? "" : "s") (quota: 0.25 per second, 10,000 per day per project)")
        lines.append("Review and publish in Tag Manager\(workspaceURL.map { ": \($0)" } ?? ""). This tool never creates a version or publishes.")
        return lines.joined(separator: "\n")
    }

    /// The report as JSON: `{"plan": …, "workspace": {"path", "url", "created"}, "applied":
    /// {"create", "update", "delete", "fingerprintConflicts"}, "requestCount", "preview":
    /// {"compilerError", "mergeConflict", "syncError", "messages"}}`.
    public var json: JSONValue {
        let workspace: JSONValue = ["path": .string(workspacePath), "url": workspaceURL.map(JSONValue.string) ?? .null,
                                    "created": .bool(createdWorkspace)]
        let applied: JSONValue = ["create": .number(JSONNumber(created)), "update": .number(JSONNumber(updated)),
                                  "delete": .number(JSONNumber(deleted)), "fingerprintConflicts": .number(JSONNumber(fingerprintConflicts))]
        let preview: JSONValue = ["compilerError": .bool(self.preview.compilerError), "mergeConflict": .bool(self.preview.mergeConflict),
                                  "syncError": .bool(self.preview.syncError), "messages": .array(self.preview.messages.map(JSONValue.string))]
        return ["plan": plan.json, "workspace": workspace, "applied": applied, "requestCount": .number(JSONNumber(requestCount)),
                "preview": preview]
    }
}
