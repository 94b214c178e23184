import Foundation
import LosslessJSON
import Testing
import TestSupport

/// `gtm-autoresearch preview`: the simulator from the command line.
@Suite("preview")
struct PreviewCommandTests {
    let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json").path

    @Test func theShippedScenariosRunAndJSONIsStable() throws {
        let text = try CLIProcess.run(["preview", example])
        #expect(text.status == 0, "\(text.stderr)")
        for name in ["ecommerce-journey", "lead-form", "consent-denied-then-granted", "spa-history"] {
            #expect(text.stdout.contains("Scenario \(name) on GTM-ACME0EX"))
        }
        let first = try CLIProcess.run(["preview", example, "--scenario", "ecommerce-journey", "--format", "json"])
        let again = try CLIProcess.run(["preview", example, "--scenario", "ecommerce-journey", "--format", "json"])
        #expect(first.status == 0 && first.stdout == again.stdout)
        let results = try JSONParser().parse(first.stdout)
        let events: [JSONValue] = results.arrayValue?.first?["events"]?.arrayValue ?? []
        #expect(!events.isEmpty)
        // The example's Meta pixel has no consent settings: it fires on the first page view.
        let pageView = events.first { $0["event"]?.stringValue == "gtm.js" }
        let firedNames: [String] = (pageView?["fired"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(firedNames.contains("Meta Pixel"), "\(firedNames)")
    }

    @Test func aScenarioFileIsReadAndABadOneIsOneLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("home.json")
        try Data(#"{"name": "home", "steps": [{"type": "pageLoad", "url": "https://www.example.com/"}]}"#.utf8).write(to: good)
        let ran = try CLIProcess.run(["preview", example, "--scenario", good.path])
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.contains("Scenario home on GTM-ACME0EX"))

        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"name": "bad", "steps": [{"type": "consentUpdate", "consent": {"ad_storage": "maybe"}}]}"#.utf8).write(to: bad)
        let refused = try CLIProcess.run(["preview", example, "--scenario", bad.path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains(bad.path) && refused.stderr.contains("$.steps[0]"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)

        let missing = try CLIProcess.run(["preview", example, "--scenario", "no-such-scenario"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no shipped scenario has that name"))
    }

    @Test func aServerContainerIsRefusedClearly() throws {
        guard let server = Corpus.file("046") else {
            print(Corpus.missingMessage)
            return
        }
        let refused = try CLIProcess.run(["preview", server.path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("the preview simulator runs web containers"), "\(refused.stderr)")
    }
}
