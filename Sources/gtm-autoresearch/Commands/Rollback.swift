import ArgumentParser
import Delivery
import ObjectStore

struct Rollback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put an earlier night's winner back into the client's staging workspace.",
        discussion: """
        Takes the winner of --to from the database, else from the bucket (checked against the \
        sha256 in its winner.json), checks that it is a container export, and publishes it to the \
        local staging workspace (default out/CLIENT/staging/autoresearch-nightly), where it becomes \
        container.json again and is added to the history. Nothing is published to a live container: \
        importing or publishing stays with a human. --dry-run finds and checks it and changes nothing.

        Exit status: 0 done; 1 no such night, or it could not be fetched or written; 64 bad arguments.
        """
    )

    @Argument(help: "The client.")
    var client: String

    @Option(help: ArgumentHelp("The night to go back to, YYYY-MM-DD (see `winners CLIENT`).", valueName: "night"))
    var to: String

    @Option(help: "The local staging folder (default: out/CLIENT/staging).")
    var staging: String?

    @Flag(help: "Find and check the night's winner, change nothing.")
    var dryRun = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (try? NightDate(to)) != nil else { throw ValidationError("--to \(to) is not a date (YYYY-MM-DD).") }
    }

    func run() async throws {
        let log = try database.open()
        let report: RollbackReport
        do {
            report = try await DeliveryOptions.delivery(log: log).rollback(client: client, to: try NightDate(to), staging: staging, dryRun: dryRun)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
        for line in report.lines { print(line) }
    }
}
