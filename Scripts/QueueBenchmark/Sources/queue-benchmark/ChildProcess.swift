import Foundation

/// A copy of this executable in a child mode, started and released at a barrier.
final class ChildProcess {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffered = Data()

    init(arguments: [String]) {
        process.executableURL = ChildProcess.executable
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
    }

    static let executable: URL = Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()

    func start() throws { try process.run() }

    /// Blocks until the child says `ready` (it has opened the database and waits at the barrier).
    func waitUntilReady() throws {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                if line == "ready" { return }
                continue
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw ChildFailure(message: "a child exited before it was ready") }
            buffered.append(chunk)
        }
    }

    /// Opens the barrier: the child sees end-of-file on stdin.
    func release() throws { try input.fileHandleForWriting.close() }

    /// Blocks until the child closes its stdout (it exits), then returns what it printed after `ready`.
    /// End-of-file is exact where `waitUntilExit` polls; the exit status is read afterwards.
    func waitForOutput() -> String {
        buffered.append(output.fileHandleForReading.readDataToEndOfFile())
        return String(decoding: buffered, as: UTF8.self)
    }

    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct ChildFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Starts `count` children with `arguments`, waits for all to be ready, releases them together,
/// and returns the wall time from the release to the last exit with each child's output.
func runTogether(count: Int, arguments: (Int) -> [String]) throws -> (seconds: Double, outputs: [String]) {
    let children = (0..<count).map { ChildProcess(arguments: arguments($0)) }
    for child in children { try child.start() }
    for child in children { try child.waitUntilReady() }
    let start = ContinuousClock.now
    for child in children { try child.release() }
    let outputs = children.map { $0.waitForOutput() }
    let elapsed = ContinuousClock.now - start
    for (index, child) in children.enumerated() {
        let status = child.waitForExit()
        guard status == 0 else { throw ChildFailure(message: "child \(index) (\(arguments(index).first ?? "")) exited with status \(status)") }
    }
    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, outputs)
}
