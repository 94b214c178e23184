import Foundation

/// A Python fixture script under `Tests/Fixtures/` running as a subprocess, and the first line it
/// printed (its port, and whatever else it announces).
///
/// The script's life is tied to the pipe held here: closing its standard input ends it (scripts
/// take `--exit-with-stdin`, or watch stdin themselves), and a test process that exits or dies
/// closes it too, so no server outlives its tests.
///
/// `@unchecked Sendable`: every stored property is a `let`; `process` and `input` are used only
/// in `init` and `stop()`.
public final class PythonFixture: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The first line of the script's output, without its newline.
    public let firstLine: String
    private let process: Process
    private let input: Pipe

    /// Starts `Tests/Fixtures/<script>` with `arguments` and waits for its first line.
    public init(script: String, arguments: [String] = []) throws {
        let path = Corpus.repositoryRoot.appendingPathComponent("Tests/Fixtures/\(script)").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path] + arguments
        let output = Pipe()
        input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "\(path) exited before printing its first line") }
            line += chunk
        }
        firstLine = String(decoding: line.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }

    /// The first line's space-separated fields, the first one a port; throws naming `what` otherwise.
    public func fields(count: Int, what: String) throws -> (port: Int, rest: [String]) {
        let fields = firstLine.split(separator: " ").map(String.init)
        guard fields.count == count, let port = Int(fields[0]) else {
            throw Failure(description: "\(what) did not start: \(firstLine)")
        }
        return (port, Array(fields.dropFirst()))
    }

    /// Ends the script: closing its input makes it exit, SIGTERM backs that up.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
