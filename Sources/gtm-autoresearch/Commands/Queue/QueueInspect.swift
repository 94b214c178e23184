public import ArgumentParser
import ExperimentLog
import Foundation
import GRDB
public import JobQueue

struct QueueList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show each queue: jobs per state, the oldest, paused or not.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (_, store) = try database.openFleet()
        let rows = try store.summary()
        let paused = Set(try store.pausedQueues())
        if rows.isEmpty && paused.isEmpty { print("no jobs in \(database.path)"); return }
        print("queue       state      jobs  oldest run_at")
        for row in rows {
            print("\(pad(row.queue.rawValue, 11)) \(pad(row.state.rawValue, 9)) \(String(format: "%5d", row.jobs))  \(row.oldestRunAt ?? "")\(row.paused ? "  (paused)" : "")")
        }
        for queue in paused.subtracting(rows.map(\.queue)).sorted(by: { $0.rawValue < $1.rawValue }) {
            print("\(pad(queue.rawValue, 11)) (paused, no jobs)")
        }
    }
}

struct QueueJobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "List jobs, newest first.")

    @Option(help: "Only this queue.")
    var queue: String?

    @Option(help: "Only this state: available, running, succeeded, failed, dead or cancelled.")
    var state: JobState?

    @Option(help: "How many jobs to show.")
    var limit: Int = 30

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (_, store) = try database.openFleet()
        let jobs = try store.jobs(queue: queue.map { QueueName($0) }, state: state, limit: limit)
        if format == .json { print(try JSONLines.array(jobs)); return }
        if jobs.isEmpty { print("no jobs"); return }
        print("    id  queue     state      prio  attempts  run_at                    payload / last error")
        for job in jobs {
            let note = job.lastError.map { "  [\($0.prefix(60))]" } ?? ""
            print(String(format: "%6lld  ", job.id) + "\(pad(job.queue.rawValue, 9)) \(pad(job.state.rawValue, 9)) \(String(format: "%5d", job.priority))  \(String(format: "%3d/%-3d", job.attempts, job.maxAttempts))   \(pad(job.runAt, 25)) \(job.payload)\(note)")
        }
    }
}

struct QueueShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one job in full.")

    @Argument(help: "The job id.")
    var job: Int64

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (_, store) = try database.openFleet()
        guard let job = try store.job(job) else { throw CommandFailure("there is no job \(self.job) in \(database.path)") }
        if format == .json { print(try JSONLines.object(job)); return }
        let fields: [(String, String?)] = [
            ("id", "\(job.id)"), ("queue", job.queue.rawValue), ("state", job.state.rawValue), ("priority", "\(job.priority)"),
            ("run_at", job.runAt), ("attempts", "\(job.attempts) of \(job.maxAttempts)"), ("lease_owner", job.leaseOwner),
            ("lease_expires_at", job.leaseExpiresAt), ("idempotency_key", job.idempotencyKey), ("payload", job.payload),
            ("result", job.result), ("last_error", job.lastError), ("created_at", job.createdAt), ("started_at", job.startedAt),
            ("finished_at", job.finishedAt), ("updated_at", job.updatedAt),
        ]
        for (name, value) in fields { print("\(pad(name, 17)) \(value ?? "—")") }
    }
}

struct QueueWorkers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workers", abstract: "List worker processes and their heartbeats.")

    @Flag(help: "Include stopped and dead workers.")
    var all = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (_, store) = try database.openFleet()
        let workers = try store.workers(includeStopped: all)
        if workers.isEmpty { print(all ? "no workers have run" : "no workers running (--all shows stopped and dead ones)"); return }
        print("id                             name                 queue     state     slots  heartbeat                 done  failed")
        for w in workers {
            print("\(pad(w.id, 30)) \(pad(w.name, 20)) \(pad(w.queue.rawValue, 9)) \(pad(w.state.rawValue, 9)) \(String(format: "%5d", w.concurrency))  \(pad(w.heartbeatAt, 25)) \(String(format: "%5d %7d", w.jobsSucceeded, w.jobsFailed))")
        }
    }
}

struct QueueRuns: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List runs with their progress and their next round job.")

    @Option(help: "How many runs to show.")
    var limit: Int = 20

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (log, _) = try database.openFleet()
        let rows = try log.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, p.client, p.status, p.rounds_done, p.kept, p.best_score, p.last_decision,
                       (SELECT j.state || ' ' || j.attempts || '/' || j.max_attempts FROM jobs j
                        WHERE j.queue = 'round' AND json_extract(j.payload, '$.run_id') = p.id ORDER BY j.id DESC LIMIT 1) AS job
                FROM run_progress p ORDER BY p.id DESC LIMIT ?
                """, arguments: [limit])
        }
        if rows.isEmpty { print("no runs in \(database.path)"); return }
        print("   id  client               status     rounds  kept  best     last      latest round job")
        for row in rows {
            let id: Int64 = row["id"], rounds: Int = row["rounds_done"], kept: Int = row["kept"], best: Double = row["best_score"]
            let client: String = row["client"], status: String = row["status"]
            let last: String = row["last_decision"] ?? "—", job: String = row["job"] ?? "—"
            print(String(format: "%5lld  ", id) + "\(pad(client, 20)) \(pad(status, 10)) \(String(format: "%6d  %4d  %.4f", rounds, kept, best))  \(pad(last, 9)) \(job)")
        }
    }
}

/// `--format` of the queue's listings.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

extension JobState: ExpressibleByArgument {}

/// Left-aligned, cut to `width` characters.
func pad(_ text: String, _ width: Int) -> String {
    text.count > width ? String(text.prefix(width - 1)) + "…" : text.padding(toLength: width, withPad: " ", startingAt: 0)
}

/// Sorted-key JSON for `--format json`.
enum JSONLines {
    static func object<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func array<T: Encodable>(_ values: [T]) throws -> String { try object(values) }
}
