import ExperimentLog

/// Records a run's rounds in order, one transaction each, off the round's own path: while round
/// N's kept candidate is serialised, hashed, compressed and committed, round N + 1 is already
/// being proposed and scored (on a build box's second core). Each commit is still atomic, so a
/// `kill -9` at any instant leaves the log at a round boundary; a resumed run recomputes whatever
/// had not been committed, and gets the same rounds.
actor RoundRecorder {
    let log: ExperimentLog
    /// The best container's hash as the log has it after the last commit.
    private(set) var bestSHA: String

    init(log: ExperimentLog, bestSHA: String) {
        self.log = log
        self.bestSHA = bestSHA
    }

    /// Commits one round; false when the log already had it (someone else recorded it).
    func commit(_ outcome: RoundRunner.Outcome) throws -> Bool {
        let (record, candidate) = outcome.sealed(parentSHA: bestSHA)
        let inserted = try log.record(record, candidate: candidate)
        if inserted, let sha = record.candidateSHA { bestSHA = sha }
        return inserted
    }
}
