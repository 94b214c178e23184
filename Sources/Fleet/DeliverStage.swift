public import Delivery
import ExperimentLog
import Foundation
import TagManagerAPI
public import JobQueue
import Logging
import RunDeliverables

/// The `deliver` stage: once a queued run ends, a `deliver` job (enqueued in the transaction that
/// ended it) writes its files and the local staging workspace and puts the night's winner in the
/// bucket and the GTM workspace `autoresearch-nightly` when those are configured.
///
/// Every step is idempotent (atomic files, same keys, same objects, a GTM plan that is empty once
/// applied), so a retried job redoes it safely; a service that is down fails the job with backoff
/// until its attempts run out, and a dead job stays in `queue list` with the error, the run itself
/// untouched. A GTM workspace that does not compile is dead at once: a person must look.
public struct DeliverStage: JobHandler {
    public let queue = QueueName.deliver
    let delivery: Delivery

    public init(delivery: Delivery) { self.delivery = delivery }

    public func perform(_ job: Job, context: JobContext) async throws -> JobCompletion {
        let payload: DeliverJob
        do { payload = try job.decodePayload(DeliverJob.self) } catch {
            throw JobFailure("the payload is not a deliver job (\(job.payload.prefix(80)))", isRetryable: false)
        }
        guard let run = try delivery.log.run(payload.runId) else { throw JobFailure("there is no run \(payload.runId)", isRetryable: false) }
        guard run.status.isFinal else { throw JobFailure("run \(run.id) is \(run.status.rawValue), not finished", isRetryable: true) }
        let report: DeliveryReport
        do { report = try await delivery.deliver(run) } catch let error as DeliveryError {
            throw JobFailure("\(error)", isRetryable: false)
        }
        context.logger.info("delivered", metadata: ["run.id": "\(run.id)", "files": "\(report.files.folder)"])
        for note in report.notes { context.logger.info("\(note)", metadata: ["run.id": "\(run.id)"]) }
        var result: [String: String] = ["files": report.files.folder, "staging": report.files.staging]
        if let winner = report.winner { result["winner_run"] = "\(winner.run.id)" }
        if let keys = report.bucketKeys { result["bucket_objects"] = "\(keys.count)" }
        if let gtm = report.gtm {
            result["gtm_workspace"] = gtm.workspacePath
            result["gtm_changes"] = "\(gtm.created) created, \(gtm.updated) updated, \(gtm.deleted) deleted"
        }
        return JobCompletion(result: JobResultText.json(result))
    }
}

/// A job's result as compact JSON with sorted keys.
enum JobResultText {
    static func json(_ fields: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(fields)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
