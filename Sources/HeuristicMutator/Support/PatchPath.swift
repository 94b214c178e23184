import LosslessJSON
import Mutation

/// Id-addressed pointers (`/tag/12/parameter/-`) and the shape checks a proposal must pass before
/// it is offered: how many entities it touches, counted as ``EntityPatch`` counts them.
enum PatchPath {
    static func entity(_ collection: EntityCollection, _ id: String, _ rest: [String] = []) -> JSONPointer {
        JSONPointer(tokens: [collection.rawValue, id] + rest)
    }

    static func tag(_ id: String, _ rest: String...) -> JSONPointer { entity(.tag, id, rest) }
    static func trigger(_ id: String, _ rest: String...) -> JSONPointer { entity(.trigger, id, rest) }
    static func variable(_ id: String, _ rest: String...) -> JSONPointer { entity(.variable, id, rest) }
    static func folder(_ id: String, _ rest: String...) -> JSONPointer { entity(.folder, id, rest) }

    /// `/<collection>/-`: appends a new entity.
    static func new(_ collection: EntityCollection) -> JSONPointer {
        JSONPointer(tokens: [collection.rawValue, "-"])
    }

    /// The number of entities `patch` edits, creates or removes (tests do not count).
    static func touchedCount(_ patch: JSONPatch) -> Int {
        var edited = Set<[String]>()
        var created = 0
        func note(_ pointer: JSONPointer) {
            guard pointer.tokens.count >= 2 else { return }
            if pointer.tokens.count == 2, pointer.tokens[1] == "-" {
                created += 1
            } else {
                edited.insert(Array(pointer.tokens.prefix(2)))
            }
        }
        for operation in patch.operations {
            switch operation {
            case .test: continue
            case .add(let p, _), .remove(let p), .replace(let p, _): note(p)
            case .move(let f, let p): note(f); note(p)
            case .copy(_, let p): note(p)
            }
        }
        return edited.count + created
    }
}
