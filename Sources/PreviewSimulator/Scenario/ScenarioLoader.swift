import Foundation
import LosslessJSON

/// Reads scenario files: JSON syntax is checked first (so errors give the JSON path of a syntax
/// problem), then the structure, then the order of steps.
public struct ScenarioLoader: Sendable {
    /// Scenario files are small; this refuses anything that is clearly not one.
    public static let maximumBytes = 8 * 1024 * 1024

    /// A loader.
    public init() {}

    /// Loads the scenario in the file at `path`.
    /// - Throws: ``ScenarioError`` naming `path` and the JSON path of the problem.
    public func load(path: String) throws(ScenarioError) -> Scenario {
        try decode(try read(path: path), path: path)
    }

    /// The bytes of the scenario file at `path`, unchecked (see ``decode(_:path:)``).
    /// - Throws: ``ScenarioError/unreadable(path:reason:)`` for a missing, unreadable or oversized file.
    public func read(path: String) throws(ScenarioError) -> [UInt8] {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > ScenarioLoader.maximumBytes {
                throw ScenarioError.unreadable(path: path, reason: "the file is \(size) bytes, over the \(ScenarioLoader.maximumBytes)-byte limit")
            }
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                throw ScenarioError.unreadable(path: path, reason: "a directory, not a scenario file")
            }
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file")
        }
    }

    /// Loads every `*.json` file in `directory`, in file-name order: a client's own scenarios.
    public func loadAll(directory: String) throws(ScenarioError) -> [Scenario] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw .unreadable(path: directory, reason: FileManager.default.fileExists(atPath: directory) ? "not a readable directory" : "no such directory")
        }
        var scenarios: [Scenario] = []
        for name in names.filter({ $0.hasSuffix(".json") }).sorted() {
            scenarios.append(try load(path: URL(fileURLWithPath: directory).appendingPathComponent(name).path))
        }
        return scenarios
    }

    /// Decodes scenario JSON; `path` only names the source in errors.
    public func decode(_ bytes: [UInt8], path: String) throws(ScenarioError) -> Scenario {
        do {
            _ = try JSONParser().parse(bytes)
        } catch {
            throw .invalid(path: path, jsonPath: error.path, reason: "not valid JSON at line \(error.line), column \(error.column): \(error.reason)")
        }
        let scenario: Scenario
        do {
            scenario = try JSONDecoder().decode(Scenario.self, from: Data(bytes))
        } catch let error as DecodingError {
            let (codingPath, reason) = ScenarioLoader.explain(error)
            throw .invalid(path: path, jsonPath: ScenarioLoader.jsonPath(codingPath), reason: reason)
        } catch {
            throw .invalid(path: path, jsonPath: .root, reason: "\(error)")
        }
        try ScenarioLoader.validate(scenario, path: path)
        return scenario
    }

    /// Checks what decoding cannot: step order.
    static func validate(_ scenario: Scenario, path: String) throws(ScenarioError) {
        if let problem = scenario.firstProblem() {
            throw .invalid(path: path, jsonPath: JSONPath([.key("steps"), .index(problem.step)]), reason: problem.reason)
        }
    }

    // MARK: - Error translation

    static func jsonPath(_ codingPath: [any CodingKey]) -> JSONPath {
        JSONPath(codingPath.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) })
    }

    private static func explain(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case .keyNotFound(let key, let context):
            let reason = context.debugDescription.hasPrefix("No value associated") ? "missing required field \"\(key.stringValue)\"" : context.debugDescription
            return (context.codingPath + [key], reason)
        case .typeMismatch(let type, let context):
            if context.debugDescription.hasPrefix("expected") { return (context.codingPath, context.debugDescription) }
            return (context.codingPath, "expected \(describe(type))" + found(in: context.debugDescription))
        case .valueNotFound(let type, let context):
            return (context.codingPath, "expected \(describe(type)), found null")
        case .dataCorrupted(let context):
            let reason = context.debugDescription
            if reason.contains("Cannot initialize ConsentValue") || reason.contains("ConsentValue") {
                return (context.codingPath, "expected \"granted\" or \"denied\"")
            }
            return (context.codingPath, reason)
        @unknown default:
            return ([], "\(error)")
        }
    }

    /// ", found a number" from JSONDecoder's "… but found number instead."
    private static func found(in message: String) -> String {
        guard let start = message.range(of: "but found "), let end = message.range(of: " instead", range: start.upperBound..<message.endIndex) else { return "" }
        let kind = String(message[start.upperBound..<end.lowerBound])
        let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        return ", found \(kind == "null" ? "null" : article + " " + kind)"
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        case is [String: String].Type: "an object of strings"
        case is [String: ConsentValue].Type: "an object of consent types (\"granted\" or \"denied\")"
        case is [ScenarioStep].Type, is [String].Type, is [ScenarioElement].Type: "an array"
        default: "a value of type \(type)"
        }
    }
}
