/// What a tag does, derived from its type, template and code: the facts the scorer reasons with.
public struct TagProfile: Sendable {
    /// Where the tag sends data; nil for tags that send nothing (consent defaults, utilities).
    public var destination: Destination?
    public var role: TagRole
    /// Canonical events named by the tag itself (an event-name parameter or a literal in code).
    /// When empty, the tag sends whatever event its triggers fire on (see ``ContainerAnalysis``).
    public var declaredEvents: [String]

    /// Whether the tag sends data to a vendor (so needs consent settings).
    public var sendsData: Bool { destination != nil && role != .deprecated }
}
