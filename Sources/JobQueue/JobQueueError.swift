/// Why a queue operation failed, in one line naming the job or queue.
public enum JobQueueError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidQueueName(String)
    case invalidJob(String)
    case noSuchJob(Int64)
    /// An operator action that does not apply in the job's state (retrying a running job, say).
    case wrongState(job: Int64, state: JobState, action: String)
    /// The worker's fence failed: the job is no longer running under this lease (it expired and
    /// was reclaimed, was cancelled, or was already finished). Nothing was written.
    case leaseLost(job: Int64, lease: Lease)
    case database(operation: String, message: String)

    public var description: String {
        switch self {
        case .invalidQueueName(let name):
            "\"\(name)\" is not a queue name (lower-case letters, digits, - and _, at most 40 characters)"
        case .invalidJob(let why): "invalid job: \(why)"
        case .noSuchJob(let id): "there is no job \(id)"
        case .wrongState(let id, let state, let action): "job \(id) is \(state.rawValue): cannot \(action) it"
        case .leaseLost(let id, let lease):
            "job \(id): worker \(lease.owner) no longer holds attempt \(lease.attempt) (lease expired, job cancelled or already finished)"
        case .database(let operation, let message): "database error during \(operation): \(message)"
        }
    }
}
