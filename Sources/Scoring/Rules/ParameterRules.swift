import GTMModel

/// Rules of the `parameter` dimension.
enum ParameterRules {
    static let all: [any Rule] = []
}
