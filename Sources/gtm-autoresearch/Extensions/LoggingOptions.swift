public import ArgumentParser
public import Logging

/// `--log-level` for the long-running processes; logs go to stderr (the journal under systemd).
struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var level: Logger.Level = .info

    /// Sets up logging for the process (once) and returns a logger labelled `label`.
    func bootstrap(label: String) -> Logger {
        let level = self.level
        LoggingSystem.bootstrap { name in
            var handler = StreamLogHandler.standardError(label: name)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
