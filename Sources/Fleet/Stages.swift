public import Delivery
public import ExperimentLog
public import JobQueue

/// The pipeline's stages and their handlers. A new stage (`collect`, `dataset`, `finetune`,
/// `evaluate` with the flywheel) is a handler type and one case here; the queue, the worker, the
/// commands and the systemd template take any queue name.
public enum Stages {
    /// The queues that have a handler in this build.
    public static let available: [QueueName] = [.round, .deliver]

    /// The handler of `queue`, or nil when this build has none.
    /// - Parameter delivery: the `deliver` stage's services (default: local files only, which is
    ///   all `queue cancel`/`retry` need of it).
    public static func handler(for queue: QueueName, log: ExperimentLog, store: JobStore, mutators: MutatorFactory,
                               delivery: Delivery? = nil) -> (any JobHandler)?
    {
        switch queue {
        case .round: RoundStage(log: log, store: store) { settings in try mutators.makeRunner(for: settings) }
        case .deliver: DeliverStage(delivery: delivery ?? Delivery(log: log))
        default: nil
        }
    }
}
