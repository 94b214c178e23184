import ArgumentParser
import Delivery
import ExperimentLog
import Foundation
import RunDeliverables

struct Runs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the runs in the database, newest first.")

    @Option(help: "How many runs to show.")
    var limit: Int = 20

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let runs = try database.open().runs(limit: limit)
        if runs.isEmpty {
            print("no runs in \(database.path)")
            return
        }
        print("   id  client               status     rounds  initial  best     gain     cost     started")
        for r in runs {
            let client = r.client.count > 20 ? String(r.client.prefix(19)) + "…" : r.client
            print(String(format: "%5lld  %@ %@ %6d  %.4f   %.4f  %+.4f  $%.4f  %@",
                         r.id, client.padding(toLength: 20, withPad: " ", startingAt: 0),
                         r.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0), r.roundsDone,
                         r.initialScore.overall, r.bestScore.overall, r.bestScore.overall - r.initialScore.overall, r.costUSD,
                         String(r.createdAt.prefix(19))))
        }
    }
}

struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every round of a run: target, verdict, reason, scores, and each kept round's QA.",
        discussion: """
        Under a kept round, `qa:` says how many QA checks its candidate passed and whether a check has \
        more findings than in its parent (a QA regression, each new finding on a `qa +` line). \
        `diff RUN ROUND` lists every finding. --format jsonl prints the rounds exactly as rounds.jsonl holds them.
        """
    )

    @Argument(help: "The run id.")
    var runId: Int64

    @Option(help: "text or jsonl.")
    var format: LogFormat = .text

    @OptionGroup var database: DatabaseOptions

    enum LogFormat: String, ExpressibleByArgument { case text, jsonl }

    func run() async throws {
        let log = try database.open()
        guard let run = try log.run(runId) else { throw CommandFailure("there is no run \(runId) in \(database.path)") }
        let rounds = try log.rounds(run: runId)
        if format == .jsonl {
            for round in rounds { print(RoundsJSONL.line(for: round)) }
            return
        }
        print(String(format: "run %lld  %@  %@  %@  %d rounds  %.4f → %.4f", run.id, run.client, run.mutator, run.status.rawValue,
                     run.roundsDone, run.initialScore.overall, run.bestScore.overall))
        let qa = try QAEntries.of(run, rounds: rounds, log: log)
        for r in rounds {
            let scores = r.after.map { String(format: "%.4f → %.4f", r.before.overall, $0.overall) } ?? String(format: "%.4f →   —   ", r.before.overall)
            print(String(format: "%5d  %@ %@ %@  %@  %@", r.round, r.target.padding(toLength: 11, withPad: " ", startingAt: 0),
                         r.decision.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0),
                         r.reason.padding(toLength: 19, withPad: " ", startingAt: 0), scores, r.detail))
            for line in qa[r.round]?.textLines() ?? [] { print("       " + line) }
        }
    }
}

/// Each kept round's QA, by round number, compared with its parent's.
enum QAEntries {
    static func of(_ run: RunRecord, rounds: [RoundRecord], log: ExperimentLog) throws -> [Int: RunQA.Entry] {
        guard rounds.contains(where: { $0.qa != nil }) else { return [:] }
        guard let initial = try log.blob(run.initialSHA) else { throw CommandFailure("run \(run.id): its initial container is missing") }
        guard let qa = try RunQA.derive(run: run, initialContainer: initial) else { return [:] }
        return Dictionary(qa.history(of: rounds).map { ($0.round, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one round's patch, the diff of the entities it touched and, for a kept round, its QA.")

    @Argument(help: "The run id.")
    var runId: Int64

    @Argument(help: "The round number.")
    var round: Int

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let log = try database.open()
        guard let r = try log.round(run: runId, round: round) else { throw CommandFailure("run \(runId) has no round \(round) in \(database.path)") }
        print("# round \(r.round) of run \(r.runId): \(r.target), \(r.decision.rawValue) (\(r.reason)) \(r.detail)")
        if !r.rationale.isEmpty { print("# \(r.rationale)") }
        print("# patch: \(r.patch)")
        if r.qa != nil, let run = try log.run(runId), let entry = try QAEntries.of(run, rounds: log.rounds(run: runId), log: log)[round] {
            for line in entry.textLines(allFindings: true) { print("# " + line) }
        }
        if r.diff.isEmpty {
            print("# (the patch did not apply: nothing to diff)")
        } else {
            print(r.diff, terminator: r.diff.hasSuffix("\n") ? "" : "\n")
        }
    }
}

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a run's deliverables again from the database: report.html, rounds.jsonl, winning-config.json, staging, and the bucket when configured."
    )

    @Argument(help: "The run id.")
    var runId: Int64

    @Option(help: "Where to write (default: the run's own output folder).")
    var out: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let log = try database.open()
        guard let run = try log.run(runId) else { throw CommandFailure("there is no run \(runId) in \(database.path)") }
        let report: DeliveryReport
        do { report = try await DeliveryOptions.delivery(log: log).deliver(run, out: out) } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("run \(runId): \(error)")
        }
        print(RunSummary.text(run, folder: report.files))
        for note in report.notes { print(note) }
    }
}
