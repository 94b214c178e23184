import ArgumentParser
import Scoring

/// `--weights`, `--plan`, `--account-state`: what the scorer is configured with.
struct ScorerOptions: ParsableArguments {
    @Option(help: "A JSON file of dimension weights, e.g. {\"consent\": 0.2}; dimensions left out keep their default.")
    var weights: String?

    @Option(help: "A JSON tracking plan: {\"name\": …, \"events\": [\"purchase\", …], \"destinations\": [\"ga4\", …]}. Default: the GA4 ecommerce funnel.")
    var plan: String?

    @Option(name: .customLong("account-state"), help: "A JSON AccountState file: the ad accounts' conversions with counts and values.")
    var accountState: String?

    /// The paths given, by key, for error messages.
    var labels: [String: String] {
        var labels: [String: String] = [:]
        labels["weights"] = weights
        labels["plan"] = plan
        labels["account-state"] = accountState
        return labels
    }

    /// The configuration files' contents, stored with a run so a resume scores the same way.
    func files() throws -> [String: String] {
        var files: [String: String] = [:]
        if let weights { files["weights"] = String(decoding: try readConfigurationFile(weights), as: UTF8.self) }
        if let plan { files["plan"] = String(decoding: try readConfigurationFile(plan), as: UTF8.self) }
        if let accountState { files["account-state"] = String(decoding: try readConfigurationFile(accountState), as: UTF8.self) }
        return files
    }

    /// A scorer from stored configuration texts (see ``files()``).
    /// `labels` name the files in error messages (their paths when they were just read).
    static func makeScorer(_ files: [String: String], labels: [String: String] = [:]) throws -> Scorer {
        do {
            return try Scorer(configurationFiles: files, labels: labels)
        } catch {
            InputDataError.report("\(error)")
            throw InputDataError.exitCode
        }
    }
}
