import Foundation
import Testing
import TestSupport
@testable import GTMModel
@testable import LosslessJSON

/// Every real export in ../shared/corpus reads and writes back losslessly, and decodes.
@Suite struct CorpusRoundTripTests {
    @Test func corpusIsPresent() throws {
        try #require(!Corpus.files().isEmpty, Comment(rawValue: Corpus.missingMessage))
        #expect(Corpus.files().count >= 58)
    }

    @Test(arguments: Corpus.fileNames)
    func rewritingAnUnmodifiedExportGivesEqualJSON(name: String) throws {
        let url = try #require(Corpus.url(name))
        let bytes = [UInt8](try Data(contentsOf: url))
        let container = try ContainerLoader().decode(bytes, path: name)
        let written = container.exportBytes()
        // Equal by our parser (values, key order ignored) …
        #expect(try JSONParser().parse(written) == container.document)
        // … and by Foundation's independent parser, so a shared bug cannot hide a loss.
        let original = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? NSDictionary
        let rewritten = try JSONSerialization.jsonObject(with: Data(written), options: [.fragmentsAllowed]) as? NSDictionary
        #expect(original != nil && original == rewritten)
        // Key order is kept too, so a re-written export diffs cleanly.
        #expect(JSONWriter().bytes(of: try JSONParser().parse(written)) == JSONWriter().bytes(of: container.document))
    }

    @Test(arguments: Corpus.fileNames)
    func decodesTypedViewsMatchingTheManifest(name: String) throws {
        let url = try #require(Corpus.url(name))
        let container = try ContainerLoader().load(path: url.path)
        let manifest = try #require(CorpusManifest.row(for: name))
        #expect(container.tags.count == manifest.tags)
        #expect(container.triggers.count == manifest.triggers)
        #expect(container.variables.count == manifest.variables)
        #expect(container.usageContext == (name.hasPrefix("server/") ? .server : name.hasSuffix("-amp.json") ? .amp : .web))
    }

    @Test func the2015FormatKeepsItsVersionAndBuiltIns() throws {
        let url = try #require(Corpus.file("014"), Comment(rawValue: Corpus.missingMessage))
        let container = try ContainerLoader().load(path: url.path)
        #expect(container.exportFormatVersion.literal == "1.3")
        #expect(container.builtInVariables.map(\.name).contains("Page URL"))
        #expect(container.builtInVariables.map(\.name).contains("Event"))
        let text = String(decoding: container.exportBytes(), as: UTF8.self)
        #expect(text.contains("\"exportFormatVersion\": 1.3"))
    }
}

/// `MANIFEST.tsv`: the expected entity counts of each corpus file.
enum CorpusManifest {
    static func row(for name: String) -> (tags: Int, triggers: Int, variables: Int)? {
        guard let dir = Corpus.directory,
              let text = try? String(contentsOf: dir.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count > 8, cols[0] == name else { continue }
            guard let t = Int(cols[6]), let r = Int(cols[7]), let v = Int(cols[8]) else { return nil }
            return (t, r, v)
        }
        return nil
    }
}
