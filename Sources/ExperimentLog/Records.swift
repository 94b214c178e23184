/// The scores of one container: overall and the nine dimensions, in `Dimension.allCases` order
/// (coverage, parameters, dedup, consent, naming, variables, triggers, folders, alignment).
public struct ScoreVector: Sendable, Equatable, Codable {
    public var overall: Double
    public var dimensions: [Double]

    public init(overall: Double, dimensions: [Double]) {
        self.overall = overall
        self.dimensions = dimensions
    }
}

/// How a round ended.
public enum RoundDecision: String, Sendable, Codable, CaseIterable {
    /// Scored higher with no dimension regressing: the candidate is the new best.
    case kept
    /// Passed the guard but did not improve enough, or regressed a dimension.
    case reverted
    /// The guard (or the mutator itself) turned it down before scoring.
    case rejected
}

/// One row of `rounds`: every field of SPEC §2.6. `Codable` for JSONL export (keys are the property names).
public struct RoundRecord: Sendable, Equatable, Codable {
    public var runId: Int64
    /// 1-based; unique per run.
    public var round: Int
    /// The dimension the round attacked (`Dimension` raw value).
    public var target: String
    /// The rule of the finding attacked, when known.
    public var rule: String?
    public var mutator: String
    public var rationale: String
    /// The normalised id-addressed patch (JSON text); for an answer that was not a patch, the raw answer.
    public var patch: String
    /// The positional RFC 6902 patch that replays on the parent blob; nil when it did not apply.
    public var appliedPatch: String?
    /// Unified diff of the touched entities; empty when nothing applied.
    public var diff: String
    public var before: ScoreVector
    /// Nil when the round was rejected before scoring.
    public var after: ScoreVector?
    public var decision: RoundDecision
    /// A guard reason code, `improved`, `not_improved` or `regressed`.
    public var reason: String
    public var detail: String
    /// The dimension that dropped more than the threshold, for `regressed`.
    public var regressedDimension: String?
    /// SHA-256 (hex) of the container the round started from, and of the candidate when it applied.
    public var parentSHA: String
    public var candidateSHA: String?
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double
    public var durationMs: Double
    /// ISO-8601 UTC.
    public var startedAt: String
    public var finishedAt: String
    /// The QA checks' verdicts on a kept candidate (SPEC §6, §7): a JSON array of the preview
    /// simulator's `QAVerdict`s, one per scenario and check. Nil for rounds that were not kept,
    /// and for containers the simulator does not run (server containers).
    public var qa: String?

    public init(runId: Int64, round: Int, target: String, rule: String?, mutator: String, rationale: String, patch: String,
                appliedPatch: String?, diff: String, before: ScoreVector, after: ScoreVector?, decision: RoundDecision,
                reason: String, detail: String, regressedDimension: String?, parentSHA: String, candidateSHA: String?,
                inputTokens: Int, outputTokens: Int, costUSD: Double, durationMs: Double, startedAt: String, finishedAt: String,
                qa: String? = nil)
    {
        self.runId = runId
        self.round = round
        self.target = target
        self.rule = rule
        self.mutator = mutator
        self.rationale = rationale
        self.patch = patch
        self.appliedPatch = appliedPatch
        self.diff = diff
        self.before = before
        self.after = after
        self.decision = decision
        self.reason = reason
        self.detail = detail
        self.regressedDimension = regressedDimension
        self.parentSHA = parentSHA
        self.candidateSHA = candidateSHA
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.durationMs = durationMs
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.qa = qa
    }
}

/// The budgets and settings a run was started with; stored as JSON in `runs.settings`.
public struct RunSettings: Sendable, Equatable, Codable {
    public var rounds: Int?
    public var maxMinutes: Double?
    public var maxCostUSD: Double?
    public var targetScore: Double?
    /// Stop after this many non-kept rounds in a row.
    public var plateau: Int?
    public var seed: UInt64
    /// Minimum rise of the overall score for a keep.
    public var epsilon: Double
    /// Largest drop any dimension may take in a kept round.
    public var regressionThreshold: Double
    /// Most entities one patch may touch.
    public var maxEntities: Int
    /// Skip a dimension after this many consecutive non-kept rounds on it.
    public var skipAfter: Int
    /// Mutator settings that are not secrets: model, base URL, price table.
    public var mutatorOptions: [String: String]
    /// The scorer's configuration files by role (`weights`, `plan`, `account-state`), as text, so a
    /// resumed run scores exactly as it started.
    public var scoring: [String: String]
    /// The client's own preview scenarios, each file's JSON text by scenario name, so a queued or
    /// resumed run simulates exactly what it started with (the shipped scenarios are added to them).
    /// Empty in settings stored before scenarios existed.
    public var scenarios: [String: String]

    /// The rounds a new run gets when it is given no stop rule at all.
    public static let defaultRounds = 30

    /// Whether any stop rule is set (rounds, minutes, cost, target score, plateau).
    public var hasStopRule: Bool {
        rounds != nil || maxMinutes != nil || maxCostUSD != nil || targetScore != nil || plateau != nil
    }

    /// These settings, with ``defaultRounds`` when no stop rule is set.
    public func withDefaultStopRule() -> RunSettings {
        var settings = self
        if !hasStopRule { settings.rounds = Self.defaultRounds }
        return settings
    }

    public init(rounds: Int? = nil, maxMinutes: Double? = nil, maxCostUSD: Double? = nil, targetScore: Double? = nil,
                plateau: Int? = nil, seed: UInt64 = 0, epsilon: Double = 1e-6, regressionThreshold: Double = 0.02,
                maxEntities: Int = 3, skipAfter: Int = 3, mutatorOptions: [String: String] = [:], scoring: [String: String] = [:],
                scenarios: [String: String] = [:])
    {
        self.rounds = rounds
        self.maxMinutes = maxMinutes
        self.maxCostUSD = maxCostUSD
        self.targetScore = targetScore
        self.plateau = plateau
        self.seed = seed
        self.epsilon = epsilon
        self.regressionThreshold = regressionThreshold
        self.maxEntities = maxEntities
        self.skipAfter = skipAfter
        self.mutatorOptions = mutatorOptions
        self.scoring = scoring
        self.scenarios = scenarios
    }

    private enum CodingKeys: String, CodingKey {
        case rounds, maxMinutes, maxCostUSD, targetScore, plateau, seed, epsilon, regressionThreshold, maxEntities, skipAfter
        case mutatorOptions, scoring, scenarios
    }

    // Written out only for `scenarios`, which settings stored by earlier versions lack.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rounds = try c.decodeIfPresent(Int.self, forKey: .rounds)
        maxMinutes = try c.decodeIfPresent(Double.self, forKey: .maxMinutes)
        maxCostUSD = try c.decodeIfPresent(Double.self, forKey: .maxCostUSD)
        targetScore = try c.decodeIfPresent(Double.self, forKey: .targetScore)
        plateau = try c.decodeIfPresent(Int.self, forKey: .plateau)
        seed = try c.decode(UInt64.self, forKey: .seed)
        epsilon = try c.decode(Double.self, forKey: .epsilon)
        regressionThreshold = try c.decode(Double.self, forKey: .regressionThreshold)
        maxEntities = try c.decode(Int.self, forKey: .maxEntities)
        skipAfter = try c.decode(Int.self, forKey: .skipAfter)
        mutatorOptions = try c.decode([String: String].self, forKey: .mutatorOptions)
        scoring = try c.decode([String: String].self, forKey: .scoring)
        scenarios = try c.decodeIfPresent([String: String].self, forKey: .scenarios) ?? [:]
    }
}

/// Where a run stands.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    /// Enqueued on the fleet's `round` queue; no round has started yet.
    case queued
    case running, completed, stopped, failed

    /// The run will not go on unless someone resumes or retries it.
    public var isFinal: Bool { self == .completed || self == .stopped || self == .failed }
}

/// One row of `runs`. `Codable` for JSON export (keys are the property names).
public struct RunRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var client: String
    /// The file the run started from, as given.
    public var source: String
    public var mutator: String
    public var settings: RunSettings
    public var scorerVersion: String
    public var status: RunStatus
    /// Why it stopped: `rounds`, `minutes`, `cost`, `target`, `plateau`, `interrupted`, `error: …`.
    public var stopReason: String?
    public var initialSHA: String
    public var initialScore: ScoreVector
    public var bestSHA: String
    public var bestScore: ScoreVector
    /// 0 while the initial container is still the best.
    public var bestRound: Int
    public var roundsDone: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var costUSD: Double
    /// Milliseconds spent in finished rounds (what `--max-minutes` counts across resumes).
    public var elapsedMs: Double
    public var outDir: String?
    public var createdAt: String
    public var updatedAt: String

    public init(id: Int64, client: String, source: String, mutator: String, settings: RunSettings, scorerVersion: String,
                status: RunStatus, stopReason: String?, initialSHA: String, initialScore: ScoreVector, bestSHA: String,
                bestScore: ScoreVector, bestRound: Int, roundsDone: Int, inputTokens: Int, outputTokens: Int, costUSD: Double,
                elapsedMs: Double, outDir: String?, createdAt: String, updatedAt: String)
    {
        self.id = id
        self.client = client
        self.source = source
        self.mutator = mutator
        self.settings = settings
        self.scorerVersion = scorerVersion
        self.status = status
        self.stopReason = stopReason
        self.initialSHA = initialSHA
        self.initialScore = initialScore
        self.bestSHA = bestSHA
        self.bestScore = bestScore
        self.bestRound = bestRound
        self.roundsDone = roundsDone
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costUSD = costUSD
        self.elapsedMs = elapsedMs
        self.outDir = outDir
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The night the run belongs to: the UTC date it was created, `YYYY-MM-DD`. Output folders,
    /// the staging history and the bucket's keys all use it.
    public var night: String { String(createdAt.prefix(10)) }
}
