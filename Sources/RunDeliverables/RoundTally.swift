import ExperimentLog

/// How a run's rounds ended, counted once for the report header and the change summary.
struct RoundTally: Equatable {
    var kept = 0
    var reverted = 0
    var rejected = 0

    init(_ rounds: [RoundRecord]) {
        for round in rounds {
            switch round.decision {
            case .kept: kept += 1
            case .reverted: reverted += 1
            case .rejected: rejected += 1
            }
        }
    }

    /// All rounds counted.
    var total: Int { kept + reverted + rejected }
}
