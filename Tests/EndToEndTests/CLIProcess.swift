import Foundation
import TestSupport

/// Runs the built `gtm-autoresearch` binary as a user would, capturing its output and status.
struct CLIProcess {
    typealias Result = ExternalCommand.Result

    /// The executable next to the test bundle in the build directory.
    static var executable: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("gtm-autoresearch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/gtm-autoresearch")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try ExternalCommand.run(executable, arguments, environment: environment)
    }
}
