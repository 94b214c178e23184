import ExperimentLog
import Foundation
import GRDB

/// What a drain left in the database, against what it should have: every job `succeeded`, each
/// claimed once (`attempts = 1`), and as many completions counted as there were jobs.
struct DrainCheck {
    var problems: [String] = []

    init(path: String, expected: Int, childOutputs: [String]) throws {
        let log = try ExperimentLog(path: path)
        defer { try? log.close() }
        let (states, claimedTwice, neverClaimed, completions) = try log.pool.read { db in
            let states = try Row.fetchAll(db, sql: "SELECT state, count(*) FROM jobs GROUP BY state")
                .map { (String.fromDatabaseValue($0[0]) ?? "?", Int.fromDatabaseValue($0[1]) ?? 0) }
            let twice = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs WHERE attempts > 1") ?? 0
            let never = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs WHERE attempts = 0") ?? 0
            let completions = try Int.fetchOne(db, sql: "SELECT coalesce(sum(jobs_succeeded), 0) FROM workers") ?? 0
            return (states, twice, never, completions)
        }
        let succeeded = states.first { $0.0 == "succeeded" }?.1 ?? 0
        let total = states.reduce(0) { $0 + $1.1 }
        if total != expected { problems.append("\(total) jobs in the table, expected \(expected)") }
        if succeeded != expected {
            let other = states.filter { $0.0 != "succeeded" }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            problems.append("lost: \(expected - succeeded) jobs not succeeded (\(other))")
        }
        if claimedTwice > 0 { problems.append("duplicates: \(claimedTwice) jobs claimed more than once (attempts > 1)") }
        if neverClaimed > 0 { problems.append("\(neverClaimed) jobs never claimed") }
        if completions != expected { problems.append("workers counted \(completions) completions, expected \(expected)") }

        // The workers' own tallies ("done succeeded=… failed=… released=… lost=…").
        var tally: [String: Int] = [:]
        for output in childOutputs {
            guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("done ") }) else {
                problems.append("a worker printed no tally")
                continue
            }
            for field in line.dropFirst(5).split(separator: " ") {
                let parts = field.split(separator: "=")
                if parts.count == 2, let n = Int(parts[1]) { tally[String(parts[0]), default: 0] += n }
            }
        }
        if tally["succeeded", default: 0] != expected {
            problems.append("workers reported \(tally["succeeded", default: 0]) successes, expected \(expected)")
        }
        for key in ["failed", "released", "lost"] where tally[key, default: 0] > 0 {
            problems.append("workers reported \(tally[key, default: 0]) \(key)")
        }
    }
}
