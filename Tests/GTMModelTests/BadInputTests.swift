import Foundation
import Testing
import TestSupport
@testable import GTMModel
@testable import LosslessJSON

/// Bad input gets a clean error naming the JSON path, never a crash or a half-read container.
@Suite struct BadInputTests {
    func loadError(_ text: String) -> ContainerLoadError? {
        do {
            _ = try ContainerLoader().decode(Array(text.utf8), path: "in.json")
            return nil
        } catch {
            return error
        }
    }

    @Test func notJSON() throws {
        let error = try #require(loadError("{\"exportFormatVersion\": 2,"))
        guard case .notJSON = error else { Issue.record("expected notJSON, got \(error)"); return }
        #expect(error.description.hasPrefix("in.json: $: not valid JSON at line 1, column 27"))
    }

    @Test func notAContainer() throws {
        #expect(loadError("[1,2]")?.description == "in.json: $: expected a GTM container export (an object), found an array")
        #expect(loadError(#"{"a":1}"#)?.description.contains("no \"exportFormatVersion\"") == true)
        #expect(loadError(#"{"exportFormatVersion":2}"#)?.description.contains("no \"containerVersion\"") == true)
    }

    @Test func wrongFieldTypeNamesThePath() throws {
        let text = Fixtures.exportText(tags: [#"{"tagId":"1","name":"t","type":"html","firingTriggerId":"2147479553"}"#])
        #expect(loadError(text)?.description == "in.json: $.containerVersion.tag[0].firingTriggerId: expected an array of ids, found a string")
        let nested = Fixtures.exportText(tags: [#"{"tagId":"1","name":"t","type":"html","parameter":[{"type":"LIST","key":"l","list":[{"type":"MAP","map":[{"key":"k","value":[]}]}]}]}"#])
        #expect(loadError(nested)?.description == "in.json: $.containerVersion.tag[0].parameter[0].list[0].map[0].value: expected a string, found an array")
        let tags = Fixtures.exportText().replacingOccurrences(of: "\"container\": {", with: "\"tag\": {}, \"container\": {")
        #expect(loadError(tags)?.description.contains("$.containerVersion.tag: expected an array, found an object") == true)
    }

    @Test func fileErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gtm-bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.json")
        try Data(repeating: 0x20, count: 2048).write(to: big)
        #expect(throws: ContainerLoadError.self) { try ContainerLoader(maximumBytes: 1024).load(path: big.path) }
        do { _ = try ContainerLoader(maximumBytes: 1024).load(path: big.path) } catch {
            #expect(error.description.contains("over the 1024-byte limit"))
        }
        do { _ = try ContainerLoader().load(path: dir.appendingPathComponent("missing.json").path) } catch {
            #expect(error.description.hasSuffix("cannot read: no such file"))
        }
        do { _ = try ContainerLoader().load(path: dir.path) } catch {
            #expect(error.description.hasSuffix("cannot read: is a directory"))
        }
    }

    /// Many truncated and type-mangled variants of real exports: each gives a valid container or a
    /// clean error with a path that exists in (or leads into) the document — never a crash.
    @Test(arguments: Corpus.fileNames.filter { ["001", "004", "014", "022", "046", "061"].contains(where: $0.dropFirst(4).hasPrefix) || $0.hasPrefix("server/046") })
    func truncatedAndMangledVariantsFailCleanly(name: String) throws {
        let url = try #require(Corpus.url(name))
        let bytes = [UInt8](try Data(contentsOf: url))
        var generator = SplitMix64(seed: UInt64(bytes.count))
        var outcomes = (clean: 0, valid: 0)
        // Debug builds parse ~10x slower than release: fewer variants of the large files.
        let variants = bytes.count > 200_000 ? 60 : 300

        // Truncations at 300 spread-out points, including inside strings, numbers and escapes.
        for k in 0..<variants {
            let cut = Int(generator.next() % UInt64(bytes.count))
            let outcome = try decodeOutcome(Array(bytes[0..<(k == 0 ? 0 : cut)]))
            outcome ? (outcomes.valid += 1) : (outcomes.clean += 1)
        }
        // Type mangling: replace one value anywhere in the tree with a value of another kind.
        let document = try JSONParser().parse(bytes)
        let replacements: [JSONValue] = [.null, .bool(true), .number(JSONNumber(7)), .string("x"), .array([]), .object(JSONObject())]
        for _ in 0..<variants {
            let mangled = mangle(document, using: &generator, replacements: replacements)
            let outcome = try decodeOutcome(JSONWriter().bytes(of: mangled))
            outcome ? (outcomes.valid += 1) : (outcomes.clean += 1)
        }
        // Byte flips: a random byte replaced by structural characters or invalid UTF-8.
        for _ in 0..<variants {
            var copy = bytes
            let at = Int(generator.next() % UInt64(copy.count))
            copy[at] = [0x7B, 0x7D, 0x5B, 0x5D, 0x22, 0x2C, 0x3A, 0xFF, 0xC3, 0x00][Int(generator.next() % 10)]
            let outcome = try decodeOutcome(copy)
            outcome ? (outcomes.valid += 1) : (outcomes.clean += 1)
        }
        #expect(outcomes.clean > variants, "most variants should be rejected: \(outcomes)")
    }

    /// True for a valid container; false for a clean error; throws (fails the test) otherwise.
    private func decodeOutcome(_ bytes: [UInt8]) throws -> Bool {
        do {
            let container = try ContainerLoader().decode(bytes, path: "variant.json")
            _ = ContainerAnalysis(container)  // the analysis must not crash on odd but valid data
            return true
        } catch {
            let line = error.description
            #expect(line.hasPrefix("variant.json: $"), "error must name the file and a JSON path: \(line)")
            #expect(!line.contains("\n"), "error must be one line: \(line)")
            return false
        }
    }

    private func mangle(_ value: JSONValue, using generator: inout SplitMix64, replacements: [JSONValue]) -> JSONValue {
        // Walk a random path down the tree and replace the node where the walk stops.
        switch value {
        case .object(var object) where !object.members.isEmpty && generator.next() % 8 != 0:
            let i = Int(generator.next() % UInt64(object.members.count))
            object.members[i].value = mangle(object.members[i].value, using: &generator, replacements: replacements)
            return .object(object)
        case .array(var items) where !items.isEmpty && generator.next() % 8 != 0:
            let i = Int(generator.next() % UInt64(items.count))
            items[i] = mangle(items[i], using: &generator, replacements: replacements)
            return .array(items)
        default:
            return replacements[Int(generator.next() % UInt64(replacements.count))]
        }
    }
}
