import Foundation
import LosslessJSON

/// The scenarios a loop run simulates: every shipped scenario, then the client's own.
///
/// A client's scenarios travel with the run as the text of their files, by scenario name
/// (`RunSettings.scenarios`), so a queued or resumed run simulates exactly what it started with
/// even if the files change. A client scenario named like a shipped one replaces it (a client's
/// own checkout journey instead of the generic one).
public enum RunScenarios {
    /// The run's scenarios: the shipped ones in file-name order (each replaced by the client
    /// scenario of the same name, if any), then the other client scenarios by name.
    /// - Parameter texts: client scenario JSON by scenario name, as ``texts(fromPaths:)`` makes them.
    /// - Throws: ``ScenarioError`` naming the stored scenario when its text no longer decodes.
    public static func make(client texts: [String: String]) throws(ScenarioError) -> [Scenario] {
        var client: [String: Scenario] = [:]
        for (name, text) in texts {
            client[name] = try ScenarioLoader().decode(Array(text.utf8), path: "scenario \(name) (stored with the run)")
        }
        var scenarios: [Scenario] = []
        for shipped in try ShippedScenarios.all() {
            scenarios.append(client.removeValue(forKey: shipped.name) ?? shipped)
        }
        for name in client.keys.sorted() {
            if let scenario = client[name] { scenarios.append(scenario) }
        }
        return scenarios
    }

    /// Reads client scenario files: each path is a scenario JSON file or a folder whose `*.json`
    /// files are scenarios. Every file is checked as the simulator would read it.
    /// - Returns: each file's text by its scenario's name.
    /// - Throws: ``ScenarioError`` naming the file (and the JSON path) of the first problem: an
    ///   unreadable or invalid file, a folder without scenarios, a scenario without a name, or two
    ///   files with one scenario name.
    public static func texts(fromPaths paths: [String]) throws(ScenarioError) -> [String: String] {
        let loader = ScenarioLoader()
        var texts: [String: String] = [:]
        var files: [String: String] = [:]
        for path in paths {
            for file in try scenarioFiles(at: path) {
                let bytes = try loader.read(path: file)
                let scenario = try loader.decode(bytes, path: file)
                let name = scenario.name
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw .invalid(path: file, jsonPath: JSONPath([.key("name")]), reason: "a scenario needs a name")
                }
                if let first = files[name] {
                    throw .invalid(path: file, jsonPath: JSONPath([.key("name")]), reason: "\(first) already has a scenario named \(name)")
                }
                files[name] = file
                texts[name] = String(decoding: bytes, as: UTF8.self)
            }
        }
        return texts
    }

    /// `path` itself, or the `*.json` files of the folder `path`, in file-name order.
    private static func scenarioFiles(at path: String) throws(ScenarioError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw .unreadable(path: path, reason: "not a readable folder")
        }
        let files = names.filter { $0.hasSuffix(".json") }.sorted().map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
        guard !files.isEmpty else { throw .unreadable(path: path, reason: "a folder without *.json scenario files") }
        return files
    }
}
