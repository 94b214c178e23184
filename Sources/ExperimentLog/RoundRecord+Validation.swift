import Foundation

extension RoundRecord {
    /// Checks everything about the round that does not need the database.
    ///
    /// Round ≥ 1; target and regressed dimension are dimension names; every score finite and in
    /// [0, 1] with nine dimensions; kept and reverted rounds carry `after`, kept rounds a
    /// candidate; SHA-256s are 64 lowercase hex digits; tokens, cost and duration are not
    /// negative; times are ISO-8601 UTC and do not run backwards; QA verdicts, only on kept
    /// rounds, are a JSON array.
    /// - Throws: ``ExperimentLogError/invalidRound(run:round:reason:)`` naming the first problem.
    public func validate() throws {
        if let problem = validationProblem() {
            throw ExperimentLogError.invalidRound(run: runId, round: round, reason: problem)
        }
    }

    private func validationProblem() -> String? {
        let names = ScoreVector.dimensionNames
        if runId < 1 { return "run id \(runId) is not a stored run id" }
        if round < 1 { return "rounds are numbered from 1" }
        if !names.contains(target) { return "target \(target.debugDescription) is not a dimension" }
        if let dimension = regressedDimension, !names.contains(dimension) {
            return "regressed dimension \(dimension.debugDescription) is not a dimension"
        }
        if mutator.isEmpty { return "mutator is empty" }
        if reason.isEmpty { return "reason is empty" }
        if let problem = before.problem(label: "before") { return problem }
        if let problem = after?.problem(label: "after") { return problem }
        switch decision {
        case .kept:
            if after == nil { return "kept without an after score" }
            if candidateSHA == nil { return "kept without a candidate SHA-256" }
        case .reverted:
            if after == nil { return "reverted without an after score (a round turned down before scoring is rejected)" }
        case .rejected:
            break
        }
        if !BlobKey.isValid(parentSHA) { return "parent SHA-256 \(parentSHA.debugDescription) is not 64 lowercase hex digits" }
        if let sha = candidateSHA, !BlobKey.isValid(sha) {
            return "candidate SHA-256 \(sha.debugDescription) is not 64 lowercase hex digits"
        }
        if inputTokens < 0 || outputTokens < 0 { return "token counts are negative (\(inputTokens) in, \(outputTokens) out)" }
        if !(costUSD.isFinite && costUSD >= 0) { return "cost \(costUSD) is not a non-negative number" }
        if !(durationMs.isFinite && durationMs >= 0) { return "duration \(durationMs) ms is not a non-negative number" }
        guard let started = Timestamp.date(from: startedAt) else { return "started_at \(startedAt.debugDescription) is not ISO-8601 UTC" }
        guard let finished = Timestamp.date(from: finishedAt) else {
            return "finished_at \(finishedAt.debugDescription) is not ISO-8601 UTC"
        }
        if finished < started { return "finished_at \(finishedAt) is before started_at \(startedAt)" }
        if let qa {
            if decision != .kept { return "QA verdicts are recorded for kept rounds only, not \(decision.rawValue) ones" }
            guard (try? JSONSerialization.jsonObject(with: Data(qa.utf8))) is [Any] else { return "qa is not a JSON array" }
        }
        return nil
    }
}
