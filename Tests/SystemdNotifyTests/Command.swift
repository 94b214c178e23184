import Foundation
import TestSupport

/// Runs an external program to completion, capturing its output and status.
struct Command {
    typealias Result = ExternalCommand.Result

    /// The first executable named `name` on `PATH` or in the usual system directories, if any.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]
        return directories.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> Result {
        try ExternalCommand.run(URL(fileURLWithPath: executable), arguments, in: directory)
    }
}
