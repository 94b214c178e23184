import ArgumentParser
import ExperimentLog
import Fleet
import Foundation
import JobQueue

struct QueueCancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a job, or every unfinished job of a run (the run stops as cancelled).")

    @Argument(help: "The job id.")
    var job: Int64?

    @Option(help: "Cancel the unfinished round jobs of this run instead.")
    var run: Int64?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if (job == nil) == (run == nil) { throw ValidationError("Give a job id or --run RUN_ID.") }
    }

    func run() async throws {
        let (log, store) = try database.openFleet()
        let mutators = MutatorFactory(environment: [:])
        let ids: [Int64]
        if let run {
            guard try log.run(run) != nil else { throw CommandFailure("there is no run \(run) in \(database.path)") }
            ids = try store.jobs(wherePayload: "run_id", equals: run, queue: .round).filter { !$0.state.isFinal }.map(\.id)
            if ids.isEmpty { print("run \(run) has no unfinished jobs"); return }
        } else {
            ids = [job!]
        }
        for id in ids {
            do {
                let cancelled = try store.cancel(id) { job, db in
                    try Stages.handler(for: job.queue, log: log, store: store, mutators: mutators)?.jobEnded(job, in: db)
                }
                print("job \(cancelled.id) cancelled (\(cancelled.queue) \(cancelled.payload))")
            } catch let error as JobQueueError {
                throw CommandFailure("\(error)")
            }
        }
    }
}

struct QueueRetry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Put a dead, cancelled or failed job back in its queue now, with its attempts reset.")

    @Argument(help: "The job id.")
    var job: Int64

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (log, store) = try database.openFleet()
        let mutators = MutatorFactory(environment: [:])
        do {
            let retried = try store.retry(job) { job, db in
                try Stages.handler(for: job.queue, log: log, store: store, mutators: mutators)?.jobRetried(job, in: db)
            }
            print("job \(retried.id) is available again (\(retried.queue) \(retried.payload))")
        } catch let error as JobQueueError {
            throw CommandFailure("\(error)")
        }
    }
}

struct QueuePause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Stop workers claiming from a queue; running jobs finish.")

    @Argument(help: "The queue (round).")
    var queue: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (_, store) = try database.openFleet()
        do {
            print(try store.pause(QueueName(queue)) ? "\(queue) paused" : "\(queue) was already paused")
        } catch let error as JobQueueError {
            throw CommandFailure("\(error)")
        }
    }
}

struct QueueResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Let workers claim from a paused queue again.")

    @Argument(help: "The queue (round).")
    var queue: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (_, store) = try database.openFleet()
        print(try store.resume(QueueName(queue)) ? "\(queue) resumed" : "\(queue) was not paused")
    }
}
