public import ExperimentLog
import Foundation
import GTMModel
import LosslessJSON
public import ObjectStore
public import RunDeliverables
public import TagManagerAPI

/// The morning deliverables of SPEC §6 for a finished run: its files and the local staging
/// workspace always; the night's winner in the bucket and in the GTM workspace
/// `autoresearch-nightly` when those are configured.
///
/// Remote copies always hold the client's *night's winner* (``NightlyWinners``), not simply the
/// latest run: a second run the same night that scores lower leaves them as they are, so
/// delivering any run of a night again is safe and idempotent.
public struct Delivery: Sendable {
    public var log: ExperimentLog
    /// The bucket's winners store, when `GTM_AUTORESEARCH_S3_*` is configured.
    public var bucket: WinnerStore?
    /// The GTM staging deploy, when `GTM_AUTORESEARCH_GTM_*` credentials are configured.
    public var gtm: StagingDeployer?

    public init(log: ExperimentLog, bucket: WinnerStore? = nil, gtm: StagingDeployer? = nil) {
        self.log = log
        self.bucket = bucket
        self.gtm = gtm
    }

    /// The client's local staging folder: the one beside its latest run's folder
    /// (``RunOutput/staging(for:)``), else `out/<client>/staging`.
    public func staging(client: String) throws -> String {
        try log.runs(client: client).last.map(RunOutput.staging(for:)) ?? "out/\(client)/staging"
    }

    /// Writes `run`'s files, puts its night's winner in the local staging workspace and, when
    /// configured, in the bucket and the GTM workspace (the bucket first: it is the record).
    /// - Parameters:
    ///   - out: the folder for this run's files (default: the run's `out_dir`).
    ///   - staging: the local staging folder (default: ``RunOutput/staging(for:)``, or
    ///     `<out>/staging` when `out` is given).
    /// - Throws: ``RunOutputError`` for files that cannot be written, ``DeliveryError`` (a GTM
    ///   workspace that does not compile after the deploy), `S3Error` or `TagManagerError` when a
    ///   service keeps failing; what was done before the error stays done.
    public func deliver(_ run: RunRecord, out: String? = nil, staging: String? = nil) async throws -> DeliveryReport {
        let output = RunOutput(log: log, run: run, outOverride: out, stagingOverride: staging)
        let documents = try output.documents()
        let files = try output.write(documents)
        guard let winner = NightlyWinners.winner(of: run.night, from: try log.runs(client: run.client)) else {
            // Not finished (the CLI delivers a run it just stopped): its own files are all there is.
            return DeliveryReport(run: run, files: files, winner: nil, bucketKeys: nil, gtm: nil)
        }
        var winnerDocuments = documents
        if winner.run.id != run.id {
            winnerDocuments = try RunOutput(log: log, run: winner.run).documents()
            try StagingWorkspace(root: files.staging).publish(
                container: winnerDocuments.winningConfig, sha256: winner.run.bestSHA, client: winner.run.client, runId: winner.run.id,
                date: winner.night, score: winner.run.bestScore.overall, summary: winnerDocuments.changes)
        }
        var keys: [String]?
        if let bucket {
            keys = try await upload(winner, winnerDocuments, to: bucket)
        }
        var deployed: DeployReport?
        if let gtm {
            deployed = try await Delivery.deploy(winnerDocuments.winningConfig, with: gtm)
        }
        return DeliveryReport(run: run, files: files, winner: winner, bucketKeys: keys, gtm: deployed)
    }

    /// Deploys `container` to the GTM workspace; a workspace that does not compile afterwards
    /// is an error (a human must look), reported with what the deploy did.
    static func deploy(_ container: [UInt8], with gtm: StagingDeployer) async throws -> DeployReport {
        let report = try await gtm.deploy(container: container)
        guard report.isClean else { throw DeliveryError.stagingDoesNotCompile(report.text) }
        return report
    }

    /// Uploads a night's winner: report, rounds and manifest first, the container last.
    func upload(_ winner: NightlyWinner, _ documents: RunOutput.Documents, to bucket: WinnerStore) async throws -> [String] {
        let night = try NightDate(winner.night)
        let manifest = WinnerManifest(run: winner.run, bytes: documents.winningConfig.count)
        let files: [WinnerStore.File: [UInt8]] = [
            .winningConfig: documents.winningConfig, .report: documents.report, .rounds: documents.rounds, .manifest: manifest.json,
        ]
        try await bucket.upload(client: winner.run.client, night: night, files: files)
        return try WinnerStore.File.allCases.map { try WinnerStore.key(client: winner.run.client, night: night, file: $0) }
    }
}

/// What ``Delivery/deliver(_:out:staging:)`` did.
public struct DeliveryReport: Sendable {
    public var run: RunRecord
    public var files: RunOutput.Written
    /// The run's night's winner (this run or a better one that night); nil for an unfinished run.
    public var winner: NightlyWinner?
    /// The keys written, or nil when no bucket is configured.
    public var bucketKeys: [String]?
    /// What the GTM deploy did, or nil when GTM is not configured.
    public var gtm: DeployReport?

    /// What happened beyond this run's own files, one line each, for the terminal and the log.
    public var notes: [String] {
        var notes: [String] = []
        if let winner, winner.run.id != run.id {
            notes.append(String(format: "night's winner: run %lld scored higher that night (%.4f); staging and the bucket keep it", winner.run.id,
                                winner.run.bestScore.overall))
        }
        if let bucketKeys, let first = bucketKeys.first {
            notes.append("bucket:         \(bucketKeys.count) objects under \(first.split(separator: "/").dropLast().joined(separator: "/"))/")
        }
        if let gtm {
            notes.append("gtm workspace:  \(gtm.workspacePath): \(gtm.created) created, \(gtm.updated) updated, \(gtm.deleted) deleted, "
                + "compiles, \(gtm.requestCount) requests; review and publish it in Tag Manager")
        }
        return notes
    }
}
