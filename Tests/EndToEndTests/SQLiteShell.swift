import Foundation
import TestSupport

/// Reads the database the way an operator does: `sqlite3 -readonly`, one row per line.
enum SQLiteShell {
    static func query(_ database: String, _ sql: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", "-bail", "-cmd", ".timeout 5000", database, sql]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ShellError(message: "sqlite3 failed: \(String(decoding: problem, as: UTF8.self)) for \(sql)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func scalar(_ database: String, _ sql: String) throws -> String {
        try query(database, sql).first ?? ""
    }

    struct ShellError: Error, CustomStringConvertible { var message: String; var description: String { message } }
}
