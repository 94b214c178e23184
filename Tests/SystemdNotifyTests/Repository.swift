import Foundation
import TestSupport

/// Paths in this repository and scratch directories for the tests.
enum Repository {
    /// The package root, found from this file's location (Tests/SystemdNotifyTests/…).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let unitsDirectory = root.appendingPathComponent("systemd")
    static let installScript = root.appendingPathComponent("Scripts/install-systemd").path

    /// The three unit files systemd/ ships.
    static let unitNames = ["gtm-autoresearch.target", "gtm-autoresearch-scheduler.service", "gtm-autoresearch-worker@.service",
                             "gtm-autoresearch-deliver.service"]
}

/// Runs `body` with a new empty temporary directory, removed afterwards.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sdn-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}
