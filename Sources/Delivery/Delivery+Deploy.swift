public import ExperimentLog
import Foundation
import RunDeliverables
public import TagManagerAPI

/// What ``Delivery/deploy(_:staging:dryRun:)`` planned and did.
public struct DeployOutcome: Sendable {
    public var run: RunRecord
    /// The local staging folder (`…/autoresearch-nightly` inside it).
    public var staging: String
    /// The changes from the local workspace's `container.json` to the run's best.
    public var localPlan: DeployPlan
    /// Whether the local workspace was written (not in a dry run).
    public var publishedLocally: Bool
    /// With GTM configured: the plan of a dry run, or the report of the deploy.
    public var gtmPlan: DeployPlan?
    public var gtm: DeployReport?

    public var text: String {
        var lines = [String(format: "run %lld (%@, best %.4f from round %d)", run.id, run.status.rawValue, run.bestScore.overall, run.bestRound)]
        lines.append("local staging workspace \(staging)/\(StagingWorkspace.workspaceName)\(publishedLocally ? "" : " (dry run: unchanged)"):")
        lines.append(localPlan.changesText)
        if let gtm {
            lines.append(gtm.text)
        } else if let gtmPlan {
            lines.append("GTM (dry run: reads only, nothing written):")
            lines.append(gtmPlan.text)
        } else {
            lines.append("GTM: not configured (GTM_AUTORESEARCH_GTM_ACCESS_TOKEN, _TOKEN_COMMAND or _SERVICE_ACCOUNT_KEY); the local workspace is importable by hand")
        }
        return lines.joined(separator: "\n")
    }
}

extension Delivery {
    /// Puts `run`'s best container into the staging workspaces (this run, whatever the night's
    /// winner: a person chose it): the local one always, GTM's when configured. A dry run
    /// plans both (GTM with reads only) and writes nothing.
    /// - Throws: ``DeliveryError``, `StagingWorkspaceError`, `TagManagerError`,
    ///   `ContainerLoadError` for a stored container that does not load.
    public func deploy(_ run: RunRecord, staging: String? = nil, dryRun: Bool) async throws -> DeployOutcome {
        let documents: RunOutput.Documents
        do { documents = try RunOutput(log: log, run: run).documents() } catch {
            throw DeliveryError.missingBlob(runId: run.id, sha256: run.bestSHA)
        }
        let root = try staging ?? self.staging(client: run.client)
        let workspace = StagingWorkspace(root: root)
        let current = try? Data(contentsOf: URL(fileURLWithPath: "\(workspace.directory)/container.json"))
        var outcome = DeployOutcome(run: run, staging: root,
                                    localPlan: try DeployPlan.between(current: current.map { Array($0) }, desired: documents.winningConfig),
                                    publishedLocally: false)
        if dryRun {
            if let gtm { outcome.gtmPlan = try await gtm.plan(container: documents.winningConfig) }
            return outcome
        }
        try workspace.publish(container: documents.winningConfig, sha256: run.bestSHA, client: run.client, runId: run.id, date: run.night,
                              score: run.bestScore.overall, summary: documents.changes)
        outcome.publishedLocally = true
        if let gtm { outcome.gtm = try await Delivery.deploy(documents.winningConfig, with: gtm) }
        return outcome
    }
}
