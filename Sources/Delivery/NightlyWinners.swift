public import ExperimentLog

/// A client's winner of one night: the best-scoring finished run created that (UTC) day.
public struct NightlyWinner: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var night: String
    public var run: RunRecord
    /// The client's finished runs that night, the winner included.
    public var runsThatNight: Int

    public init(night: String, run: RunRecord, runsThatNight: Int) {
        self.night = night
        self.run = run
        self.runsThatNight = runsThatNight
    }
}

/// Picks each night's winner from a client's runs.
///
/// A run counts once it is `completed` or `stopped`: its best passed the guard round by round,
/// whatever ended it. Queued, running and failed runs do not. Among a night's runs the highest
/// best score wins; a tie goes to the later run, which saw the newer container.
public enum NightlyWinners {
    /// One winner per night, oldest night first.
    public static func nights(from runs: [RunRecord]) -> [NightlyWinner] {
        var byNight: [String: [RunRecord]] = [:]
        for run in runs where run.status == .completed || run.status == .stopped {
            byNight[run.night, default: []].append(run)
        }
        return byNight.keys.sorted().compactMap { night in
            let candidates = byNight[night] ?? []
            guard let best = candidates.max(by: { isBetter($1, than: $0) }) else { return nil }
            return NightlyWinner(night: night, run: best, runsThatNight: candidates.count)
        }
    }

    /// The winner of `night`, or nil when no run of that night finished.
    public static func winner(of night: String, from runs: [RunRecord]) -> NightlyWinner? {
        nights(from: runs.filter { $0.night == night }).first
    }

    private static func isBetter(_ a: RunRecord, than b: RunRecord) -> Bool {
        a.bestScore.overall != b.bestScore.overall ? a.bestScore.overall > b.bestScore.overall : a.id > b.id
    }
}
