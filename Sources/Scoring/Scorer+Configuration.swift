/// A scorer from configuration file texts by role, as a run stores them (`RunSettings.scoring`):
/// `weights`, `plan`, `account-state`. `labels` name the files in error messages (their paths
/// when they were just read); a stored text is "the run's stored <role> file".
extension Scorer {
    public init(configurationFiles files: [String: String], labels: [String: String] = [:]) throws {
        func label(_ key: String) -> String { labels[key] ?? "the run's stored \(key) file" }
        self.init()
        if let text = files["weights"] { weights = try Weights.parse(Array(text.utf8), file: label("weights")) }
        if let text = files["plan"] { plan = try TrackingPlan.parse(Array(text.utf8), file: label("plan")) }
        if let text = files["account-state"] { accountState = try AccountState.parse(Array(text.utf8), file: label("account-state")) }
    }
}
