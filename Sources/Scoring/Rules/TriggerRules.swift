import GTMModel

/// Rules of the `trigger` dimension.
enum TriggerRules {
    static let all: [any Rule] = []
}
