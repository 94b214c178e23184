public import Foundation

/// The public GTM export corpus in `../shared/corpus` (beside the repository), read in place.
///
/// Set `GTM_CORPUS_DIR` to use another copy. Tests that need it call ``files()`` and skip with
/// ``missingMessage`` when it is absent, so the suite still runs on a machine without it.
public enum Corpus {
    /// The repository root, derived from this file's path.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The corpus directory, if present.
    public static var directory: URL? {
        let candidates = [ProcessInfo.processInfo.environment["GTM_CORPUS_DIR"].map { URL(fileURLWithPath: $0) },
                          repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("MANIFEST.tsv").path) }
    }

    public static let missingMessage = "corpus not found at ../shared/corpus (set GTM_CORPUS_DIR): corpus tests skipped"

    /// Every `*.json` export under `web/` and `server/`, sorted by path.
    public static func files() -> [URL] {
        guard let directory else { return [] }
        var result: [URL] = []
        for sub in ["web", "server"] {
            let dir = directory.appendingPathComponent(sub)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            result += names.filter { $0.hasSuffix(".json") }.map { dir.appendingPathComponent($0) }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// One corpus file by its name prefix, e.g. `"004"`.
    public static func file(_ prefix: String) -> URL? {
        files().first { $0.lastPathComponent.hasPrefix(prefix) }
    }

    /// File names for `@Test(arguments:)` (empty when the corpus is absent).
    public static var fileNames: [String] { files().map { $0.deletingLastPathComponent().lastPathComponent + "/" + $0.lastPathComponent } }

    /// The URL of a name from ``fileNames``.
    public static func url(_ name: String) -> URL? { directory?.appendingPathComponent(name) }
}
