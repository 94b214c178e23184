public import ExperimentLog
public import JobQueue

/// The pipeline's stages and their handlers. A new stage (`collect`, `dataset`, `finetune`,
/// `evaluate` with the flywheel) is a handler type and one case here; the queue, the worker, the
/// commands and the systemd template take any queue name.
public enum Stages {
    /// The queues that have a handler in this build.
    public static let available: [QueueName] = [.round]

    /// The handler of `queue`, or nil when this build has none.
    public static func handler(for queue: QueueName, log: ExperimentLog, store: JobStore, mutators: MutatorFactory) -> (any JobHandler)? {
        switch queue {
        case .round: RoundStage(log: log, store: store) { settings in try mutators.makeRunner(for: settings) }
        default: nil
        }
    }
}
