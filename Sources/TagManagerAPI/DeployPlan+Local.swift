import GTMModel

extension DeployPlan {
    /// The changes that take container export `current` to `desired`, planned exactly as a deploy
    /// plans against a workspace (same matching, same comparison): what `deploy --dry-run` shows
    /// for the local staging workspace, where no GTM account is involved.
    /// - Parameter current: the export the workspace holds now; nil for an empty workspace.
    /// - Throws: `ContainerLoadError` when either is not a container export.
    public static func between(current: [UInt8]?, desired: [UInt8]) throws -> DeployPlan {
        let export = try ContainerLoader().decode(desired, path: "desired container")
        let existing = try current.map { try ContainerLoader().decode($0, path: "current container") }
        // Template types name their container; a sanitized export's ids are not path-safe, and
        // nothing is sent anywhere here, so any stand-in will do.
        let target = try (try? ContainerPath(accountId: export.accountId, containerId: export.containerId))
            ?? ContainerPath(accountId: "local", containerId: "local")
        return DeployPlanner(exportContainerId: export.containerId, target: target)
            .plan(export: EntitySet(export: export), workspace: existing.map { EntitySet(export: $0) } ?? EntitySet(),
                  workspacePath: existing == nil ? nil : "local", warnings: [])
    }
}
