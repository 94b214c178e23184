public import LosslessJSON
public import Testing

/// What every fixture test asserts about the traffic the client sent.
public enum JournalChecks {
    /// The API requests that change something.
    public static func writes(_ journal: [JSONObject]) -> [JSONObject] {
        journal.filter { $0["kind"] == "api" && $0["method"] != "GET" }
    }

    /// No version was created and nothing published; every write is inside `workspacePath` or
    /// creates the workspace named autoresearch-nightly; every API request carried a bearer token.
    public static func expectStagingOnly(_ journal: [JSONObject], workspacePath: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for entry in journal where entry["kind"] == "api" {
            let method = entry["method"]?.stringValue ?? "", path = entry["path"]?.stringValue ?? ""
            #expect(!path.contains("create_version") && !path.contains(":publish") && !path.contains("/versions"),
                    "\(method) \(path)", sourceLocation: sourceLocation)
            #expect(entry["authorization"]?.stringValue?.hasPrefix("Bearer ") == true, "\(method) \(path) had no bearer token",
                    sourceLocation: sourceLocation)
            guard method != "GET" else { continue }
            let createsTheWorkspace = method == "POST" && path.hasSuffix("/workspaces") && workspacePath.hasPrefix(path + "/")
                && entry["body"]?["name"] == "autoresearch-nightly"
            let inside = path.hasPrefix(workspacePath + "/") || path == workspacePath + ":quick_preview"
            #expect(createsTheWorkspace || inside, "a write outside \(workspacePath): \(method) \(path)", sourceLocation: sourceLocation)
        }
    }

    /// `method path` of each write, the workspace prefix cut off, for exact comparisons.
    public static func writeSummary(_ journal: [JSONObject], workspacePath: String) -> [String] {
        writes(journal).map { entry in
            let path = entry["path"]?.stringValue ?? ""
            let short = path.hasPrefix(workspacePath) ? String(path.dropFirst(workspacePath.count)) : path
            return "\(entry["method"]?.stringValue ?? "") \(short) \(entry["status"]?.identifierText ?? "")"
        }
    }
}
