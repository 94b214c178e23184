/// A queue: one stage of the pipeline (SPEC §5). Each stage has its own worker process type, so
/// adding a stage is a new name here, a handler, and a unit; the table and the claim stay as they are.
public struct QueueName: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ name: String) {
        self.init(rawValue: name)
    }

    public var description: String { rawValue }

    /// Experiments: one job per round of a run (SPEC §2).
    public static let round = QueueName("round")
    /// Morning deliverables: a finished run's files, and its night's winner in the bucket and the
    /// GTM staging workspace (SPEC §6). One process is enough: the GTM API allows 0.25 requests/s.
    public static let deliver = QueueName("deliver")
    /// Flywheel phase 2: assemble a client's account state.
    public static let collect = QueueName("collect")
    /// Flywheel phase 3: build a training set from the winners.
    public static let dataset = QueueName("dataset")
    /// Flywheel phase 4: fine-tune a client model.
    public static let finetune = QueueName("finetune")
    /// Flywheel phase 6: evaluate a new model against the generalist.
    public static let evaluate = QueueName("evaluate")

    /// A queue name is a short lower-case word, so it reads well in the shell and in unit names.
    public var isValid: Bool {
        !rawValue.isEmpty && rawValue.count <= 40
            && rawValue.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
