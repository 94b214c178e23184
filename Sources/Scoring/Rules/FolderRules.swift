import GTMModel

/// Rules of the `folder` dimension.
enum FolderRules {
    static let all: [any Rule] = []
}
