public import CurlHTTP
public import Foundation
import GTMModel
public import Logging
import LosslessJSON

/// Brings the GTM workspace ``workspaceName`` to a winning container, entity by entity.
///
/// The API has no import call, so a deploy reads the workspace's folders, templates, variables,
/// built-in variables, triggers and tags (and a server container's clients and
/// transformations), plans the changes (``DeployPlan``), applies them in dependency order with
/// ids remapped and enums in API casing, and compiles the result with `quick_preview`.
///
/// - Important: Nothing here creates a container version or publishes: the client has no such
///   request, and every write lands in the nightly workspace. A human reviews the workspace in
///   Tag Manager and publishes it.
public struct StagingDeployer: Sendable {
    /// The one workspace a deploy writes to (not configurable).
    public static let workspaceName = TagManagerClient.workspaceName

    /// The client every request goes through (its pacer spans all deploys made with it).
    public let client: TagManagerClient
    /// The client's configuration.
    public var configuration: TagManagerConfiguration { client.configuration }

    /// - Parameter now: the clock for token expiry and JWT timestamps.
    public init(configuration: TagManagerConfiguration, http: any HTTPClient = CurlHTTPClient(),
                now: @escaping @Sendable () -> Date = { Date() })
    {
        client = TagManagerClient(configuration: configuration, http: http, now: now)
    }

    /// A deployer sharing `client` (and so its pacing) with other users of it.
    public init(client: TagManagerClient) { self.client = client }

    /// What ``deploy(container:logger:)`` would change, computed with reads only (GETs).
    ///
    /// When the workspace does not exist yet the plan says so and lists every entity as a
    /// create; it is not created.
    /// - Parameter container: the export's bytes (`winning-config.json`).
    /// - Throws: `ContainerLoadError` for bytes that are not a container export;
    ///   ``TagManagerError`` for a failed request.
    public func plan(container: [UInt8], logger: Logger? = nil) async throws -> DeployPlan {
        let export = try ContainerLoader().decode(container, path: "container")
        let target = try containerPath(for: export)
        let workspace = try await client.findNightlyWorkspace(in: target)
        var current = EntitySet()
        if let workspace { current = try await read(workspace, for: export) }
        let plan = planner(for: export, target: target).plan(export: EntitySet(export: export), workspace: current,
                                                              workspacePath: workspace?.path, warnings: warnings(for: export))
        logger?.info("gtm plan computed", metadata: metadata(plan))
        return plan
    }

    /// Finds or creates the workspace, applies the plan, and runs `quick_preview`.
    ///
    /// A compiler error or merge conflict is reported in ``DeployReport/preview``, not thrown. A
    /// failure part-way leaves the workspace part-way: running the deploy again plans from what
    /// is there and finishes the job.
    /// - Throws: `ContainerLoadError` for bytes that are not a container export;
    ///   ``TagManagerError`` for a request that failed after its retries, or an update whose
    ///   entity kept changing under it.
    public func deploy(container: [UInt8], logger: Logger? = nil) async throws -> DeployReport {
        let export = try ContainerLoader().decode(container, path: "container")
        let target = try containerPath(for: export)
        let requestsBefore = await client.requestCount
        var createdWorkspace = false
        let workspace: NightlyWorkspace
        if let found = try await client.findNightlyWorkspace(in: target) {
            workspace = found
        } else {
            workspace = try await client.createNightlyWorkspace(in: target)
            createdWorkspace = true
            logger?.info("gtm workspace created", metadata: ["gtm.workspace": "\(workspace.path)"])
        }
        let current = try await read(workspace, for: export)
        let plan = planner(for: export, target: target).plan(export: EntitySet(export: export), workspace: current,
                                                              workspacePath: workspace.path, warnings: warnings(for: export))
        logger?.info("gtm plan computed", metadata: metadata(plan))

        var applier = DeployApplier(client: client, workspace: workspace, ids: plan.matchedIDs,
                                    maxFingerprintRetries: configuration.maxFingerprintRetries, logger: logger)
        try await applier.apply(plan)

        var preview = try await client.quickPreview(workspace)
        if preview.mergeConflict || preview.compilerError {
            preview.messages += try await conflictMessages(workspace)
        }
        logger?.info("gtm quick_preview done", metadata: ["gtm.compiler_error": "\(preview.compilerError)",
                                                           "gtm.merge_conflict": "\(preview.mergeConflict)"])
        let requests = await client.requestCount - requestsBefore
        return DeployReport(plan: plan, workspacePath: workspace.path, workspaceURL: workspace.tagManagerUrl,
                            createdWorkspace: createdWorkspace, created: applier.created, updated: applier.updated,
                            deleted: applier.deleted, fingerprintConflicts: applier.fingerprintConflicts,
                            requestCount: requests, preview: preview)
    }

    // MARK: - Steps

    /// The export's own account and container, unless the configuration overrides both.
    func containerPath(for export: Container) throws -> ContainerPath {
        if let account = configuration.accountId, let container = configuration.containerId {
            return try ContainerPath(accountId: account, containerId: container)
        }
        guard ContainerPath.isSafeID(export.accountId), ContainerPath.isSafeID(export.containerId) else {
            throw TagManagerError(operation: .deploy, path: "accounts/\(export.accountId)/containers/\(export.containerId)",
                                  failure: .refused(reason: "the export names no usable accountId/containerId (a partial or sanitized export); set "
                                      + "\(TagManagerConfiguration.Variable.accountId) and \(TagManagerConfiguration.Variable.containerId)"),
                                  attempts: 0)
        }
        return try ContainerPath(accountId: export.accountId, containerId: export.containerId)
    }

    /// The kinds a deploy of `export` touches: clients and transformations exist in server
    /// containers only.
    static func kinds(for export: Container) -> [WorkspaceEntityKind] {
        WorkspaceEntityKind.creationOrder.filter { export.isServer || ($0 != .client && $0 != .transformation) }
    }

    /// Every entity of the kinds the deploy touches, as the workspace has them now.
    private func read(_ workspace: NightlyWorkspace, for export: Container) async throws -> EntitySet {
        var raw: [WorkspaceEntityKind: [JSONObject]] = [:]
        for kind in StagingDeployer.kinds(for: export) { raw[kind] = try await client.listEntities(kind, in: workspace) }
        return EntitySet(raw)
    }

    private func planner(for export: Container, target: ContainerPath) -> DeployPlanner {
        DeployPlanner(exportContainerId: export.containerId, target: target)
    }

    private func warnings(for export: Container) -> [String] {
        var warnings: [String] = []
        if !export.zones.isEmpty { warnings.append("\(export.zones.count) zone(s) in the export are not deployed") }
        if let configs = export.document["containerVersion"]?["gtagConfig"]?.arrayValue, !configs.isEmpty {
            warnings.append("\(configs.count) Google tag config(s) in the export are not deployed")
        }
        if !export.isServer, !export.clients.isEmpty || !export.transformations.isEmpty {
            warnings.append("clients and transformations exist only in server containers; those in this web export are not deployed")
        }
        return warnings
    }

    /// The workspace's merge conflicts, one line each (at most 20).
    private func conflictMessages(_ workspace: NightlyWorkspace) async throws -> [String] {
        let status = try await client.status(of: workspace)
        let conflicts = status["mergeConflict"]?.arrayValue ?? []
        var lines: [String] = conflicts.prefix(20).compactMap { conflict in
            guard case .object(let entity)? = conflict["entityInWorkspace"] ?? conflict["entityInBaseVersion"],
                  let member = entity.members.first(where: { $0.value.objectValue != nil })
            else { return nil }
            return "merge conflict: \(member.key) \"\(member.value["name"]?.stringValue ?? "?")\" changed in the workspace and in the latest container version"
        }
        if conflicts.count > 20 { lines.append("… and \(conflicts.count - 20) more merge conflicts") }
        return lines
    }

    private func metadata(_ plan: DeployPlan) -> Logger.Metadata {
        ["gtm.workspace": "\(plan.workspacePath ?? "(not created yet)")", "gtm.create": "\(plan.count(of: .create))",
         "gtm.update": "\(plan.count(of: .update))", "gtm.delete": "\(plan.count(of: .delete))"]
    }
}
