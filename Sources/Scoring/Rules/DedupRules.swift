import GTMModel

/// Rules of the `dedup` dimension.
enum DedupRules {
    static let all: [any Rule] = []
}
