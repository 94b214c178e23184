import Foundation
import GTMModel
import Testing
import TestSupport
@testable import Scoring

@Suite struct NamingRulesTests {
    static func tag(_ id: String, _ name: String, type: String = "html") -> String {
        #"{"tagId":"\#(id)","name":"\#(name)","type":"\#(type)","firingTriggerId":["2147479553"]}"#
    }

    static func trigger(_ id: String, _ name: String, type: String = "PAGEVIEW") -> String {
        #"{"triggerId":"\#(id)","name":"\#(name)","type":"\#(type)"}"#
    }

    static func variable(_ id: String, _ name: String, type: String) -> String {
        #"{"variableId":"\#(id)","name":"\#(name)","type":"\#(type)"}"#
    }

    static func folder(_ id: String, _ name: String) -> String {
        #"{"folderId":"\#(id)","name":"\#(name)"}"#
    }

    // MARK: naming.duplicate_name

    @Test func duplicateNamesPerKind() throws {
        let c = try Fixtures.container(
            tags: [Self.tag("1", "GA4 - Event - purchase"), Self.tag("2", "GA4 - Event - purchase"), Self.tag("3", "GA4 - Event - purchase"),
                   Self.tag("4", "Meta - Pixel - Lead")],
            triggers: [Self.trigger("10", "GA4 - Event - purchase"), Self.trigger("11", "PV - Checkout")],
            variables: [Self.variable("20", "DLV - value", type: "v"), Self.variable("21", "DLV - value", type: "v")],
            folders: [Self.folder("30", "GA4"), Self.folder("31", "Meta")])
        let r = run(NamingRules.DuplicateName(), c)
        // A trigger may share a tag's name: kinds are separate.
        #expect(r.findings.map(\.entity.id) == ["2", "3", "21"])
        #expect(r.findings.map(\.entity.kind) == [.tag, .tag, .variable])
        #expect(r.findings.map(\.ref) == ["GA4 - Event - purchase", "GA4 - Event - purchase", "DLV - value"])
        // Every duplicate names the first entity with the name.
        #expect(r.findings.map(\.message).allSatisfy { $0.hasSuffix("id 1.") || $0.hasSuffix("id 20.") })
        #expect(r.findings.allSatisfy { $0.rule == "naming.duplicate_name" && $0.severity == .warning })
        #expect(r.checks == 10)
    }

    @Test func uniqueNamesPass() throws {
        let c = try Fixtures.container(tags: [Self.tag("1", "A - b"), Self.tag("2", "A - c")], folders: [Self.folder("30", "GA4")])
        let r = run(NamingRules.DuplicateName(), c)
        #expect(r.findings.isEmpty)
        #expect(r.checks == 3)
    }

    // MARK: naming.default_name

    @Test func defaultNamesAreFlagged() throws {
        let defaults = ["Untitled Tag", "Copy of GA4 - Event - purchase", "GA4 - Event - purchase copy", "Custom HTML 2", "Tag 3",
                        "New Tag", "Unnamed tag", "Meta - Pixel - Lead_import_1", "Custom HTML copy 2"]
        let fine = ["GA4 - Event - purchase", "Click - Copy", "Meta - Pixel - Lead 2024", "Custom HTML - Cookie banner",
                    "Meta_import_import_1", "Größe - Custom HTML"]
        let tags = (defaults + fine).enumerated().map { Self.tag(String($0.offset + 1), $0.element) }
        let c = try Fixtures.container(
            tags: tags,
            triggers: [Self.trigger("100", "Trigger 1"), Self.trigger("101", "DOM Ready")],
            variables: [Self.variable("200", "Variable 7", type: "v"), Self.variable("201", "Untitled Variable", type: "c")],
            folders: [Self.folder("300", "New Folder")])
        let r = run(NamingRules.DefaultName(), c)
        let flagged = r.findings.map(\.entity.name)
        #expect(flagged == defaults + ["Trigger 1", "Variable 7", "Untitled Variable", "New Folder"])
        #expect(r.findings.allSatisfy { $0.rule == "naming.default_name" && $0.severity == .warning })
        #expect(r.findings.first { $0.entity.name == "Trigger 1" }?.entity.kind == .trigger)
        #expect(r.checks == defaults.count + fine.count + 5)
    }

    // MARK: naming.tag_convention

    @Test func tagConventionCountsParts() throws {
        let c = try Fixtures.container(tags: [Self.tag("1", "GA4 - Event - purchase"), Self.tag("2", "purchase"),
                                              Self.tag("3", "GA4 | Event | purchase"), Self.tag("4", "Meta - Lead")])
        let r = run(NamingRules.TagConvention(), c)
        #expect(r.findings.map(\.entity.id) == ["2", "3"])
        #expect(r.findings.allSatisfy { $0.rule == "naming.tag_convention" && $0.severity == .info })
        #expect(r.checks == 4)

        let piped = run(NamingRules.TagConvention(), c, naming: NamingConvention(separator: " | ", tagParts: 3))
        #expect(piped.findings.map(\.entity.id) == ["1", "2", "4"])
    }

    // MARK: naming.variable_prefix

    @Test func variablePrefixByType() throws {
        let c = try Fixtures.container(variables: [
            Self.variable("1", "DLV - ecommerce.value", type: "v"),
            Self.variable("2", "dlv.ecommerce.items", type: "v"),
            Self.variable("3", "ecommerce.value", type: "v"),
            Self.variable("4", "Const - GA4 ID", type: "c"),
            Self.variable("5", "Currency", type: "c"),
            Self.variable("6", "CJS - items", type: "jsm"),
            Self.variable("7", "JSON items", type: "jsm"),
            Self.variable("8", "Unique Event ID", type: "cvt_1_2"),
            Self.variable("9", "UEID - event id", type: "cvt_1_2"),
            Self.variable("10", "Anything goes", type: "uv"),
            Self.variable("11", "[KBX] DLV - user id", type: "v"),
            Self.variable("12", "DLV", type: "v"),
            Self.variable("13", "02 - RegEx - Nome", type: "remm"),
            Self.variable("14", "1P Cookie - _fbp", type: "k"),
        ])
        let r = run(NamingRules.VariablePrefix(), c)
        #expect(r.findings.map(\.entity.id) == ["3", "5", "7", "8", "12"])
        #expect(r.findings.first?.ref == "DLV")
        #expect(r.findings.allSatisfy { $0.rule == "naming.variable_prefix" && $0.severity == .info && $0.entity.kind == .variable })
        #expect(r.checks == 13)
    }

    // MARK: naming.trigger_prefix

    @Test func triggerPrefixNeedsSeparator() throws {
        let c = try Fixtures.container(triggers: [Self.trigger("1", "CE - purchase", type: "CUSTOM_EVENT"), Self.trigger("2", "Click_Boliche", type: "CLICK")])
        let r = run(NamingRules.TriggerPrefix(), c)
        #expect(r.findings.map(\.entity.id) == ["2"])
        #expect(r.findings.first?.entity.kind == .trigger)
        #expect(r.findings.first?.severity == .info)
        #expect(r.checks == 2)
    }

    // MARK: naming.ga4_event_name

    @Test func ga4EventNames() throws {
        let long = String(repeating: "a", count: 41)
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - purchase", event: "purchase", triggers: ["2147479553"]),
            Fixtures.ga4EventTag(id: "2", name: "GA4 - Purchase", event: "Purchase", triggers: ["2147479553"]),
            Fixtures.ga4EventTag(id: "3", name: "GA4 - long", event: long, triggers: ["2147479553"]),
            Fixtures.ga4EventTag(id: "4", name: "GA4 - reserved", event: "google_purchase", triggers: ["2147479553"]),
            Fixtures.ga4EventTag(id: "5", name: "GA4 - dynamic", event: "{{DLV - event}}", triggers: ["2147479553"]),
            Fixtures.ga4EventTag(id: "6", name: "GA4 - spaced", event: "form submit", triggers: ["2147479553"]),
            Fixtures.ga4EventTag(id: "7", name: "GA4 - digits", event: "step_2_done", triggers: ["2147479553"]),
            Fixtures.ga4EventTag(id: "8", name: "GA4 - session", event: "session_start", triggers: ["2147479553"]),
        ])
        let r = run(NamingRules.GA4EventName(), c)
        #expect(r.findings.map(\.entity.id) == ["2", "3", "4", "6", "8"])
        #expect(r.findings.map(\.ref) == ["Purchase", long, "google_purchase", "form submit", "session_start"])
        #expect(r.findings.allSatisfy { $0.rule == "naming.ga4_event_name" && $0.severity == .warning })
        #expect(r.checks == 7)
    }

    @Test func fortyCharactersAreAllowed() throws {
        let c = try Fixtures.container(tags: [
            Fixtures.ga4EventTag(id: "1", name: "GA4 - x", event: String(repeating: "b", count: 40), triggers: ["2147479553"]),
        ])
        #expect(run(NamingRules.GA4EventName(), c).findings.isEmpty)
    }

    // MARK: byte-level patterns

    /// The byte-level result, or nil when the byte path declined the text.
    static func found<T>(_ verdict: NamingASCII.Verdict<T>) -> T? {
        if case .found(let value) = verdict { return value }
        return nil
    }

    /// Checks that the byte-level patterns agree with the `Character` ones on an ASCII name.
    static func expectSamePatterns(_ name: String, separators: [String], prefixLists: [[String]]) {
        #expect(found(NamingASCII.defaultNameReason(name)) == .some(NamingPatterns.unicodeDefaultNameReason(name)), "default name: \(name.debugDescription)")
        for separator in separators {
            for prefixes in prefixLists {
                #expect(found(NamingASCII.hasPrefix(name, prefixes, separator: separator)) == NamingPatterns.unicodeHasPrefix(name, prefixes, separator: separator),
                        "prefix \(prefixes) with \(separator.debugDescription): \(name.debugDescription)")
            }
            guard !separator.isEmpty else { continue }  // the rules never look for an empty separator
            #expect(found(NamingASCII.contains(name, separator: separator)) == name.contains(separator), "contains \(separator.debugDescription): \(name.debugDescription)")
            #expect(found(NamingASCII.partCount(name, separator: separator)) == NamingPatterns.parts(of: name, separator: separator).count,
                    "parts by \(separator.debugDescription): \(name.debugDescription)")
        }
    }

    /// Pieces of names that reach every branch of the patterns: placeholders, copies, imports, numbers,
    /// brackets, prefixes, separators, case and whitespace.
    static let namePieces = [
        "untitled", "Untitled", "unnamed", "no name", "No  Name", "copy", "Copy of ", "copy of", "(copy)", "_copy", " copy", "COPY",
        "_import_", "_IMPORT_", "import_", "new ", "New ", "tag", "Trigger", "variable", "folder", "custom html", "Custom HTML",
        "google analytics: ga4 event", "click", "1st party cookie", "(", ")", "(3)", "()", "2", "12", "007", "-", "_", " ", "  ", "\t",
        "\n", "\r\n", "\u{0B}", "\u{0C}", "[KBX]", "[", "]", "01", "01 -", "02.", "3)", "|", "/", ":", ".", "DLV", "dl", "Data Layer",
        "CJS", "JS", "Const", "C", "URL", "Cookie", "1P Cookie", "LT", "RegEx", "AEV", "Auto-Event", "GT", "Google Tag", " - ", " | ",
        "--", "Meta", "GA4", "purchase", "Lead", "x", "",
    ]

    static let probeSeparators = [" - ", " | ", "-", "--", " ", ""]

    @Test func bytePatternsAgreeWithCharacterPatterns() {
        var generator = SplitMix64(seed: 42)
        let prefixLists = Array(Set(NamingPatterns.variablePrefixes.values)).sorted { $0[0] < $1[0] }
        for name in ["", " ", "\t \n", "()", "(1)", "a_import_", "_import_1", "x_import_import_1", "copy", " copy", "1 copy", "new", "New  Tag"] {
            Self.expectSamePatterns(name, separators: Self.probeSeparators, prefixLists: prefixLists)
        }
        for _ in 0..<1500 {
            let name = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Self.namePieces.randomElement(using: &generator)! }.joined()
            guard !name.utf8.contains(UInt8(ascii: "\r")) else {
                #expect(Self.found(NamingASCII.defaultNameReason(name)) == nil, "CR: \(name.debugDescription)")
                continue
            }
            Self.expectSamePatterns(name, separators: Self.probeSeparators, prefixLists: prefixLists)
        }
    }

    @Test func nonASCIINamesTakeTheCharacterPath() {
        for name in ["Größe - Tag 2", "Custom HTML\u{A0}2", "Tag ²", "GA4 \u{2013} purchase", "Tag\r\n2"] {
            #expect(Self.found(NamingASCII.defaultNameReason(name)) == nil)
            #expect(Self.found(NamingASCII.partCount(name, separator: " - ")) == nil)
            #expect(Self.found(NamingASCII.hasPrefix(name, ["DLV"], separator: " - ")) == nil)
            #expect(Self.found(NamingASCII.contains(name, separator: " - ")) == nil)
        }
        // A non-ASCII separator: the Character path, whatever the name.
        #expect(Self.found(NamingASCII.contains("GA4 - purchase", separator: " \u{2013} ")) == nil)
        // Unicode whitespace and numbers count where the rules use Character properties.
        #expect(NamingPatterns.defaultNameReason("Custom\u{A0}HTML 2") != nil)
        #expect(NamingPatterns.defaultNameReason("Tag \u{0663}") != nil)  // ARABIC-INDIC DIGIT THREE
        #expect(NamingPatterns.partCount(of: "GA4 \u{2013} Event \u{2013} x", separator: " \u{2013} ") == 3)
    }

    @Test(.enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)), arguments: Corpus.fileNames)
    func bytePatternsAgreeOnCorpusNames(_ file: String) throws {
        let container = try ContainerLoader().load(path: try #require(Corpus.url(file)).path)
        func isSimple(_ name: String) -> Bool { name.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") } }
        let names = container.tags.map(\.name) + container.triggers.map(\.name) + container.folders.map(\.name)
        for name in names where isSimple(name) {
            Self.expectSamePatterns(name, separators: [" - ", " | "], prefixLists: [])
        }
        for variable in container.variables where isSimple(variable.name) {
            Self.expectSamePatterns(variable.name, separators: [" - "], prefixLists: NamingPatterns.variablePrefixes[variable.type].map { [$0] } ?? [])
        }
    }
}
