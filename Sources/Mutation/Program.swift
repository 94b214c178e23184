import Foundation

/// The mutator's program text (SPEC §2.3): `SKILL.md`, the analogue of autoresearch's
/// `program.md`. The repository's copy is compiled in; a client can override it with a file.
public struct Program: Sendable, Equatable {
    /// Where the text came from, for logs and reports.
    public var source: String
    public var text: String

    public init(source: String, text: String) {
        self.source = source
        self.text = text
    }

    /// The program in `path`, or the built-in one when `path` is nil.
    public static func load(path: String?) throws -> Program {
        guard let path else { return .embedded }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8), !text.isEmpty else {
            throw ProgramError(path: path)
        }
        return Program(source: path, text: text)
    }
}

/// A program file that cannot be used.
public struct ProgramError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path): cannot read the program text (missing, empty, or not UTF-8)" }
}
