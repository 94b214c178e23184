import Foundation
import LosslessJSON
@testable import RunDeliverables
import Testing

@Suite struct StagingWorkspaceTests {
    static let shaA = String(repeating: "0123456789abcdef", count: 4)
    static let shaB = String(repeating: "fedcba9876543210", count: 4)

    /// Bytes a JSON re-encoder would change (spacing, key order, a trailing space), to prove they are not re-encoded.
    static func container(_ tag: String) -> [UInt8] {
        Array("{\n    \"exportFormatVersion\": 2,  \"containerVersion\": {\"tag\": [{\"name\": \"\(tag)\"}]} }\r\n \u{0}".utf8)
    }

    private func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    @Test func nameIsTheConstantWorkspace() {
        #expect(StagingWorkspace(root: "x").name == "autoresearch-nightly")
        #expect(StagingWorkspace.workspaceName == "autoresearch-nightly")
        #expect(StagingWorkspace(root: "out/acme/staging").directory == "out/acme/staging/autoresearch-nightly")
    }

    @Test func publishWritesTheWinningContainerUnchanged() throws {
        try withTemporaryDirectory { temp in
            let root = temp.appendingPathComponent("out/acme/staging")
            let workspace = StagingWorkspace(root: root.path)
            let container = Self.container("GA4 - purchase")
            let entry = try workspace.publish(container: container, sha256: Self.shaA, client: "acme", runId: 7, date: "2026-03-01",
                                              score: 0.734, summary: "# Changes\n")
            let folder = root.appendingPathComponent("autoresearch-nightly")
            #expect(try bytes(folder.appendingPathComponent("container.json")) == container)
            #expect(try bytes(folder.appendingPathComponent("history/2026-03-01-run7.json")) == container)
            #expect(try bytes(folder.appendingPathComponent("CHANGES.md")) == Array("# Changes\n".utf8))
            #expect(entry == StagingWorkspace.Entry(date: "2026-03-01", runId: 7, client: "acme", score: 0.734, sha256: Self.shaA,
                                                    bytes: container.count, file: "history/2026-03-01-run7.json"))
            #expect(try workspace.history() == [entry])

            let manifest = try JSONParser().parse(try bytes(folder.appendingPathComponent("workspace.json")))
            #expect(manifest.objectValue?.keys == ["name", "client", "run", "date", "score", "sha256", "bytes", "container", "history", "changes"])
            #expect(manifest["name"] == "autoresearch-nightly" && manifest["client"] == "acme" && manifest["run"] == 7)
            #expect(manifest["sha256"] == .string(Self.shaA) && manifest["score"]?.numberValue?.doubleValue == 0.734)
            #expect(manifest["bytes"] == .number(JSONNumber(container.count)))

            // Every write went through a temporary file that is gone now.
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                + FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("history").path)
            #expect(names.sorted() == ["2026-03-01-run7.json", "CHANGES.md", "container.json", "history", "index.jsonl", "workspace.json"])
        }
    }

    @Test func publishingTheSameRunTwiceKeepsOneIndexLine() throws {
        try withTemporaryDirectory { temp in
            let workspace = StagingWorkspace(root: temp.path)
            try workspace.publish(container: Self.container("a"), sha256: Self.shaA, client: "acme", runId: 7, date: "2026-03-01",
                                  score: 0.70, summary: "first")
            try workspace.publish(container: Self.container("b"), sha256: Self.shaB, client: "acme", runId: 7, date: "2026-03-01",
                                  score: 0.72, summary: "second")
            let index = try String(contentsOf: temp.appendingPathComponent("autoresearch-nightly/history/index.jsonl"), encoding: .utf8)
            #expect(index.split(separator: "\n").count == 1)
            #expect(index == #"{"date":"2026-03-01","run":7,"client":"acme","score":0.72,"sha256":"\#(Self.shaB)","bytes":\#(Self.container("b").count),"file":"history/2026-03-01-run7.json"}"# + "\n")
            let history = try workspace.history()
            #expect(history.map(\.score) == [0.72] && history.map(\.sha256) == [Self.shaB])
            #expect(try bytes(temp.appendingPathComponent("autoresearch-nightly/container.json")) == Self.container("b"))
        }
    }

    @Test func twoNightsAreTwoEntries() throws {
        try withTemporaryDirectory { temp in
            let workspace = StagingWorkspace(root: temp.path)
            try workspace.publish(container: Self.container("monday"), sha256: Self.shaA, client: "acme", runId: 7, date: "2026-03-02",
                                  score: 0.70, summary: "monday")
            try workspace.publish(container: Self.container("tuesday"), sha256: Self.shaB, client: "acme", runId: 8, date: "2026-03-03",
                                  score: 0.75, summary: "tuesday")
            let history = try workspace.history()
            #expect(history.map(\.runId) == [7, 8] && history.map(\.date) == ["2026-03-02", "2026-03-03"])
            let folder = temp.appendingPathComponent("autoresearch-nightly")
            #expect(try bytes(folder.appendingPathComponent("history/2026-03-02-run7.json")) == Self.container("monday"))
            #expect(try bytes(folder.appendingPathComponent("history/2026-03-03-run8.json")) == Self.container("tuesday"))
            #expect(try bytes(folder.appendingPathComponent("container.json")) == Self.container("tuesday"))
            #expect(try bytes(folder.appendingPathComponent("CHANGES.md")) == Array("tuesday".utf8))
            // Re-publishing the first night (a rollback) updates it in place and keeps the order.
            try workspace.publish(container: Self.container("monday"), sha256: Self.shaA, client: "acme", runId: 7, date: "2026-03-02",
                                  score: 0.70, summary: "monday")
            #expect(try workspace.history().map(\.runId) == [7, 8])
            #expect(try bytes(folder.appendingPathComponent("container.json")) == Self.container("monday"))
        }
    }

    @Test func historyIsEmptyBeforeTheFirstPublish() throws {
        try withTemporaryDirectory { temp in
            let history = try StagingWorkspace(root: temp.path).history()
            #expect(history.isEmpty)
        }
    }

    /// Root ignores permission bits, so this runs only as an ordinary user.
    @Test(.enabled(if: geteuid() != 0)) func readOnlyDirectoryGivesAClearError() throws {
        try withTemporaryDirectory { temp in
            let root = temp.appendingPathComponent("staging")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: root.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path) }
            let workspace = StagingWorkspace(root: root.path)
            let expected = StagingWorkspaceError.cannotCreateDirectory(path: root.path + "/autoresearch-nightly", reason: "Permission denied")
            #expect(throws: expected) {
                try workspace.publish(container: Self.container("a"), sha256: Self.shaA, client: "acme", runId: 1, date: "2026-03-01",
                                      score: 0.5, summary: "")
            }
            #expect(expected.description == "\(root.path)/autoresearch-nightly: cannot create directory (Permission denied)")
        }
    }

    /// A read-only file in the way fails even for root: the error names the file that could not be replaced.
    @Test func unwritablePathsGiveAClearError() throws {
        try withTemporaryDirectory { temp in
            // The root is a regular file: no folder can be made inside it.
            let file = temp.appendingPathComponent("staging")
            try Data("x".utf8).write(to: file)
            let blocked = StagingWorkspace(root: file.path)
            #expect(throws: StagingWorkspaceError.cannotCreateDirectory(path: file.path, reason: "a file of that name is in the way")) {
                try blocked.publish(container: Self.container("a"), sha256: Self.shaA, client: "acme", runId: 1, date: "2026-03-01",
                                    score: 0.5, summary: "")
            }
            // container.json is a directory: the rename over it fails and names it.
            let workspace = StagingWorkspace(root: temp.appendingPathComponent("ok").path)
            try FileManager.default.createDirectory(atPath: workspace.directory + "/container.json/inner", withIntermediateDirectories: true)
            do {
                try workspace.publish(container: Self.container("a"), sha256: Self.shaA, client: "acme", runId: 1, date: "2026-03-01",
                                      score: 0.5, summary: "")
                Issue.record("publish over a directory succeeded")
            } catch let error as StagingWorkspaceError {
                guard case .cannotWrite(let path, _) = error else { Issue.record("unexpected \(error)"); return }
                #expect(path == workspace.directory + "/container.json")
                #expect(error.description.hasPrefix(workspace.directory + "/container.json: cannot write ("))
            }
            // Nothing was indexed for the failed publish.
            #expect(try workspace.history().isEmpty)
        }
    }

    @Test func argumentsThatWouldMakeBadFilesAreRefused() throws {
        try withTemporaryDirectory { temp in
            let workspace = StagingWorkspace(root: temp.path)
            for date in ["2026-3-01", "../../etc", "2026-13-01", "2026-03-00", "2026/03/01", "20260301xx"] {
                #expect(throws: StagingWorkspaceError.invalidDate(path: workspace.directory, date: date)) {
                    try workspace.publish(container: [], sha256: Self.shaA, client: "c", runId: 1, date: date, score: 0.5, summary: "")
                }
            }
            #expect(throws: StagingWorkspaceError.invalidScore(path: workspace.directory, score: .infinity)) {
                try workspace.publish(container: [], sha256: Self.shaA, client: "c", runId: 1, date: "2026-03-01", score: .infinity, summary: "")
            }
            #expect(throws: StagingWorkspaceError.invalidSHA256(path: workspace.directory, sha256: "sha256:abc")) {
                try workspace.publish(container: [], sha256: "sha256:abc", client: "c", runId: 1, date: "2026-03-01", score: 0.5, summary: "")
            }
            #expect(!FileManager.default.fileExists(atPath: workspace.directory))
        }
    }

    @Test func aForeignIndexLineIsReportedWithItsLineNumber() throws {
        try withTemporaryDirectory { temp in
            let workspace = StagingWorkspace(root: temp.path)
            try workspace.publish(container: Self.container("a"), sha256: Self.shaA, client: "acme", runId: 1, date: "2026-03-01",
                                  score: 0.5, summary: "")
            let index = workspace.directory + "/history/index.jsonl"
            let handle = try #require(FileHandle(forWritingAtPath: index))
            handle.seekToEndOfFile()
            handle.write(Data("{\"date\":\"2026-03-02\",\"run\":\"two\"}\n".utf8))
            handle.closeFile()
            do {
                _ = try workspace.history()
                Issue.record("a foreign line was accepted")
            } catch let error as StagingWorkspaceError {
                #expect(error == .corruptIndex(path: index, line: 2, reason: "\"run\" is not an integer"))
                #expect(error.description == "\(index):2: not a history entry (\"run\" is not an integer)")
            }
        }
    }

    @Test func parentPaths() {
        #expect(FileOperations.parentPath(of: "a/b/c.json") == "a/b")
        #expect(FileOperations.parentPath(of: "/c.json") == "/")
        #expect(FileOperations.parentPath(of: "c.json") == "")
        #expect(FileOperations.parentPath(of: "a/b/") == "a")
    }
}
