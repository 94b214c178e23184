public import GRDB
public import JobQueue
public import Logging

/// The work of one queue (one pipeline stage). A worker claims the queue's jobs and hands each
/// to its handler; adding a stage is a new handler and a unit, nothing else.
public protocol JobHandler: Sendable {
    /// The queue this handler works.
    var queue: QueueName { get }

    /// Does the job's work and says what to commit. It must not write its results itself: the
    /// completion's `effects` run in the transaction that marks the job succeeded, fenced by its
    /// lease, so a crash or a lost lease never leaves half of it behind.
    /// - Throws: ``JobFailure`` to say whether another attempt could help; any other error is
    ///   retried with backoff until the job's attempts are used up.
    func perform(_ job: Job, context: JobContext) async throws -> JobCompletion

    /// Runs in the transaction that ends one of this queue's jobs without success (dead-lettered
    /// or cancelled), so whatever the job stood for can say why it stopped.
    func jobEnded(_ job: Job, in db: Database) throws

    /// Runs in the transaction that puts an ended job back in the queue (`queue retry`).
    func jobRetried(_ job: Job, in db: Database) throws

    /// Runs after the completion committed (outside any transaction): side effects that may be
    /// redone safely, such as writing a finished run's deliverables.
    func afterCommit(_ completion: JobCompletion, context: JobContext) async
}

extension JobHandler {
    public func jobEnded(_ job: Job, in db: Database) throws {}
    public func jobRetried(_ job: Job, in db: Database) throws {}
    public func afterCommit(_ completion: JobCompletion, context: JobContext) async {}
}

/// What a handler hands back: the job's result and the writes that commit with its completion.
public struct JobCompletion: Sendable {
    /// JSON text stored in `jobs.result`.
    public var result: String?
    public var effects: @Sendable (Database) throws -> Void
    /// Something for ``JobHandler/afterCommit(_:context:)`` (a finished run's id, say).
    public var followUp: Int64?

    public init(result: String? = nil, followUp: Int64? = nil, effects: @escaping @Sendable (Database) throws -> Void = { _ in }) {
        self.result = result
        self.followUp = followUp
        self.effects = effects
    }
}

/// A failure with a verdict on retrying: bad input will not get better, a 503 may.
public struct JobFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
    public var isRetryable: Bool

    public init(_ description: String, isRetryable: Bool) {
        self.description = description
        self.isRetryable = isRetryable
    }
}

/// What a handler knows about where it runs.
public struct JobContext: Sendable {
    public var logger: Logger
    public var workerID: String
    /// True once the worker has been asked to stop: long jobs may wind down early.
    public var isShuttingDown: @Sendable () -> Bool

    public init(logger: Logger, workerID: String, isShuttingDown: @escaping @Sendable () -> Bool) {
        self.logger = logger
        self.workerID = workerID
        self.isShuttingDown = isShuttingDown
    }
}
