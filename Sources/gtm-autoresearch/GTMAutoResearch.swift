import ArgumentParser
import Scoring

@main
struct GTMAutoResearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gtm-autoresearch",
        abstract: "Score and improve Google Tag Manager container exports.",
        discussion: """
        `score` judges a container; `run` improves one overnight and records every round in a SQLite \
        database; `runs`, `log`, `diff` and `report` read that database. The fleet: `queue run` \
        enqueues a run, `worker` processes advance queued runs round by round, `scheduler` enqueues \
        each client's nightly runs, and `queue …` shows and steers it all. `preview` simulates which \
        tags a container fires on scenarios.

        Exit status: 0 success; 1 a score under --fail-under or another failure; 64 bad arguments; \
        65 bad input data (a file that is not a GTM container export, with the JSON path that is wrong).
        """,
        version: "gtm-autoresearch \(ToolVersion.current) (scorer \(Scorer.version))",
        subcommands: [Score.self, Rules.self, Run.self, Runs.self, Log.self, Diff.self, Report.self,
                      QueueCommand.self, WorkerCommand.self, SchedulerCommand.self, Preview.self,
                      Deploy.self, Winners.self, Rollback.self]
    )
}

/// The tool's version, shown by `--version` and written into SARIF.
enum ToolVersion {
    static let current = "0.1.0"
}
