import Foundation
import LosslessJSON
import Testing
import TestSupport

@Suite("gtm-autoresearch run, runs, log, diff, report", .serialized)
struct RunCommandTests {
    let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json").path
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("run-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    var db: String { dir.appendingPathComponent("state.sqlite").path }

    @Test func runImprovesTheExampleAndLeavesTheDeliverables() async throws {
        try await onOwnThread { try self.runImprovesTheExampleAndLeavesTheDeliverablesBlocking() }
    }

    private func runImprovesTheExampleAndLeavesTheDeliverablesBlocking() throws {
        let out = dir.appendingPathComponent("out").path
        let result = try CLIProcess.run(["run", example, "--rounds", "25", "--db", db, "--out", out, "--seed", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("run 1 completed after 25 rounds (rounds)"))
        // One plain progress line per round when stderr is not a terminal.
        #expect(result.stderr.split(separator: "\n").filter { $0.hasPrefix("round ") }.count == 25)

        let winning = "\(out)/winning-config.json"
        let scored = try CLIProcess.run(["score", winning, "--format", "json"])
        #expect(scored.status == 0)
        let score = try #require(try JSONParser().parse(scored.stdout)["score"]?.numberValue?.doubleValue)
        let initial = try #require(try JSONParser().parse(try CLIProcess.run(["score", example, "--format", "json"]).stdout)["score"]?.numberValue?.doubleValue)
        #expect(score > initial, "the run did not improve the example")
        #expect(result.stdout.contains(String(format: "→ %.4f", score)))

        let lines = try String(contentsOfFile: "\(out)/rounds.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 25)
        for line in lines { _ = try JSONParser().parse(String(line)) }
        let html = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
        #expect(html.contains("<svg") && !html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        let staged = try Data(contentsOf: URL(fileURLWithPath: "\(out)/staging/autoresearch-nightly/container.json"))
        #expect(staged == (try Data(contentsOf: URL(fileURLWithPath: winning))))

        // The same from the database.
        let runs = try CLIProcess.run(["runs", "--db", db])
        #expect(runs.status == 0 && runs.stdout.contains("completed"))
        let log = try CLIProcess.run(["log", "1", "--db", db])
        // The header and one line per round; a kept round's QA goes on indented lines under it.
        #expect(log.status == 0 && log.stdout.split(separator: "\n").filter { !$0.hasPrefix("       qa") }.count == 26)
        #expect(log.stdout.contains("       qa: "))
        let jsonl = try CLIProcess.run(["log", "1", "--db", db, "--format", "jsonl"])
        #expect(jsonl.stdout.split(separator: "\n").map(String.init) == lines.map(String.init))
        let kept = try #require(lines.firstIndex { $0.contains(#""decision":"kept""#) })
        let diff = try CLIProcess.run(["diff", "1", "\(kept + 1)", "--db", db])
        #expect(diff.status == 0 && diff.stdout.contains("@@"))
        let again = dir.appendingPathComponent("again").path
        let report = try CLIProcess.run(["report", "1", "--db", db, "--out", again])
        #expect(report.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(again)/winning-config.json")) == (try Data(contentsOf: URL(fileURLWithPath: winning))))
    }

    @Test func killedAtAnyMomentAndResumedGivesTheUninterruptedRun() async throws {
        try await onOwnThread { try self.killedAtAnyMomentAndResumedGivesTheUninterruptedRunBlocking() }
    }

    private func killedAtAnyMomentAndResumedGivesTheUninterruptedRunBlocking() throws {
        let rounds = "120"
        // The reference: the same run, never interrupted.
        let reference = dir.appendingPathComponent("reference.sqlite").path
        let straight = try CLIProcess.run(["run", example, "--rounds", rounds, "--db", reference, "--out", dir.appendingPathComponent("ref").path])
        #expect(straight.status == 0, "\(straight.stderr)")

        // kill -9 at random instants until the run finishes on its own.
        var generator = SplitMix64(seed: 42)
        var kills = 0
        var arguments = ["run", example, "--rounds", rounds, "--db", db, "--out", dir.appendingPathComponent("out").path]
        while true {
            let process = Process()
            process.executableURL = CLIProcess.executable
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // 20–420 ms, widening with each kill so that a loaded machine still gets through.
            let deadline = Date().addingTimeInterval(Double(generator.next() % 400 + 20 + UInt64(kills) * 10) / 1000)
            while process.isRunning && Date() < deadline { usleep(2000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                kills += 1
                // Killed before the run was even created: start it again; otherwise resume it.
                if try !CLIProcess.run(["runs", "--db", db]).stdout.contains("no runs") {
                    arguments = ["run", "--resume", "1", "--db", db, "--out", dir.appendingPathComponent("out").path]
                }
                if kills > 200 { Issue.record("the run never finished"); return }
                continue
            }
            #expect(process.terminationStatus == 0)
            break
        }
        #expect(kills > 0, "the run finished before the first kill; lengthen it")

        let resumed = try CLIProcess.run(["log", "1", "--db", db, "--format", "jsonl"]).stdout.split(separator: "\n")
        let uninterrupted = try CLIProcess.run(["log", "1", "--db", reference, "--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(resumed.count == Int(rounds))
        // Same decisions, patches and scores round by round (times and durations differ).
        func essence(_ line: Substring) throws -> [String] {
            let json = try JSONParser().parse(String(line))
            return ["round", "target", "decision", "reason", "patch", "candidate_sha", "parent_sha"].map { key in
                json[key].map { String(decoding: JSONWriter().bytes(of: $0), as: UTF8.self) } ?? "-"
            }
        }
        #expect(try resumed.map(essence) == uninterrupted.map(essence))
        let best = try CLIProcess.run(["runs", "--db", db]).stdout
        let bestReference = try CLIProcess.run(["runs", "--db", reference]).stdout
        #expect(best.split(separator: "\n").last?.split(separator: " ").prefix(6) == bestReference.split(separator: "\n").last?.split(separator: " ").prefix(6))
    }

    @Test func ctrlCStopsAfterTheCurrentRoundLeavingAResumableRun() async throws {
        try await onOwnThread { try self.ctrlCStopsAfterTheCurrentRoundLeavingAResumableRunBlocking() }
    }

    private func ctrlCStopsAfterTheCurrentRoundLeavingAResumableRunBlocking() throws {
        let process = Process()
        process.executableURL = CLIProcess.executable
        process.arguments = ["run", example, "--rounds", "100000", "--db", db, "--out", dir.appendingPathComponent("out").path]
        let output = dir.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first rounds to be recorded, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !(try CLIProcess.run(["runs", "--db", db]).stdout.contains("running")) { usleep(50_000) }
        usleep(300_000)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let summary = try String(contentsOf: output, encoding: .utf8)
        #expect(summary.contains("stopped after") && summary.contains("(interrupted)"), "\(summary)")
        let log = try CLIProcess.run(["log", "1", "--db", db, "--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(!log.isEmpty && log.count < 100000)
        #expect(try CLIProcess.run(["runs", "--db", db]).stdout.contains("stopped"))
        // The deliverables of a stopped run are written too.
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/winning-config.json").path))
    }

    @Test func anOutputFolderThatCannotBeWrittenLosesNoRound() throws {
        // A file where the output folder should be: the rounds are in the database all the same,
        // and `report` writes the deliverables once there is somewhere to put them.
        let blocked = dir.appendingPathComponent("blocked")
        try Data("not a folder".utf8).write(to: blocked)
        let result = try CLIProcess.run(["run", example, "--rounds", "5", "--db", db, "--out", blocked.appendingPathComponent("out").path])
        #expect(result.status == 1)
        let error = try #require(result.stderr.split(separator: "\n").last)
        #expect(error.contains("blocked: cannot create directory (a file of that name is in the way)") && error.contains("report 1 --out"), "\(error)")
        #expect(try CLIProcess.run(["log", "1", "--db", db, "--format", "jsonl"]).stdout.split(separator: "\n").count == 5)
        let later = dir.appendingPathComponent("later").path
        #expect(try CLIProcess.run(["report", "1", "--db", db, "--out", later]).status == 0)
        #expect(FileManager.default.fileExists(atPath: later + "/winning-config.json"))
    }

    @Test func badInputGetsAClearErrorAndWritesNothing() throws {
        let missing = try CLIProcess.run(["run", dir.appendingPathComponent("nope.json").path, "--db", db])
        #expect(missing.status == 65 && missing.stderr.contains("nope.json"))
        let notJSON = dir.appendingPathComponent("broken.json")
        try Data("{\"exportFormatVersion\": 2, \"containerVersion\": {\"tag\": [".utf8).write(to: notJSON)
        let broken = try CLIProcess.run(["run", notJSON.path, "--db", db])
        #expect(broken.status == 65 && broken.stderr.split(separator: "\n").count == 1)
        #expect(try CLIProcess.run(["runs", "--db", db]).stdout.contains("no runs"))
        #expect(try CLIProcess.run(["run", "--db", db]).status == 64)
        #expect(try CLIProcess.run(["run", example, "--rounds", "0", "--db", db]).status == 64)
        let changing = try CLIProcess.run(["run", "--resume", "99", "--rounds", "5", "--seed", "2", "--db", db])
        #expect(changing.status == 64 && changing.stderr.contains("--rounds, --seed: a resumed run keeps the settings it started with"))
        let unknown = try CLIProcess.run(["run", "--resume", "99", "--db", db])
        #expect(unknown.status == 1 && unknown.stderr.contains("no run 99"))
    }
}
