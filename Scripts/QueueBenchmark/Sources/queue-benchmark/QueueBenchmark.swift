// Drains a backlog of no-op jobs with 1, 2 and 4 worker processes and compares the rate with
// single-row SQLite write transactions measured in the same run: `queue-benchmark bench …`.
//
// The driver (`bench`) spawns copies of itself: `worker` runs the real `Fleet.Worker` in a
// `ServiceGroup`, as `gtm-autoresearch worker` does, with a handler that does nothing;
// `insert` writes single-row transactions for the baseline. Children open the database, say
// `ready` on stdout, and wait for their stdin to close (the start barrier) before the first write,
// so every process starts together and the clock runs from the barrier to the last child's exit.
import Foundation
import Logging

@main
struct QueueBenchmark {
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let mode = arguments.isEmpty ? "bench" : arguments.removeFirst()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        do {
            let options = try Options(parsing: arguments)
            switch mode {
            case "bench": exit(try await Driver(options: options).run())
            case "worker": try await ChildModes.worker(options)
            case "insert": try ChildModes.insert(options)
            case "profile": try Profile.run(options)
            case "enqueue": try ChildModes.enqueue(path: options.requireDatabase(), queue: options.queue, count: options.count)
            case "-h", "--help", "help":
                print(Options.usage)
            default:
                throw UsageError("unknown mode \(mode)")
            }
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("queue-benchmark: \(error.message)\n\(Options.usage)\n".utf8))
            exit(64)
        } catch {
            FileHandle.standardError.write(Data("queue-benchmark \(mode): \(error)\n".utf8))
            exit(1)
        }
    }
}

struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
