import Foundation
import Mutation
import Testing
import TestSupport

@Suite("The program text")
struct ProgramTests {
    @Test func theCompiledInProgramIsTheRepositorysSKILLmd() throws {
        let file = try String(contentsOf: Corpus.repositoryRoot.appendingPathComponent("SKILL.md"), encoding: .utf8)
        #expect(Program.embedded.text + "\n" == file, "SKILL.md changed: run Scripts/embed-skill")
    }

    @Test func aClientProgramOverridesIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skill-\(UUID().uuidString).md")
        try Data("# Acme's own rules\n".utf8).write(to: url)
        #expect(try Program.load(path: url.path).text == "# Acme's own rules\n")
        #expect(try Program.load(path: nil) == .embedded)
        #expect(throws: ProgramError.self) { try Program.load(path: url.path + ".missing") }
    }
}
