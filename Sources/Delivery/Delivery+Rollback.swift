import ExperimentLog
import Foundation
import GTMModel
import LosslessJSON
public import ObjectStore
import RunDeliverables
public import TagManagerAPI

/// What ``Delivery/rollback(client:to:staging:dryRun:)`` found and did.
public struct RollbackReport: Sendable {
    public var client: String
    public var night: String
    public var runId: Int64
    public var score: Double
    public var sha256: String
    /// `database` or `bucket`.
    public var source: String
    /// The local staging folder published to; nil in a dry run.
    public var staging: String?
    /// With GTM configured: the plan (dry run) or what the deploy did.
    public var gtmPlan: DeployPlan?
    public var gtm: DeployReport?

    public var lines: [String] {
        var lines = [String(format: "night:   %@ (run %lld, score %.4f, from the %@)", night, runId, score, source)]
        lines.append(staging.map { "staging: \($0)/\(StagingWorkspace.workspaceName) now holds it" } ?? "staging: unchanged (dry run)")
        if let gtm { lines.append(gtm.text) } else if let gtmPlan { lines.append("GTM (dry run, nothing sent but reads):\n" + gtmPlan.text) }
        return lines
    }
}

extension Delivery {
    /// Puts `client`'s winner of `night` back into the local staging workspace, and into the GTM
    /// workspace when GTM is configured: from the database when it has that night, else from the
    /// bucket (checked against its manifest's hash). A dry run finds and checks it, plans the GTM
    /// changes with reads only, and changes nothing.
    /// - Throws: ``DeliveryError`` (no such night, a corrupt download, not a container), `S3Error`,
    ///   `StagingWorkspaceError`.
    public func rollback(client: String, to night: NightDate, staging: String? = nil, dryRun: Bool = false) async throws -> RollbackReport {
        let found = try await winner(client: client, night: night)
        do {
            _ = try Container(document: JSONParser().parse(found.container))
        } catch {
            throw DeliveryError.notAContainer(source: "the winner of \(night) (\(found.source))", reason: "\(error)")
        }
        var report = RollbackReport(client: client, night: night.description, runId: found.manifest.runId, score: found.manifest.score,
                                    sha256: found.manifest.sha256, source: found.source, staging: nil)
        guard !dryRun else {
            if let gtm { report.gtmPlan = try await gtm.plan(container: found.container) }
            return report
        }
        let root = try staging ?? self.staging(client: client)
        try StagingWorkspace(root: root).publish(
            container: found.container, sha256: found.manifest.sha256, client: client, runId: found.manifest.runId, date: night.description,
            score: found.manifest.score, summary: found.changes)
        report.staging = root
        if let gtm { report.gtm = try await Delivery.deploy(found.container, with: gtm) }
        return report
    }

    /// A night's winning container, its manifest, its `CHANGES.md` text and where it came from.
    func winner(client: String, night: NightDate) async throws -> (container: [UInt8], manifest: WinnerManifest, changes: String, source: String) {
        let runs = try log.runs(client: client)
        if let winner = NightlyWinners.winner(of: night.description, from: runs) {
            let documents: RunOutput.Documents
            do { documents = try RunOutput(log: log, run: winner.run).documents() } catch {
                throw DeliveryError.missingBlob(runId: winner.run.id, sha256: winner.run.bestSHA)
            }
            return (documents.winningConfig, WinnerManifest(run: winner.run, bytes: documents.winningConfig.count),
                    Delivery.rollbackNote(night, winner.run.id, "database") + documents.changes, "database")
        }
        var known = NightlyWinners.nights(from: runs).map(\.night)
        if let bucket {
            let nights = try await bucket.nights(client: client)
            if nights.contains(night) {
                let manifestKey = try WinnerStore.key(client: client, night: night, file: .manifest)
                let manifest = try WinnerManifest(json: try await bucket.download(client: client, night: night, file: .manifest), source: manifestKey)
                let container = try await bucket.download(client: client, night: night, file: .winningConfig)
                let sha = ExperimentLog.sha256Hex(container)
                guard sha == manifest.sha256 else {
                    throw DeliveryError.corruptDownload(key: try WinnerStore.key(client: client, night: night, file: .winningConfig),
                                                        expected: manifest.sha256, actual: sha)
                }
                return (container, manifest, Delivery.rollbackNote(night, manifest.runId, "bucket"), "bucket")
            }
            known = Array(Set(known + nights.map(\.description))).sorted()
        }
        throw DeliveryError.noWinner(client: client, night: night.description, known: known)
    }

    private static func rollbackNote(_ night: NightDate, _ runId: Int64, _ source: String) -> String {
        "> Rolled back to the winner of \(night) (run \(runId), from the \(source)) on \(Timestamp.string(from: Date())).\n\n"
    }
}
