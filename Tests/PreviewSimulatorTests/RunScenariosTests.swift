import Foundation
import GTMModel
import PreviewSimulator
import Testing
import TestSupport

/// A run's scenarios (shipped plus the client's, stored as text), the QA plan and comparisons.
@Suite struct RunScenariosTests {
    static let checkout = #"{"name": "acme-checkout", "steps": [{"type": "pageLoad", "url": "https://acme.example/thanks"}, {"type": "push", "data": {"event": "purchase"}}]}"#

    static func withFolder<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenarios-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return try body(folder)
    }

    @Test func aRunSimulatesTheShippedScenariosThenTheClients() throws {
        #expect(try RunScenarios.make(client: [:]).map(\.name) == ShippedScenarios.names)
        let scenarios = try RunScenarios.make(client: ["acme-checkout": Self.checkout])
        #expect(scenarios.map(\.name) == ShippedScenarios.names + ["acme-checkout"])
        // A client scenario with a shipped scenario's name takes its place.
        let own = #"{"name": "lead-form", "steps": [{"type": "pageLoad", "url": "https://acme.example/contact"}]}"#
        let replaced = try RunScenarios.make(client: ["lead-form": own])
        #expect(replaced.map(\.name) == ShippedScenarios.names)
        #expect(replaced.first { $0.name == "lead-form" }?.steps.count == 1)
    }

    @Test func filesAndFoldersAreReadAsTextByScenarioName() throws {
        try Self.withFolder(["b.json": Self.checkout, "notes.txt": "not a scenario",
                             "a.json": #"{"name": "acme-lead", "steps": [{"type": "pageLoad", "url": "https://acme.example/"}]}"#]) { folder in
            let texts = try RunScenarios.texts(fromPaths: [folder.path])
            #expect(texts.keys.sorted() == ["acme-checkout", "acme-lead"])
            #expect(texts["acme-checkout"] == Self.checkout)
            let single = try RunScenarios.texts(fromPaths: [folder.appendingPathComponent("b.json").path])
            #expect(single == ["acme-checkout": Self.checkout])
        }
    }

    @Test func badFilesAreOneLineNamingTheFile() throws {
        try Self.withFolder(["bad.json": #"{"name": "x", "steps": [{"type": "push", "data": {}}]}"#,
                             "twin.json": Self.checkout, "empty": ""]) { folder in
            let bad = folder.appendingPathComponent("bad.json").path
            let error = try #require(throws: ScenarioError.self) { try RunScenarios.texts(fromPaths: [bad]) }
            #expect(error.description.hasPrefix("\(bad): $.steps[0]: "), "\(error)")
            let missing = folder.appendingPathComponent("missing.json").path
            #expect(throws: ScenarioError.unreadable(path: missing, reason: "no such file or folder")) {
                try RunScenarios.texts(fromPaths: [missing])
            }
            let twin = folder.appendingPathComponent("twin.json").path
            let duplicate = try #require(throws: ScenarioError.self) {
                try RunScenarios.texts(fromPaths: [twin, twin])
            }
            #expect(duplicate.description == "\(twin): $.name: \(twin) already has a scenario named acme-checkout")
            let emptyFolder = folder.appendingPathComponent("empty-folder").path
            try FileManager.default.createDirectory(atPath: emptyFolder, withIntermediateDirectories: true)
            #expect(throws: ScenarioError.unreadable(path: emptyFolder, reason: "a folder without *.json scenario files")) {
                try RunScenarios.texts(fromPaths: [emptyFolder])
            }
        }
    }

    @Test func theQAPlanExpectsPurchasesWhereTheInitialContainerSentThem() throws {
        let container = try Fixtures.container(
            tags: [Fixtures.ga4EventTag(id: "3", name: "GA4 - purchase", event: "purchase", triggers: ["7"],
                                        extra: [Fixtures.param("transaction_id", "T1"), Fixtures.param("value", "10"), Fixtures.param("currency", "EUR")])],
            triggers: [Fixtures.customEventTrigger(id: "7", name: "CE - purchase", event: "purchase")],
            variables: [#"{"variableId":"31","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-1"}]}"#])
        let scenarios = try RunScenarios.make(client: ["acme-checkout": Self.checkout])
        let results = try ContainerSimulator(container: container).run(scenarios)
        let plan = QAPlan(expectingPurchasesAsIn: results)
        #expect(plan.purchaseDestinations == ["ecommerce-journey": [.ga4], "acme-checkout": [.ga4]])
        let verdicts = plan.verdicts(for: results)
        // Two checks per scenario, plus the purchase check where a purchase is expected, scenario by scenario.
        #expect(verdicts.count == 2 * scenarios.count + 2)
        #expect(verdicts.filter { $0.check == .purchaseReachesDestinations }.map(\.scenario) == ["ecommerce-journey", "acme-checkout"])
        #expect(verdicts.filter { $0.check == .purchaseReachesDestinations }.allSatisfy { $0.passed })
        // Stored and read back unchanged.
        #expect(try QAVerdict.decode(jsonText: QAVerdict.jsonText(verdicts)) == verdicts)
    }

    @Test func aComparisonCountsFindingsPerCheck() {
        func verdict(_ messages: [String], scenario: String = "s", check: QACheck = .noUndefinedParameters) -> QAVerdict {
            QAVerdict(check: check, scenario: scenario, findings: messages.map { QAFinding(message: $0) })
        }
        // More findings in a check: a regression, listing the ones the parent did not have.
        let worse = QAComparison(candidate: [verdict(["b", "c", "d"])], parent: [verdict(["a", "b"])])
        #expect(worse.isRegression && worse.added.map(\.finding.message) == ["c", "d"] && worse.cleared.isEmpty)
        // As many findings, reworded (a renamed tag): neither new nor cleared.
        let renamed = QAComparison(candidate: [verdict(["tag B undefined"])], parent: [verdict(["tag A undefined"])])
        #expect(!renamed.isRegression && renamed.cleared.isEmpty)
        // Fewer: cleared, no regression; a passed check in another scenario failing is one.
        let better = QAComparison(candidate: [verdict(["b"]), verdict([], scenario: "t")], parent: [verdict(["a", "b"]), verdict([], scenario: "t")])
        #expect(!better.isRegression && better.cleared.map(\.finding.message) == ["a"])
        let elsewhere = QAComparison(candidate: [verdict(["b"]), verdict(["x"], scenario: "t")], parent: [verdict(["b"]), verdict([], scenario: "t")])
        #expect(elsewhere.added.map(\.scenario) == ["t"])
        // A finding that moved to another event is the same finding; the one added is listed.
        let moved = QAComparison(
            candidate: [QAVerdict(check: .noUndefinedParameters, scenario: "s", findings: [
                QAFinding(message: "Ads on #12 gtm.js (step 7): value is undefined", event: 12, step: 7),
                QAFinding(message: "Ads on #12 gtm.js (step 7): orderId is undefined", event: 12, step: 7)])],
            parent: [QAVerdict(check: .noUndefinedParameters, scenario: "s", findings: [
                QAFinding(message: "Ads on #4 gtm.js (step 1): value is undefined", event: 4, step: 1)])])
        #expect(moved.added.map(\.finding.message) == ["Ads on #12 gtm.js (step 7): orderId is undefined"])
        // The same message again (a purchase sent twice now) still counts.
        let twice = QAComparison(candidate: [verdict(["m", "m"], check: .purchaseReachesDestinations)], parent: [verdict(["m"], check: .purchaseReachesDestinations)])
        #expect(twice.added.count == 1)
    }
}
