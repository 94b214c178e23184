import AutoResearchLoop
import ExperimentLog
import Foundation
import GTMModel
import LosslessJSON
import Mutation
import PreviewSimulator
import Scoring
import Synchronization
import Testing
import TestSupport

@Suite("The loop: rounds, keep/revert, stop rules, resume")
struct RunDriverTests {
    /// A container with a tag named against the convention and an unused variable.
    static let export = Fixtures.exportText(
        tags: [Fixtures.ga4EventTag(id: "3", name: "purchase tag", event: "purchase", triggers: ["7"])],
        triggers: [Fixtures.customEventTrigger(id: "7", name: "CE - purchase", event: "purchase")],
        variables: [
            #"{"variableId":"31","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-1"}]}"#,
            #"{"variableId":"32","name":"Const - unused","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"x"}]}"#,
        ]
    )

    let directory: URL
    let log: ExperimentLog

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log = try ExperimentLog(path: directory.appendingPathComponent("log.sqlite").path)
    }

    func driver(_ mutator: any Mutator) -> RunDriver {
        RunDriver(log: log, runner: RoundRunner(mutator: mutator, scorer: Scorer(), program: "test program"))
    }

    func start(_ driver: RunDriver, _ settings: RunSettings) throws -> RunRecord {
        try driver.start(client: "test", source: "fixture.json", bytes: Array(Self.export.utf8), settings: settings, outDir: nil)
    }

    static let removeUnused = #"[{"op":"remove","path":"/variable/32"}]"#
    static let rename = #"[{"op":"replace","path":"/tag/3/name","value":"GA4 - Event - purchase"}]"#

    @Test func everyKindOfRoundIsRecordedWithItsReason() async throws {
        let mutator = ScriptedMutator([
            .patch(Self.removeUnused),                                                       // kept
            .patch(#"[{"op":"remove","path":"/tag/3"}]"#),                                    // guard: tag_removed
            .raw("I think you should rename things"),                                          // invalid_json
            .patch(#"[{"op":"replace","path":"/trigger/7/name","value":"CE - purchase 2"}]"#), // scored, not better
            .decline,                                                                          // nothing_to_propose
            .patch(Self.removeUnused),                                                         // repeated (and gone)
        ])
        let d = driver(mutator)
        let run = try start(d, RunSettings(rounds: 6, seed: 7))
        let finished = try await d.execute(runId: run.id)
        #expect(finished.status == .completed && finished.stopReason == "rounds")
        let rounds = try log.rounds(run: run.id)
        #expect(rounds.map(\.round) == [1, 2, 3, 4, 5, 6])
        #expect(rounds.map(\.decision) == [.kept, .rejected, .rejected, .reverted, .rejected, .rejected])
        #expect(rounds.map(\.reason) == ["improved", "tag_removed", "invalid_json", "not_improved", "nothing_to_propose", "repeated_proposal"])
        #expect(rounds[0].diff.contains("-    \"variableId\": \"32\""))
        #expect(rounds[0].appliedPatch == #"[{"op":"remove","path":"/containerVersion/variable/1"}]"#)
        #expect(rounds[1].after == nil && rounds[3].after != nil)
        #expect(rounds[2].patch == "I think you should rename things")
        // The run's best is round 1's candidate, stored as a blob that decodes to the patched container.
        #expect(finished.bestRound == 1 && finished.bestSHA == rounds[0].candidateSHA)
        let best = try Container(document: JSONParser().parse(try #require(try log.blob(finished.bestSHA))))
        #expect(best.variables.map(\.id) == ["31"])
        #expect(finished.bestScore.overall > finished.initialScore.overall)
        #expect(Scorer().score(best).score == finished.bestScore.overall)
    }

    @Test func stopsOnPlateauTargetAndCost() async throws {
        let plateau = driver(ScriptedMutator([.decline, .decline, .decline, .decline]))
        let p = try start(plateau, RunSettings(rounds: 50, plateau: 3))
        let pr = try await plateau.execute(runId: p.id)
        #expect(pr.stopReason == "plateau" && pr.roundsDone == 3)

        let paid = driver(ScriptedMutator([.patch(Self.rename, usage: Usage(inputTokens: 1000, outputTokens: 100, costUSD: 0.6)),
                                           .patch(Self.removeUnused, usage: Usage(inputTokens: 1000, outputTokens: 100, costUSD: 0.6))]))
        let c = try start(paid, RunSettings(rounds: 50, maxCostUSD: 1.0))
        let cr = try await paid.execute(runId: c.id)
        #expect(cr.stopReason == "cost" && cr.roundsDone == 2 && abs(cr.costUSD - 1.2) < 1e-9 && cr.inputTokens == 2000)

        let goal = driver(ScriptedMutator([.patch(Self.rename), .patch(Self.removeUnused), .decline]))
        let g0 = try start(goal, RunSettings(rounds: 50))
        let g = try start(goal, RunSettings(rounds: 50, targetScore: min(1, g0.initialScore.overall + 0.0001)))
        let gr = try await goal.execute(runId: g.id)
        #expect(gr.stopReason == "target" && gr.roundsDone == 1)
    }

    @Test func resumesWhereTheLogStandsWithoutRepeatingARound() async throws {
        let script: [ScriptedMutator.Step] = [.patch(Self.rename), .decline, .fail, .patch(Self.removeUnused), .decline]
        let first = driver(ScriptedMutator(script))
        let run = try start(first, RunSettings(rounds: 5))
        // Interrupted between rounds 2 and 3 (what Ctrl-C does).
        let counter = Mutex(0)
        let stopped = try await first.execute(runId: run.id, shouldStop: { counter.withLock { $0 += 1; return $0 > 2 } })
        #expect(stopped.status == .stopped && stopped.stopReason == "interrupted" && stopped.roundsDone == 2)

        // The mutator fails in round 3: the run is marked failed and nothing is recorded for it.
        await #expect(throws: ScriptedMutator.Failure.self) { try await first.execute(runId: run.id) }
        let failed = try #require(try log.run(run.id))
        #expect(failed.status == .failed && failed.roundsDone == 2 && (failed.stopReason ?? "").contains("scripted API is down"))

        // Resumed with a working mutator: rounds 3…5, each exactly once, the best from round 4.
        let second = ScriptedMutator([.decline, .decline, .patch(#"[{"op":"replace","path":"/trigger/7/name","value":"CE - purchase 2"}]"#),
                                       .patch(Self.removeUnused), .decline])
        let done = try await driver(second).execute(runId: run.id)
        #expect(second.calls.withLock { $0 } == [3, 4, 5])
        #expect(done.status == .completed && done.roundsDone == 5)
        let rounds = try log.rounds(run: run.id)
        #expect(rounds.map(\.round) == [1, 2, 3, 4, 5])
        #expect(rounds.map(\.decision) == [.kept, .rejected, .reverted, .kept, .rejected])
        #expect(rounds[3].parentSHA == rounds[0].candidateSHA)
        #expect(done.bestRound == 4 && done.bestSHA == rounds[3].candidateSHA)
        // A completed run is not run again.
        let again = try await driver(ScriptedMutator([])).execute(runId: run.id)
        #expect(again.roundsDone == 5)
    }
}

extension RunDriverTests {
    @Test func everyKeptRoundRecordsItsQAVerdicts() async throws {
        let d = driver(ScriptedMutator([.patch(Self.removeUnused), .decline, .patch(#"[{"op":"replace","path":"/trigger/7/name","value":"CE - purchase 2"}]"#)]))
        let run = try start(d, RunSettings(rounds: 3))
        _ = try await d.execute(runId: run.id)
        let rounds = try log.rounds(run: run.id)
        #expect(rounds.map(\.decision) == [.kept, .rejected, .reverted])
        #expect(rounds[1].qa == nil && rounds[2].qa == nil)
        let verdicts = try QAVerdict.decode(jsonText: try #require(rounds[0].qa))
        // Every shipped scenario gets the consent and undefined-parameter checks; the purchase check
        // runs where the initial container sent a purchase (GA4, in the ecommerce journey).
        #expect(Set(verdicts.map(\.scenario)) == Set(ShippedScenarios.names))
        #expect(verdicts.filter { $0.check == .nothingBeforeConsent }.count == ShippedScenarios.names.count)
        #expect(verdicts.filter { $0.check == .purchaseReachesDestinations }.map(\.scenario) == ["ecommerce-journey"])
        // The purchase tag sends no value, currency or transaction id: the check says so.
        let purchase = try #require(verdicts.first { $0.check == .purchaseReachesDestinations })
        #expect(!purchase.passed && purchase.findings.contains { $0.message.contains("without a transaction id") }, "\(purchase.findings)")
    }

    @Test func aClientsScenariosAreGuardedAndCheckedWithTheShippedOnes() async throws {
        let express = #"{"name": "checkout-express", "steps": [{"type": "pageLoad", "url": "https://shop.example.com/express"}, {"type": "push", "data": {"event": "purchase", "ecommerce": {"transaction_id": "X1", "value": 10, "currency": "EUR"}}}]}"#
        let d = driver(ScriptedMutator([.patch(Self.removeUnused),
                                        .patch(#"[{"op":"replace","path":"/trigger/7/customEventFilter/0/parameter/1/value","value":"order_done"}]"#)]))
        let run = try start(d, RunSettings(rounds: 2, scenarios: ["checkout-express": express]))
        _ = try await d.execute(runId: run.id)
        let rounds = try log.rounds(run: run.id)
        let verdicts = try QAVerdict.decode(jsonText: try #require(rounds[0].qa))
        #expect(verdicts.contains { $0.scenario == "checkout-express" && $0.check == .purchaseReachesDestinations })
        // Round 2 moves the purchase trigger off `purchase`: the scenarios see the tag stop firing.
        #expect(rounds[1].reason == "coverage_lost", "\(rounds[1].detail)")
        #expect(rounds[1].detail.hasPrefix("scenario ecommerce-journey no longer fires (ga4, purchase)"), "\(rounds[1].detail)")
        #expect(rounds[1].detail.contains("checkout-express"), "\(rounds[1].detail)")
    }

    @Test func aResumedRunRecordsTheSameQAAsAnUninterruptedOne() async throws {
        let script: [ScriptedMutator.Step] = [.patch(Self.removeUnused), .decline, .patch(Self.rename)]
        let straight = driver(ScriptedMutator(script))
        let reference = try start(straight, RunSettings(rounds: 3))
        _ = try await straight.execute(runId: reference.id)

        let first = driver(ScriptedMutator(script))
        let run = try start(first, RunSettings(rounds: 3))
        let counter = Mutex(0)
        _ = try await first.execute(runId: run.id, shouldStop: { counter.withLock { $0 += 1; return $0 > 2 } })
        _ = try await driver(ScriptedMutator(script)).execute(runId: run.id)
        let resumed = try log.rounds(run: run.id), direct = try log.rounds(run: reference.id)
        #expect(resumed.map(\.decision) == [.kept, .rejected, .kept])
        #expect(resumed[2].qa != nil && resumed.map(\.qa) == direct.map(\.qa))
        // The plan a restored state derives from the initial container is the one the run started with.
        let restored = try driver(ScriptedMutator([])).restore(run.id)
        #expect(restored.qaPlan == QAPlan(purchaseDestinations: ["ecommerce-journey": [.ga4]]))
    }
}

@Test("The log's dimension columns follow the scorer's dimension order")
func dimensionOrderMatchesTheScorer() {
    #expect(ScoreVector.dimensionNames == Dimension.allCases.map(\.rawValue))
}
