import Foundation

/// Command-line options of every mode (the driver passes the relevant ones on to its children).
struct Options: Sendable {
    /// Jobs enqueued per drain; also the baseline's transaction count.
    var jobs = 20_000
    /// `WorkerConfiguration.batchSize` and `.concurrency` of each worker process.
    var batch = 32
    var concurrency = 1
    /// `WorkerConfiguration.completionDelay` (nil: the product's default; 0: every job commits alone).
    var completionDelay: Double?
    /// Measurements per configuration; the median is reported.
    var repeats = 3
    var processes = [1, 2, 4]
    /// Processes for the second baseline line (0: leave it out).
    var baselineProcesses = 4
    /// Where the database files go (the baseline and the drains share the filesystem).
    var directory: String?
    /// Jobs per second with 4 processes that the issue asks for.
    var target = 8_000.0

    // Child modes.
    var database: String?
    var queue = "noop"
    var count = 0

    static let usage = """
        usage: queue-benchmark bench [--jobs N] [--batch N] [--concurrency N] [--completion-delay S] [--repeat N]
                                     [--processes 1,2,4] [--baseline-processes N] [--dir PATH] [--target N]
               queue-benchmark worker --db PATH [--queue NAME] [--batch N] [--concurrency N] [--completion-delay S]  (child)
               queue-benchmark insert --db PATH --count N                                      (child)
               queue-benchmark enqueue --db PATH --count N [--queue NAME]                      (profiling)
               queue-benchmark profile --db PATH [--count N] [--batch N]                       (the store alone)
        """

    init(parsing arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let next = rest.popFirst() else { throw UsageError("\(name) needs a value") }
            return next
        }
        func number(_ name: String, atLeast minimum: Int) throws -> Int {
            let text = try value(name)
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), n >= minimum else {
                throw UsageError("\(name) must be a whole number of at least \(minimum) (got \(text))")
            }
            return n
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--jobs": jobs = try number(argument, atLeast: 1)
            case "--batch": batch = try number(argument, atLeast: 1)
            case "--concurrency": concurrency = try number(argument, atLeast: 1)
            case "--repeat": repeats = try number(argument, atLeast: 1)
            case "--baseline-processes": baselineProcesses = try number(argument, atLeast: 0)
            case "--count": count = try number(argument, atLeast: 0)
            case "--target": target = Double(try number(argument, atLeast: 1))
            case "--completion-delay":
                let text = try value(argument)
                guard let seconds = Double(text), seconds >= 0 else { throw UsageError("--completion-delay takes seconds (got \(text))") }
                completionDelay = seconds
            case "--dir": directory = try value(argument)
            case "--db": database = try value(argument)
            case "--queue": queue = try value(argument)
            case "--processes":
                let text = try value(argument)
                let list = text.split(separator: ",").compactMap { Int($0) }
                guard !list.isEmpty, list.count == text.split(separator: ",").count, list.allSatisfy({ $0 >= 1 }) else {
                    throw UsageError("--processes takes counts such as 1,2,4 (got \(text))")
                }
                processes = list
            default:
                throw UsageError("unknown option \(argument)")
            }
        }
    }

    func requireDatabase() throws -> String {
        guard let database else { throw UsageError("--db is required") }
        return database
    }
}
