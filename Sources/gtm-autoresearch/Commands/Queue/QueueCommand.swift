import ArgumentParser

struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Enqueue runs and show or steer the fleet's queues, jobs and workers.",
        discussion: """
        `queue run` puts a run on the `round` queue (workers then advance it one round per job); \
        `list`, `jobs`, `show`, `workers` and `runs` read the queue; `cancel`, `retry`, `pause` and \
        `resume` steer it. Everything is also readable from `sqlite3 -readonly` (README, "The fleet").
        """,
        subcommands: [QueueRun.self, QueueList.self, QueueJobs.self, QueueShow.self, QueueWorkers.self, QueueRuns.self,
                      QueueCancel.self, QueueRetry.self, QueuePause.self, QueueResume.self]
    )
}
