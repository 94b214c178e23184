import Foundation

/// GNU `diff` and `patch`, when installed, as references for the unified-diff tests.
enum GNUTools {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func has(_ tool: String) -> Bool { path(of: tool) != nil }

    /// `diff -U<context>` with the labels `old` and `new`.
    static func diff(_ old: String, _ new: String, context: Int, minimal: Bool = false) throws -> String {
        try withTemporaryDirectory { directory in
            try Data(old.utf8).write(to: directory.appendingPathComponent("old"))
            try Data(new.utf8).write(to: directory.appendingPathComponent("new"))
            var arguments = ["-U\(context)", "--label", "old", "--label", "new"]
            if minimal { arguments.append("--minimal") }
            let (status, output) = try run("diff", arguments + ["old", "new"], in: directory)
            guard status == 0 || status == 1 else { throw Failure(description: "diff exited \(status)") }
            return output
        }
    }

    /// The text `patch` makes of `old` with the given unified diff.
    static func patch(_ old: String, with diff: String) throws -> String {
        guard !diff.isEmpty else { return old }
        return try withTemporaryDirectory { directory in
            try Data(old.utf8).write(to: directory.appendingPathComponent("old"))
            try Data(diff.utf8).write(to: directory.appendingPathComponent("change.patch"))
            let (status, output) = try run("patch", ["-s", "-o", "result", "old", "change.patch"], in: directory)
            guard status == 0 else { throw Failure(description: "patch exited \(status): \(output)") }
            return String(decoding: try Data(contentsOf: directory.appendingPathComponent("result")), as: UTF8.self)
        }
    }

    private static func path(of tool: String) -> String? {
        ["/usr/bin/\(tool)", "/bin/\(tool)", "/usr/local/bin/\(tool)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func run(_ tool: String, _ arguments: [String], in directory: URL) throws -> (Int32, String) {
        guard let executable = path(of: tool) else { throw Failure(description: "\(tool) not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// Runs `body` with a fresh temporary directory, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("deliverables-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}
