import Cron
import Foundation
public import ExperimentLog
import PreviewSimulator

/// The scheduler's configuration file (JSON): the clients and when their runs start.
///
/// ```json
/// {
///   "clients": [
///     { "name": "acme", "container": "containers/acme.json", "mutator": "heuristic", "rounds": 100,
///       "plan": "plans/acme.json", "scenarios": ["scenarios/acme"], "out": "out/acme" }
///   ],
///   "schedules": [
///     { "name": "nightly", "cron": "0 2 * * *", "time_zone": "Europe/Berlin", "clients": ["acme"] }
///   ]
/// }
/// ```
/// Paths are relative to the configuration file's folder. A client's files are read when its run
/// is enqueued, so an edit takes effect the next night; its scenario files are also checked when
/// the configuration is loaded, so a bad one is found before the first night.
public struct SchedulerConfiguration: Sendable {
    public var clients: [Client]
    public var schedules: [Schedule]

    /// One client: its container export, mutator, budgets, and scorer files.
    public struct Client: Sendable, Decodable, Equatable {
        public var name: String
        public var container: String
        public var mutator: String?
        public var model: String?
        public var baseURL: String?
        public var rounds: Int?
        public var maxMinutes: Double?
        public var maxCost: Double?
        public var target: Double?
        public var plateau: Int?
        public var seed: UInt64?
        public var weights: String?
        public var plan: String?
        public var accountState: String?
        /// The client's own preview scenarios: scenario JSON files or folders of them, added to
        /// the shipped scenarios for the coverage guard and QA.
        public var scenarios: [String]?
        public var priority: Int?
        public var maxAttempts: Int?
        /// Where each night's deliverables go: `<out>/<YYYY-MM-DD>` (default `out/<name>`).
        public var out: String?

        // Keys are snake_case in the file; the decoder converts them, which makes `base_url` `baseUrl`.
        enum CodingKeys: String, CodingKey {
            case name, container, mutator, model, rounds, maxMinutes, maxCost, target, plateau, seed, weights, plan, accountState
            case scenarios, priority, maxAttempts, out
            case baseURL = "baseUrl"
        }
    }

    /// When runs start: a cron expression in a time zone, for some or all clients.
    public struct Schedule: Sendable, Decodable, Equatable {
        public var name: String
        public var cron: String
        /// An IANA zone (default UTC).
        public var timeZone: String?
        /// The clients it starts (default: every client).
        public var clients: [String]?
        /// A tick missed while no scheduler ran is still enqueued this long after it (default 360).
        public var catchUpMinutes: Double?
    }

    private struct File: Decodable {
        var clients: [Client]
        var schedules: [Schedule]
    }

    /// Reads and checks the file: one-line errors name the file and the JSON path.
    public static func load(path: String) throws -> SchedulerConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SchedulerConfigurationError(path: path, jsonPath: "", reason: "cannot read the file")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file: File
        do { file = try decoder.decode(File.self, from: data) } catch let error as DecodingError {
            throw SchedulerConfigurationError(path: path, decoding: error)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ value: String?) -> String? {
            guard let value else { return nil }
            return value.hasPrefix("/") ? value : folder.appendingPathComponent(value).standardizedFileURL.path
        }
        var configuration = SchedulerConfiguration(clients: [], schedules: file.schedules)
        var names = Set<String>()
        for (index, var client) in file.clients.enumerated() {
            func fail(_ key: String, _ reason: String) -> SchedulerConfigurationError {
                SchedulerConfigurationError(path: path, jsonPath: "$.clients[\(index)]\(key.isEmpty ? "" : ".\(key)")", reason: reason)
            }
            guard !client.name.isEmpty, client.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
                throw fail("name", "a client name is letters, digits, '-', '_' or '.'")
            }
            guard names.insert(client.name).inserted else { throw fail("name", "client \(client.name) appears twice") }
            if let mutator = client.mutator, MutatorFactory.Kind(rawValue: mutator) == nil {
                throw fail("mutator", "\(mutator) is not a mutator (heuristic, anthropic, openai)")
            }
            if let rounds = client.rounds, rounds < 1 { throw fail("rounds", "must be at least 1") }
            if let target = client.target, !(0...1).contains(target) { throw fail("target", "must be between 0 and 1") }
            if let attempts = client.maxAttempts, attempts < 1 { throw fail("max_attempts", "must be at least 1") }
            client.container = resolve(client.container)!
            client.weights = resolve(client.weights)
            client.plan = resolve(client.plan)
            client.accountState = resolve(client.accountState)
            client.out = resolve(client.out)
            client.scenarios = client.scenarios?.map { resolve($0) ?? $0 }
            for (position, scenario) in (client.scenarios ?? []).enumerated() {
                do { _ = try RunScenarios.texts(fromPaths: [scenario]) } catch { throw fail("scenarios[\(position)]", error.description) }
            }
            do { _ = try RunScenarios.texts(fromPaths: client.scenarios ?? []) } catch { throw fail("scenarios", error.description) }
            configuration.clients.append(client)
        }
        var scheduleNames = Set<String>()
        for (index, schedule) in file.schedules.enumerated() {
            func fail(_ key: String, _ reason: String) -> SchedulerConfigurationError {
                SchedulerConfigurationError(path: path, jsonPath: "$.schedules[\(index)].\(key)", reason: reason)
            }
            guard !schedule.name.isEmpty, !schedule.name.contains("/") else { throw fail("name", "a schedule needs a name without '/'") }
            guard scheduleNames.insert(schedule.name).inserted else { throw fail("name", "schedule \(schedule.name) appears twice") }
            do { _ = try CronSchedule(expression: schedule.cron, timeZone: schedule.timeZone ?? "UTC") } catch {
                throw fail(schedule.timeZone != nil && "\(error)".contains(schedule.timeZone!) ? "time_zone" : "cron", "\(error)")
            }
            for name in schedule.clients ?? [] where !names.contains(name) {
                throw fail("clients", "no client is named \(name)")
            }
        }
        return configuration
    }

    /// The clients a schedule starts.
    public func clients(of schedule: Schedule) -> [Client] {
        guard let names = schedule.clients else { return clients }
        return clients.filter { names.contains($0.name) }
    }
}

extension SchedulerConfiguration.Client {
    /// The run settings for tonight's run, reading the scorer's and the scenarios' files now.
    public func settings() throws -> RunSettings {
        var options = ["kind": mutator ?? "heuristic"]
        options["model"] = model
        options["base-url"] = baseURL
        var files: [String: String] = [:]
        for (key, file) in [("weights", weights), ("plan", plan), ("account-state", accountState)] {
            guard let file else { continue }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw SchedulerConfigurationError(path: file, jsonPath: "", reason: "cannot read the \(key) file of client \(name)")
            }
            files[key] = String(decoding: data, as: UTF8.self)
        }
        // A scenario file's error names the file and the JSON path in it.
        let scenarioTexts = try RunScenarios.texts(fromPaths: scenarios ?? [])
        return RunSettings(rounds: rounds, maxMinutes: maxMinutes, maxCostUSD: maxCost, targetScore: target, plateau: plateau,
                           seed: seed ?? 1, mutatorOptions: options, scoring: files, scenarios: scenarioTexts).withDefaultStopRule()
    }
}

/// A configuration file problem, in one line: the file, the JSON path, and why.
public struct SchedulerConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var jsonPath: String
    public var reason: String

    public init(path: String, jsonPath: String, reason: String) {
        self.path = path
        self.jsonPath = jsonPath
        self.reason = reason
    }

    init(path: String, decoding error: DecodingError) {
        func render(_ context: DecodingError.Context) -> String {
            "$" + context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .dataCorrupted(let context): self.init(path: path, jsonPath: render(context), reason: "not valid JSON (\(context.debugDescription))")
        case .keyNotFound(let key, let context):
            self.init(path: path, jsonPath: render(context), reason: "missing \"\(key.stringValue)\"")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            self.init(path: path, jsonPath: render(context), reason: "expected \(type)")
        @unknown default: self.init(path: path, jsonPath: "", reason: "\(error)")
        }
    }

    public var description: String {
        jsonPath.isEmpty ? "\(path): \(reason)" : "\(path): \(jsonPath): \(reason)"
    }
}
