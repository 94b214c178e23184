import ArgumentParser
import ExperimentLog
import Foundation

/// `--db`, shared by every command that reads or writes the experiment log.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SQLite database (default: $GTM_AUTORESEARCH_DB, else ./gtm-autoresearch.sqlite).", valueName: "path"))
    var db: String?

    var path: String { db ?? ExperimentLog.defaultPath(environment: ProcessInfo.processInfo.environment) }

    func open() throws -> ExperimentLog {
        do { return try ExperimentLog(path: path) } catch {
            throw CommandFailure("\(error)")
        }
    }
}

/// A failure the CLI reports as one line on stderr with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
