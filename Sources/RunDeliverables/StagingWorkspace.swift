import LosslessJSON

/// The local staging workspace of SPEC §6: one folder per client holding the winning container,
/// importable into GTM as is, and the history of every night that produced one.
///
/// ```
/// <root>/autoresearch-nightly/
///     container.json                  the latest winning export, byte for byte
///     workspace.json                  name, client, run, date, score, sha256, size
///     CHANGES.md                      the kept patches of that run
///     history/<date>-run<id>.json     each published container
///     history/index.jsonl             one line per published run, in first-publish order
/// ```
///
/// Every file is written atomically (temporary file, then rename), the index last, so an
/// interrupted publish leaves each file whole and the index naming only complete nights. Nothing
/// here talks to GTM: importing, and publishing a version, stay with a human.
public struct StagingWorkspace: Sendable {
    /// The workspace name, the same as the GTM workspace the API integration writes to. A constant
    /// on purpose: the loop must never be pointed at a workspace someone else uses.
    public static let workspaceName = "autoresearch-nightly"

    /// The folder that holds the workspace, e.g. `./out/<client>/staging`.
    public let root: String
    /// Always ``workspaceName``.
    public let name = StagingWorkspace.workspaceName

    public init(root: String) { self.root = root }

    /// `<root>/autoresearch-nightly`.
    public var directory: String { join(root, name) }

    /// Publishes a run's winning container as the workspace's current state and adds it to the history.
    ///
    /// Publishing the same client and run again (a resumed run, a re-run of the morning step)
    /// replaces its history entry instead of adding a second one.
    /// - Parameters:
    ///   - container: the export bytes, written unchanged.
    ///   - sha256: the container's SHA-256 in hex (the experiment log's content address).
    ///   - date: the night, `YYYY-MM-DD`; part of the history file name.
    ///   - summary: the `CHANGES.md` text (see ``ChangeSummary``).
    /// - Throws: ``StagingWorkspaceError`` for invalid arguments, a folder that cannot be created,
    ///   a file that cannot be written, or an index that is not this module's.
    @discardableResult
    public func publish(container: [UInt8], sha256: String, client: String, runId: Int64, date: String,
                        score: Double, summary: String) throws -> Entry
    {
        guard Self.isDate(date) else { throw StagingWorkspaceError.invalidDate(path: directory, date: date) }
        guard score.isFinite else { throw StagingWorkspaceError.invalidScore(path: directory, score: score) }
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy(\.isHexDigit) else {
            throw StagingWorkspaceError.invalidSHA256(path: directory, sha256: sha256)
        }
        let historyDirectory = join(directory, "history")
        try FileOperations.makeDirectory(historyDirectory)

        let entry = Entry(date: date, runId: runId, client: client, score: score, sha256: sha256,
                          bytes: container.count, file: "history/\(date)-run\(runId).json")
        var entries = try history()
        if let index = entries.firstIndex(where: { $0.client == client && $0.runId == runId }) {
            // Same place in the history. A copy saved under another date stays on disk, unreferenced.
            entries[index] = entry
        } else {
            entries.append(entry)
        }

        try FileOperations.writeAtomically(container, to: join(directory, entry.file))
        try FileOperations.writeAtomically(container, to: join(directory, "container.json"))
        try FileOperations.writeAtomically(Array(summary.utf8), to: join(directory, "CHANGES.md"))
        try FileOperations.writeAtomically(JSONWriter(layout: .pretty(indent: 2)).bytes(of: manifest(for: entry)) + [0x0A],
                                           to: join(directory, "workspace.json"))
        let index = entries.map { JSONWriter().string(of: $0.jsonValue) + "\n" }.joined()
        try FileOperations.writeAtomically(Array(index.utf8), to: indexPath)
        return entry
    }

    /// The published runs, oldest first; empty before the first publish.
    /// - Throws: ``StagingWorkspaceError`` when the index cannot be read or has a foreign line.
    public func history() throws -> [Entry] {
        let path = indexPath
        guard let bytes = try FileOperations.contents(of: path) else { return [] }
        var entries: [Entry] = []
        for (offset, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            entries.append(try Entry(line: line, path: path, lineNumber: offset + 1))
        }
        return entries
    }

    // MARK: - Layout

    private var indexPath: String { join(directory, "history/index.jsonl") }

    private func manifest(for entry: Entry) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(name)
        object["client"] = .string(entry.client)
        object["run"] = .number(JSONNumber(Int(entry.runId)))
        object["date"] = .string(entry.date)
        object["score"] = JSONNumber(entry.score).map(JSONValue.number) ?? .null
        object["sha256"] = .string(entry.sha256)
        object["bytes"] = .number(JSONNumber(entry.bytes))
        object["container"] = .string("container.json")
        object["history"] = .string(entry.file)
        object["changes"] = .string("CHANGES.md")
        return .object(object)
    }

    private func join(_ base: String, _ component: String) -> String {
        base.isEmpty ? component : base.hasSuffix("/") ? base + component : base + "/" + component
    }

    /// `YYYY-MM-DD` with a month 01–12 and a day 01–31.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digits.allSatisfy({ bytes[$0].isDecimalDigit }) else { return false }
        func number(_ a: Int, _ b: Int) -> Int { Int(bytes[a] - 0x30) * 10 + Int(bytes[b] - 0x30) }
        return (1...12).contains(number(5, 6)) && (1...31).contains(number(8, 9))
    }
}

extension UInt8 {
    fileprivate var isDecimalDigit: Bool { self >= 0x30 && self <= 0x39 }
    fileprivate var isHexDigit: Bool { isDecimalDigit || (self | 0x20 >= 0x61 && self | 0x20 <= 0x66) }
}
