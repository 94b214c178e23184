import ExperimentLog
import Foundation
import GRDB
import JobQueue

/// The `bench` mode: baseline and drains, interleaved per repeat so a noisy machine slows all alike.
struct Driver {
    let options: Options

    /// One line of the table: a configuration and its rates over the repeats.
    struct Series {
        var label: String
        var samples: [(seconds: Double, rate: Double)] = []
        var median: (seconds: Double, rate: Double) {
            let sorted = samples.sorted { $0.rate < $1.rate }
            return sorted.isEmpty ? (0, 0) : sorted[sorted.count / 2]
        }
    }

    func run() async throws -> Int32 {
        let directory = options.directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("queue-benchmark-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let baselineCounts = Array(Set([1, options.baselineProcesses].filter { $0 > 0 })).sorted()
        var baselines = baselineCounts.map { Series(label: "baseline, 1-row write txns, \(processes($0))") }
        var drains = options.processes.map { Series(label: "drain, \(processes($0))") }
        var problems: [String] = []

        let delay = options.completionDelay.map { "\($0) s" } ?? "default"
        let version = try sqliteVersion(in: directory)
        print("queue-benchmark: \(grouped(options.jobs)) no-op jobs on queue \(options.queue); each worker process: batch \(options.batch), "
            + "concurrency \(options.concurrency), completion delay \(delay); median of \(options.repeats); SQLite \(version); files in \(directory)")
        for round in 0..<options.repeats {
            for (index, count) in baselineCounts.enumerated() {
                baselines[index].samples.append(try measureBaseline(processes: count, in: directory, round: round))
            }
            for (index, count) in options.processes.enumerated() {
                let (sample, found) = try measureDrain(processes: count, in: directory, round: round)
                drains[index].samples.append(sample)
                problems += found.map { "\(processes(count)), run \(round + 1): \($0)" }
            }
            FileHandle.standardError.write(Data("  run \(round + 1) of \(options.repeats) done\n".utf8))
        }
        try? FileManager.default.removeItem(atPath: directory)

        let reference = baselines.first?.median.rate ?? 0
        print("")
        print(pad("", 44) + pad("seconds", 9, right: true) + pad("per second", 12, right: true) + pad("vs baseline", 13, right: true) + "   runs (per second)")
        for series in baselines + drains {
            let median = series.median
            let ratio = reference > 0 ? String(format: "%.2fx", median.rate / reference) : "-"
            print(pad(series.label, 44) + pad(String(format: "%.3f", median.seconds), 9, right: true)
                + pad(grouped(Int(median.rate.rounded())), 12, right: true) + pad(ratio, 13, right: true)
                + "   " + series.samples.map { grouped(Int($0.rate.rounded())) }.joined(separator: " "))
        }
        print("")
        if problems.isEmpty {
            print("integrity: \(options.repeats * options.processes.count) drains, every job succeeded exactly once (attempts = 1); none lost, none run twice")
        } else {
            print("integrity: FAILED")
            for problem in problems { print("  \(problem)") }
        }
        if let index = options.processes.firstIndex(of: 4) {
            let rate = drains[index].median.rate
            let verdict = rate >= options.target ? "met" : "NOT met"
            print("target: \(grouped(Int(rate.rounded()))) jobs/s with 4 processes against \(grouped(Int(options.target))) jobs/s: \(verdict)")
        } else {
            print("target: not measured (no run with 4 processes)")
        }
        return problems.isEmpty ? 0 : 1
    }

    // MARK: - Measurements

    /// `options.jobs` single-row write transactions, split over `count` processes.
    private func measureBaseline(processes count: Int, in directory: String, round: Int) throws -> (seconds: Double, rate: Double) {
        let path = "\(directory)/baseline-\(count)-\(round).sqlite"
        defer { removeDatabase(path) }
        let log = try ExperimentLog(path: path)
        try log.pool.write { db in
            try db.execute(sql: "CREATE TABLE \(ChildModes.baselineTable) (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        }
        try checkpoint(log)
        try log.close()
        let shares = (0..<count).map { options.jobs / count + ($0 < options.jobs % count ? 1 : 0) }
        let (seconds, _) = try runTogether(count: count) { ["insert", "--db", path, "--count", "\(shares[$0])"] }
        let check = try ExperimentLog(path: path)
        let rows = try check.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(ChildModes.baselineTable)") ?? 0 }
        try check.close()
        guard rows == options.jobs else { throw ChildFailure(message: "baseline wrote \(rows) rows, not \(options.jobs)") }
        return (seconds, Double(options.jobs) / seconds)
    }

    /// Enqueues `options.jobs` jobs in a fresh file, drains them with `count` worker processes,
    /// and checks that each job succeeded exactly once.
    private func measureDrain(processes count: Int, in directory: String, round: Int) throws
        -> (sample: (seconds: Double, rate: Double), problems: [String])
    {
        let path = "\(directory)/drain-\(count)-\(round).sqlite"
        defer { removeDatabase(path) }
        try ChildModes.enqueue(path: path, queue: options.queue, count: options.jobs)

        let (seconds, outputs) = try runTogether(count: count) { _ in
            ["worker", "--db", path, "--queue", options.queue, "--batch", "\(options.batch)", "--concurrency", "\(options.concurrency)"]
                + (options.completionDelay.map { ["--completion-delay", "\($0)"] } ?? [])
        }
        let problems = try DrainCheck(path: path, expected: options.jobs, childOutputs: outputs).problems
        return ((seconds, Double(options.jobs) / seconds), problems)
    }

    private func checkpoint(_ log: ExperimentLog) throws { try ChildModes.checkpoint(log) }

    private func sqliteVersion(in directory: String) throws -> String {
        let path = "\(directory)/version.sqlite"
        defer { removeDatabase(path) }
        let log = try ExperimentLog(path: path)
        defer { try? log.close() }
        return try log.pool.read { try String.fetchOne($0, sql: "SELECT sqlite_version()") } ?? "?"
    }

    private func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    // MARK: - Text

    private func processes(_ count: Int) -> String { count == 1 ? "1 process" : "\(count) processes" }
}

func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return value < 0 ? "-" + out : out
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(width - text.count, 0))
    return right ? fill + text : text + fill
}
