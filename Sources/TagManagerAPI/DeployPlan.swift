import LosslessJSON

/// What a deploy would change in the workspace, entity by entity, in the order it would do it.
///
/// Reading it changes nothing: ``StagingDeployer/plan(container:logger:)`` only reads. Render it
/// with ``text`` or ``json``.
public struct DeployPlan: Sendable {
    /// One entity change.
    public struct Change: Sendable, Equatable {
        /// What happens to the entity.
        public enum Action: String, Sendable {
            case create, update, delete
        }

        /// The entity's kind.
        public var kind: WorkspaceEntityKind
        /// Create, update or delete.
        public var action: Action
        /// The entity's name after the change (a deleted entity's current name).
        public var name: String
        /// The workspace name an update replaces, when it renames.
        public var previousName: String?
        /// The entity's id in the container export (creates and updates).
        public var exportId: String?
        /// The entity's id in the workspace (updates and deletes); a built-in variable's API type.
        public var workspaceId: String?
        /// Why: `not in the workspace`, `changed: parameter, firingTriggerId`, `renamed from "…"`,
        /// `not in the container`.
        public var reason: String

        /// The export's body (API casing, export ids) that a create or update sends once its ids
        /// are remapped.
        var source: JSONObject?
        /// The workspace entity's fingerprint when it was read (updates).
        var fingerprint: String?
    }

    /// The workspace this plan is for: always ``TagManagerClient/workspaceName``.
    public var workspaceName: String { TagManagerClient.workspaceName }
    /// The container deployed to.
    public var container: ContainerPath
    /// `accounts/…/workspaces/{w}`, or `nil` when the workspace does not exist yet.
    public var workspacePath: String?
    /// The changes, in the order a deploy applies them: per kind in dependency order creates and
    /// updates (folders, templates, variables, built-ins, triggers, tags, clients,
    /// transformations), then deletions in the reverse kind order.
    public var changes: [Change]
    /// Entities present on both sides with the same content.
    public var unchangedCount: Int
    /// What the deploy leaves out (zones, Google tag configs) and other caveats.
    public var warnings: [String]
    /// Export ids → workspace ids for the entities matched with one another.
    var matchedIDs: IDMap

    /// Whether the workspace existed when the plan was made.
    public var workspaceExists: Bool { workspacePath != nil }

    /// Whether the workspace already matches the container.
    public var isEmpty: Bool { changes.isEmpty }

    /// How many changes take `action`.
    public func count(of action: Change.Action) -> Int { changes.filter { $0.action == action }.count }
}
