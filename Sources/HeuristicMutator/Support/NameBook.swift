import GTMModel

/// The names in use per kind, so new and renamed entities get names unique within their kind.
struct NameBook {
    private var used: [EntityKind: Set<String>] = [:]

    init(_ container: Container) {
        used[.tag] = Set(container.tags.map(\.name))
        used[.trigger] = Set(container.triggers.map(\.name))
        // A variable may not take the name of a built-in either: `{{Page URL}}` must stay unambiguous.
        used[.variable] = Set(container.variables.map(\.name)).union(container.builtInVariables.map(\.name)).union([VariableReferences.eventName])
        used[.folder] = Set(container.folders.map(\.name))
    }

    func isFree(_ name: String, kind: EntityKind) -> Bool {
        !(used[kind]?.contains(name) ?? false)
    }

    /// The first of `base`, `base (2)`, `base (3)`, … that is free and that `accepts` approves.
    func unique(_ base: String, kind: EntityKind, accepts: (String) -> Bool) -> String? {
        let trimmed = base.trimmed
        guard !trimmed.isEmpty else { return nil }
        for n in 1...20 {
            let candidate = n == 1 ? trimmed : "\(trimmed) (\(n))"
            if isFree(candidate, kind: kind), accepts(candidate) { return candidate }
        }
        return nil
    }
}
