import Logging
import LosslessJSON

/// Carries out a plan's changes in the nightly workspace, in the plan's order.
///
/// Ids are remapped just before each request, with the ids of entities created earlier in the
/// same deploy. Built-in variables are enabled and disabled in batches (one request per 50
/// types). An update whose fingerprint went stale is re-read and, when the entity still differs
/// from the container's, sent again with the new fingerprint, up to the configured number of
/// times. A delete of an entity that is already gone counts as done.
struct DeployApplier {
    let client: TagManagerClient
    let workspace: NightlyWorkspace
    var ids: IDMap
    let maxFingerprintRetries: Int
    let logger: Logger?
    private(set) var created = 0
    private(set) var updated = 0
    private(set) var deleted = 0
    private(set) var fingerprintConflicts = 0

    static let builtInBatchSize = 50

    init(client: TagManagerClient, workspace: NightlyWorkspace, ids: IDMap, maxFingerprintRetries: Int, logger: Logger?) {
        self.client = client
        self.workspace = workspace
        self.ids = ids
        self.maxFingerprintRetries = maxFingerprintRetries
        self.logger = logger
    }

    mutating func apply(_ plan: DeployPlan) async throws {
        var index = plan.changes.startIndex
        while index < plan.changes.endIndex {
            let change = plan.changes[index]
            if change.kind == .builtInVariable {
                // Consecutive built-in changes of one action go out together.
                var types: [String] = []
                while index < plan.changes.endIndex, plan.changes[index].kind == .builtInVariable, plan.changes[index].action == change.action {
                    if let type = plan.changes[index].source?["type"]?.stringValue ?? plan.changes[index].workspaceId { types.append(type) }
                    index += 1
                }
                try await applyBuiltIns(types, action: change.action)
                continue
            }
            switch change.action {
            case .create: try await create(change)
            case .update: try await update(change)
            case .delete: try await delete(change)
            }
            logger?.info("gtm change applied", metadata: ["gtm.kind": "\(change.kind.rawValue)", "gtm.action": "\(change.action.rawValue)",
                                                          "gtm.name": "\(change.name)"])
            index += 1
        }
    }

    private mutating func applyBuiltIns(_ types: [String], action: DeployPlan.Change.Action) async throws {
        for start in stride(from: 0, to: types.count, by: DeployApplier.builtInBatchSize) {
            let batch = Array(types[start..<min(start + DeployApplier.builtInBatchSize, types.count)])
            switch action {
            case .create:
                try await client.enableBuiltInVariables(types: batch, in: workspace)
                created += batch.count
            case .delete:
                try await client.disableBuiltInVariables(types: batch, in: workspace)
                deleted += batch.count
            case .update:
                break  // a built-in has nothing to update
            }
        }
        logger?.info("gtm change applied", metadata: ["gtm.kind": "builtInVariable", "gtm.action": "\(action.rawValue)",
                                                      "gtm.count": "\(types.count)"])
    }

    private mutating func create(_ change: DeployPlan.Change) async throws {
        guard let source = change.source, let idField = change.kind.idField else { return }
        let stored = try await client.createEntity(change.kind, body: ids.remapped(source, kind: change.kind), in: workspace)
        guard let newID = stored[idField]?.identifierText else {
            throw TagManagerError(operation: .createEntity, path: "\(workspace.path)/\(change.kind.collection)",
                                  failure: .malformedResponse(status: 200, reason: "the created \(change.kind.rawValue) has no \(idField)"), attempts: 1)
        }
        if let exportId = change.exportId { ids[change.kind, exportId] = newID }
        created += 1
    }

    private mutating func update(_ change: DeployPlan.Change) async throws {
        guard let source = change.source, let id = change.workspaceId else { return }
        let body = ids.remapped(source, kind: change.kind)
        var fingerprint = change.fingerprint
        var rereads = 0
        while true {
            if fingerprint == nil {
                fingerprint = try await client.entity(change.kind, id: id, in: workspace)["fingerprint"]?.identifierText ?? ""
            }
            do {
                _ = try await client.updateEntity(change.kind, id: id, body: body, fingerprint: fingerprint ?? "", in: workspace)
                updated += 1
                return
            } catch let error as TagManagerError where error.isFingerprintConflict {
                fingerprintConflicts += 1
                guard rereads < maxFingerprintRetries else {
                    throw TagManagerError(operation: .updateEntity, path: workspace.entityPath(change.kind, id: id),
                                          failure: .fingerprintConflict(updates: rereads + 1), attempts: rereads + 1)
                }
                rereads += 1
                let current = try await client.entity(change.kind, id: id, in: workspace)
                logger?.info("gtm fingerprint conflict", metadata: ["gtm.kind": "\(change.kind.rawValue)", "gtm.name": "\(change.name)"])
                if EntityBody.differingFields(desired: body, current: EntityBody.body(of: current, kind: change.kind)).isEmpty {
                    updated += 1  // the other edit already made it what the container says
                    return
                }
                fingerprint = current["fingerprint"]?.identifierText ?? ""
            }
        }
    }

    private mutating func delete(_ change: DeployPlan.Change) async throws {
        guard let id = change.workspaceId else { return }
        do {
            try await client.deleteEntity(change.kind, id: id, in: workspace)
        } catch let error as TagManagerError where error.isNotFound {
            // Already gone: the end state is the one wanted.
        }
        deleted += 1
    }
}
