import GTMModel

/// Rules of the `alignment` dimension.
enum AlignmentRules {
    static let all: [any Rule] = []
}
