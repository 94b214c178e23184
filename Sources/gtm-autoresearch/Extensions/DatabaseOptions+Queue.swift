import ExperimentLog
import JobQueue

extension DatabaseOptions {
    /// The experiment log and the job queue of the database, opened together.
    func openFleet() throws -> (log: ExperimentLog, store: JobStore) {
        let log = try open()
        do { return (log, try JobStore(pool: log.pool)) } catch { throw CommandFailure("\(path): \(error)") }
    }
}
