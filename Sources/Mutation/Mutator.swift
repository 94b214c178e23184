public import GTMModel
public import LosslessJSON
public import Scoring

/// Something that proposes one minimal patch per round (SPEC §4).
///
/// A mutator never applies its patch and never assigns entity ids: the round resolves the
/// id-addressed patch (``EntityPatch``), the guard judges it, and the scorer decides.
public protocol Mutator: Sendable {
    /// What the experiment log records, e.g. `heuristic` or `anthropic:claude-haiku-4-5`.
    var name: String { get }
    /// One proposal for `request`. Throws only for faults that should stop the run (the network
    /// was down after every retry, a spend limit, a bad key); a bad answer is a ``Proposal`` that
    /// the guard rejects.
    func propose(_ request: MutationRequest) async throws -> Proposal
    /// Whether this mutator can do something about `finding`; the round only targets dimensions
    /// with actionable findings. Language models can try anything; the heuristic has fixers.
    func isActionable(_ finding: Finding) -> Bool
}

extension Mutator {
    public func isActionable(_ finding: Finding) -> Bool { true }
}

/// Everything a mutator may look at in one round (SPEC §2.3).
public struct MutationRequest: Sendable {
    /// 1-based round number.
    public var round: Int
    /// The run's current best container, its analysis and its score.
    public var analysis: ContainerAnalysis
    public var report: ScoreReport
    /// The dimension this round attacks and its findings (already filtered to it).
    public var target: Dimension
    public var findings: [Finding]
    /// Proposals of this run the guard or the scorer turned down, newest last.
    public var rejected: [RejectedProposal]
    /// Digests (``EntityPatch/digest``) of every patch already tried in this run.
    public var triedDigests: Set<String>
    /// The most entities one patch may touch.
    public var maxEntities: Int
    /// The program text (`SKILL.md`, or the client's override).
    public var program: String
    /// Seeds the mutator's choices: derived from the run seed and the round, so a resumed run
    /// proposes what an uninterrupted one would have.
    public var seed: UInt64

    public var container: Container { analysis.container }

    public init(round: Int, analysis: ContainerAnalysis, report: ScoreReport, target: Dimension, findings: [Finding],
                rejected: [RejectedProposal] = [], triedDigests: Set<String> = [], maxEntities: Int = 3,
                program: String = "", seed: UInt64 = 0)
    {
        self.round = round
        self.analysis = analysis
        self.report = report
        self.target = target
        self.findings = findings
        self.rejected = rejected
        self.triedDigests = triedDigests
        self.maxEntities = maxEntities
        self.program = program
        self.seed = seed
    }
}

/// A proposal that did not survive, as the next mutator call sees it.
public struct RejectedProposal: Sendable, Equatable {
    public var round: Int
    public var target: Dimension
    /// The patch in its normalised id-addressed JSON text, or the raw answer when it did not parse.
    public var patch: String
    /// A guard reason code (``GuardReason`` raw value) or `reverted`.
    public var reason: String
    public var detail: String

    public init(round: Int, target: Dimension, patch: String, reason: String, detail: String) {
        self.round = round
        self.target = target
        self.patch = patch
        self.reason = reason
        self.detail = detail
    }
}

/// What a mutator answers.
public struct Proposal: Sendable {
    public var patch: ProposedPatch
    /// One sentence on what the patch does and why; logged with the round.
    public var rationale: String
    /// The finding rule the proposal attacks, when the mutator says so.
    public var rule: String?
    public var usage: Usage

    public init(patch: ProposedPatch, rationale: String, rule: String? = nil, usage: Usage = .zero) {
        self.patch = patch
        self.rationale = rationale
        self.rule = rule
        self.usage = usage
    }
}

/// The patch part of a proposal, as far as the mutator got.
public enum ProposedPatch: Sendable {
    /// An id-addressed patch (``EntityPatch``) built in code.
    case patch(JSONPatch)
    /// A JSON document that should be an id-addressed patch (an LLM's tool input).
    case json(JSONValue)
    /// An answer that is not JSON at all; the guard rejects it as `invalid_json`.
    case unparsable(text: String, reason: String)
    /// No patch: the mutator had nothing to propose, refused, or was cut off. `reason` is a
    /// stable code (`nothing_to_propose`, `mutator_refused`, `mutator_truncated`).
    case none(reason: String, detail: String)
}

/// Tokens and dollars one proposal cost.
public struct Usage: Sendable, Equatable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double

    public static let zero = Usage(inputTokens: 0, outputTokens: 0, costUSD: 0)

    public init(inputTokens: Int, outputTokens: Int, costUSD: Double) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
    }

    public static func + (a: Usage, b: Usage) -> Usage {
        Usage(inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens,
              costUSD: a.costUSD + b.costUSD)
    }
}
