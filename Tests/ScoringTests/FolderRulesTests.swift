import GTMModel
import Testing
import TestSupport
@testable import Scoring

@Suite struct FolderRulesTests {
    static func htmlTag(_ id: String, _ name: String, code: String = "<script>fbq('track','Lead')</script>", folder: String? = nil,
                        notes: String? = nil, paused: Bool = false) -> String
    {
        var extra = ""
        if let folder { extra += #","parentFolderId":"\#(folder)""# }
        if let notes { extra += #","notes":"\#(notes)""# }
        if paused { extra += #","paused":true"# }
        return #"{"tagId":"\#(id)","name":"\#(name)","type":"html","parameter":[\#(Fixtures.param("html", code))],"firingTriggerId":["2147479553"]\#(extra)}"#
    }

    static func variable(_ id: String, _ name: String, type: String = "v", folder: String? = nil, notes: String? = nil) -> String {
        var extra = ""
        if let folder { extra += #","parentFolderId":"\#(folder)""# }
        if let notes { extra += #","notes":"\#(notes)""# }
        return #"{"variableId":"\#(id)","name":"\#(name)","type":"\#(type)"\#(extra)}"#
    }

    static func folder(_ id: String, _ name: String) -> String {
        #"{"folderId":"\#(id)","name":"\#(name)"}"#
    }

    // MARK: folders.unfoldered

    @Test func unfolderedOnlyWhenTheContainerUsesFolders() throws {
        let c = try Fixtures.container(
            tags: [Self.htmlTag("1", "Meta - Lead", folder: "90"), Self.htmlTag("2", "Meta - Purchase")],
            triggers: [Fixtures.customEventTrigger(id: "10", name: "CE - purchase", event: "purchase")],
            variables: [Self.variable("20", "DLV - value", folder: "90")],
            folders: [Self.folder("90", "Meta")])
        let r = run(FolderRules.Unfoldered(), c)
        #expect(r.findings.map(\.entity.id) == ["2", "10"])
        #expect(r.findings.map(\.entity.kind) == [.tag, .trigger])
        #expect(r.findings.allSatisfy { $0.rule == "folders.unfoldered" && $0.severity == .info })
        #expect(r.checks == 4)
    }

    @Test func smallRecipesWithoutFoldersAreNotJudged() throws {
        let small = try Fixtures.container(tags: (1...5).map { Self.htmlTag(String($0), "Meta - \($0)") },
                                           variables: (20...24).map { Self.variable(String($0), "DLV - \($0)") })
        #expect(run(FolderRules.Unfoldered(), small).checks == 0)
        let large = try Fixtures.container(tags: (1...5).map { Self.htmlTag(String($0), "Meta - \($0)") },
                                           variables: (20...25).map { Self.variable(String($0), "DLV - \($0)") }
                                               + [Self.variable("26", "DLV - 26", folder: "90")],
                                           folders: [])
        let r = run(FolderRules.Unfoldered(), large)
        #expect(r.checks == 12)
        #expect(r.findings.count == 11)
    }

    // MARK: folders.empty_folder

    @Test func emptyFolders() throws {
        let c = try Fixtures.container(tags: [Self.htmlTag("1", "Meta - Lead", folder: "90")],
                                       folders: [Self.folder("90", "Meta"), Self.folder("91", "Old vendor")])
        let r = run(FolderRules.EmptyFolder(), c)
        #expect(r.findings.map(\.entity.id) == ["91"])
        #expect(r.findings.first?.entity.kind == .folder)
        #expect(r.findings.first?.severity == .warning)
        #expect(r.checks == 2)
    }

    // MARK: folders.dangling_folder

    @Test func danglingFolderIds() throws {
        let c = try Fixtures.container(tags: [Self.htmlTag("1", "Meta - Lead", folder: "90"), Self.htmlTag("2", "Meta - Purchase", folder: "77")],
                                       variables: [Self.variable("20", "DLV - value", folder: "78"), Self.variable("21", "DLV - currency")],
                                       folders: [Self.folder("90", "Meta")])
        let r = run(FolderRules.DanglingFolder(), c)
        #expect(r.findings.map(\.entity.id) == ["2", "20"])
        #expect(r.findings.map(\.ref) == ["77", "78"])
        #expect(r.findings.allSatisfy { $0.rule == "folders.dangling_folder" && $0.severity == .error })
        #expect(r.checks == 3)
    }

    @Test func danglingFolderIdsOfEveryKind() throws {
        let c = try Fixtures.container(
            triggers: [#"{"triggerId":"5","name":"CE - purchase","type":"CUSTOM_EVENT","parentFolderId":"79"}"#],
            folders: [Self.folder("90", "Server")],
            clients: [#"{"clientId":"30","name":"GA4 client","type":"gaaw_client","parentFolderId":"80"}"#,
                      #"{"clientId":"31","name":"Data client","type":"cvt_1_2","parentFolderId":"90"}"#],
            transformations: [#"{"transformationId":"40","name":"Drop IP","type":"tf_exclude_params","parentFolderId":"81"}"#],
            usageContext: "SERVER")
        let r = run(FolderRules.DanglingFolder(), c)
        #expect(r.findings.map(\.entity.id) == ["5", "30", "40"])
        #expect(r.findings.map(\.entity.kind) == [.trigger, .client, .transformation])
        #expect(r.findings.map(\.message) == [
            "The trigger \"CE - purchase\" is in folder id 79, which does not exist.",
            "The client \"GA4 client\" is in folder id 80, which does not exist.",
            "The transformation \"Drop IP\" is in folder id 81, which does not exist.",
        ])
        #expect(r.checks == 4)
    }

    // MARK: folders.mixed_vendor_folder

    @Test func mixedVendorFolders() throws {
        let c = try Fixtures.container(
            tags: [
                Self.htmlTag("1", "Meta - Lead", folder: "90"),
                Fixtures.ga4EventTag(id: "2", name: "GA4 - purchase", event: "purchase", triggers: ["2147479553"])
                    .replacingFirst(#""type":"gaawe""#, with: #""type":"gaawe","parentFolderId":"90""#),
                Self.htmlTag("3", "Meta - Purchase", folder: "91"),
                Self.htmlTag("4", "Util - listener", code: "<script>document.addEventListener('click', function(){})</script>", folder: "91"),
                Self.htmlTag("5", "TikTok - old", code: "<script>ttq.track('Purchase')</script>", folder: "91", paused: true),
            ],
            folders: [Self.folder("90", "Marketing"), Self.folder("91", "Meta"), Self.folder("92", "Empty")])
        let r = run(FolderRules.MixedVendorFolder(), c)
        #expect(r.findings.map(\.entity.id) == ["90"])
        #expect(r.findings.first?.ref == "ga4,meta")
        #expect(r.findings.first?.entity.kind == .folder)
        #expect(r.findings.first?.severity == .info)
        #expect(r.checks == 2)
    }

    // MARK: folders.code_without_notes

    @Test func codeWithoutNotes() throws {
        let c = try Fixtures.container(
            tags: [Self.htmlTag("1", "Meta - Lead", notes: "Meta pixel lead; owner: marketing"), Self.htmlTag("2", "Meta - Purchase"),
                   Self.htmlTag("3", "Meta - View", notes: "  "),
                   Fixtures.ga4EventTag(id: "4", name: "GA4 - purchase", event: "purchase", triggers: ["2147479553"])],
            variables: [Self.variable("20", "CJS - items", type: "jsm"), Self.variable("21", "CJS - total", type: "jsm", notes: "Sums items"),
                        Self.variable("22", "DLV - value")])
        let r = run(FolderRules.CodeWithoutNotes(), c)
        #expect(r.findings.map(\.entity.id) == ["2", "3", "20"])
        #expect(r.findings.map(\.entity.kind) == [.tag, .tag, .variable])
        #expect(r.findings.allSatisfy { $0.rule == "folders.code_without_notes" && $0.severity == .info })
        #expect(r.checks == 5)
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var result = self
        result.replaceSubrange(range, with: replacement)
        return result
    }
}
