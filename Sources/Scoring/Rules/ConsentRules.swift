import GTMModel

/// Rules of the `consent` dimension.
enum ConsentRules {
    static let all: [any Rule] = []
}
