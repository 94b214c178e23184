public import ExperimentLog
import GTMModel
import LosslessJSON
public import PreviewSimulator

/// A run's QA as its report shows it: the initial container's verdicts (what the first kept
/// round is compared with), the purchase check's expectations, and each kept round's verdicts.
///
/// The loop records QA with each kept round (`rounds.qa`); the initial container's verdicts are
/// derived here the way the loop derives its plan (the initial container through the run's
/// scenarios), so nothing else needs storing.
public struct RunQA: Sendable {
    /// The initial container's verdicts.
    public var initial: [QAVerdict]
    /// What the purchase check expects, per scenario.
    public var plan: QAPlan

    /// Creates the value from its parts.
    public init(initial: [QAVerdict], plan: QAPlan) {
        self.initial = initial
        self.plan = plan
    }

    /// The QA baseline of `run`, from its initial container's bytes; nil when the preview
    /// simulator does not run the container (a server container).
    /// - Throws: bytes that are not a container, or a stored client scenario that no longer decodes.
    public static func derive(run: RunRecord, initialContainer bytes: [UInt8]) throws -> RunQA? {
        let container = try Container(document: JSONParser().parse(bytes))
        guard ContainerSimulator.supports(container) else { return nil }
        let results = try ContainerSimulator(container: container).run(RunScenarios.make(client: run.settings.scenarios))
        let plan = QAPlan(expectingPurchasesAsIn: results)
        return RunQA(initial: plan.verdicts(for: results), plan: plan)
    }

    /// A kept round's verdicts: nil when none were recorded (a server container, or a round
    /// recorded before QA existed), and an empty list when the stored text is unreadable.
    public static func verdicts(of round: RoundRecord) -> [QAVerdict]? {
        guard let text = round.qa else { return nil }
        return (try? QAVerdict.decode(jsonText: text)) ?? []
    }

    /// One kept round's QA in a run's history.
    public struct Entry: Sendable {
        public var round: Int
        public var verdicts: [QAVerdict]
        /// How the verdicts differ from the parent's (the previous kept round's, or the initial
        /// container's); nil when the parent's were not recorded.
        public var comparison: QAComparison?
    }

    /// Each kept round with recorded QA, in round order.
    public func history(of rounds: [RoundRecord]) -> [Entry] {
        var parent: [QAVerdict]? = initial
        var history: [Entry] = []
        for round in rounds.sorted(by: { $0.round < $1.round }) where round.decision == .kept {
            let verdicts = RunQA.verdicts(of: round)
            if let verdicts {
                history.append(Entry(round: round.round, verdicts: verdicts,
                                     comparison: parent.map { QAComparison(candidate: verdicts, parent: $0) }))
            }
            parent = verdicts
        }
        return history
    }
}
