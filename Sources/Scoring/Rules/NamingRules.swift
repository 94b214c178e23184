import GTMModel

/// Rules of the `naming` dimension.
enum NamingRules {
    static let all: [any Rule] = []
}
