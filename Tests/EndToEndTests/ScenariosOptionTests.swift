import Foundation
import LosslessJSON
import Testing
import TestSupport

/// `--scenarios` on `run` and `queue run`: a client's own preview scenarios for the guard and QA.
@Suite("run and queue run --scenarios", .serialized)
struct ScenariosOptionTests {
    let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json").path
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenarios-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    var db: String { dir.appendingPathComponent("state.sqlite").path }

    func write(_ text: String, to name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let checkout = """
        {"name": "acme-express-checkout", "steps": [
          {"type": "consentUpdate", "consent": {"ad_storage": "granted", "analytics_storage": "granted"}},
          {"type": "pageLoad", "url": "https://shop.example.com/checkout/thank-you"},
          {"type": "push", "data": {"event": "purchase", "ecommerce": {"transaction_id": "T-9", "value": 12.5, "currency": "EUR", "items": []}}}]}
        """

    @Test func aClientScenarioIsStoredWithTheRunAndCheckedOnEveryKeptRound() async throws {
        try await onOwnThread { try self.storedAndChecked() }
    }

    private func storedAndChecked() throws {
        let scenario = try write(Self.checkout, to: "express.json")
        let out = dir.appendingPathComponent("out").path
        let result = try CLIProcess.run(["run", example, "--rounds", "12", "--db", db, "--out", out, "--scenarios", scenario])
        #expect(result.status == 0, "\(result.stderr)")
        // The file's text is in the run's settings: editing or deleting the file changes nothing for the run.
        let settings = try SQLiteShell.scalar(db, "SELECT json_extract(settings, '$.scenarios') FROM runs WHERE id = 1")
        #expect(settings.contains("acme-express-checkout"))
        try FileManager.default.removeItem(atPath: scenario)

        let lines = try String(contentsOfFile: "\(out)/rounds.jsonl", encoding: .utf8).split(separator: "\n")
        var keptWithQA = 0
        for line in lines {
            let json = try JSONParser().parse(String(line))
            let kept = json["decision"] == "kept"
            let qa = json["qa"]
            #expect(kept ? qa?.arrayValue != nil : qa?.isNull == true)
            if kept, let verdicts = qa?.arrayValue {
                keptWithQA += 1
                #expect(verdicts.contains { $0["scenario"] == "acme-express-checkout" })
                #expect(verdicts.contains { $0["scenario"] == "ecommerce-journey" })
            }
        }
        #expect(keptWithQA > 0)
        let html = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
        #expect(html.contains("<h2>QA (preview simulator)</h2>") && html.contains("acme-express-checkout"))

        // `log` and `diff` show the QA; `report` writes it again from the database (the scenario file is gone).
        let log = try CLIProcess.run(["log", "1", "--db", db])
        #expect(log.status == 0 && log.stdout.contains("       qa: "), "\(log.stdout)")
        let kept = try #require(lines.firstIndex { $0.contains(#""decision":"kept""#) })
        let diff = try CLIProcess.run(["diff", "1", "\(kept + 1)", "--db", db])
        #expect(diff.status == 0 && diff.stdout.contains("# qa: ") && diff.stdout.contains("acme-express-checkout"), "\(diff.stdout)")
        let again = try CLIProcess.run(["report", "1", "--db", db, "--out", dir.appendingPathComponent("again").path])
        #expect(again.status == 0, "\(again.stderr)")

        // A resumed run keeps its scenarios: giving --scenarios again is refused.
        let resume = try CLIProcess.run(["run", "--resume", "1", "--db", db, "--scenarios", dir.path])
        #expect(resume.status == 64 && resume.stderr.contains("--scenarios"), "\(resume.stderr)")
    }

    @Test func aBadScenarioFileIsOneLineAndStartsNothing() throws {
        let bad = try write(#"{"name": "broken", "steps": [{"type": "click", "element": {"tag": "a"}}]}"#, to: "broken.json")
        let run = try CLIProcess.run(["run", example, "--db", db, "--scenarios", bad])
        #expect(run.status == 65)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("\(bad): $.steps[0]: "), "\(run.stderr)")
        #expect(try CLIProcess.run(["runs", "--db", db]).stdout.contains("no runs"))

        let missing = dir.appendingPathComponent("nope.json").path
        let queued = try CLIProcess.run(["queue", "run", "--client", "acme", "--container", example, "--db", db, "--scenarios", missing])
        #expect(queued.status == 65 && queued.stderr.contains("\(missing): cannot read"), "\(queued.stderr)")
        #expect(try CLIProcess.run(["queue", "list", "--db", db]).stdout.contains("no jobs"))
        #expect(try CLIProcess.run(["runs", "--db", db]).stdout.contains("no runs"))
    }
}
