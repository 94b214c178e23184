import GTMModel

/// Rules of the `variable` dimension.
enum VariableRules {
    static let all: [any Rule] = []
}
