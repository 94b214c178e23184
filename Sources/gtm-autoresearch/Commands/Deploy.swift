import ArgumentParser
import Delivery
import ExperimentLog

struct Deploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a run's best container into the staging workspace (local, and GTM's when configured).",
        discussion: """
        Prints the change plan, entity by entity (+ create, ~ update, - delete), from what the \
        workspace holds now to the run's best: for the local staging workspace (--staging, default \
        out/CLIENT/staging) and, when GTM credentials are set, for the GTM workspace named \
        autoresearch-nightly. Then applies it: the local workspace is written, the GTM one is \
        changed entity by entity (paced at one request per 4 s) and compiled with quick_preview. \
        Nothing ever creates a GTM version or publishes: a person reviews and publishes.

        --dry-run prints the plans and changes nothing (GTM is only read).

        Exit status: 0 done; 1 the run or its container is missing, GTM refused, or the GTM \
        workspace does not compile; 64 bad arguments.
        """
    )

    @Argument(help: "The run id.")
    var runId: Int64

    @Flag(help: "Print the change plans, change nothing.")
    var dryRun = false

    @Option(help: "The local staging folder (default: out/CLIENT/staging).")
    var staging: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let log = try database.open()
        guard let run = try log.run(runId) else { throw CommandFailure("there is no run \(runId) in \(database.path)") }
        let outcome: DeployOutcome
        do { outcome = try await DeliveryOptions.delivery(log: log).deploy(run, staging: staging, dryRun: dryRun) } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("run \(runId): \(error)")
        }
        print(outcome.text)
    }
}
