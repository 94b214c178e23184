import ArgumentParser
import Foundation

/// Reports bad input data the way every subcommand does: one line per problem on stderr, then
/// exit status 65 (EX_DATAERR).
enum InputDataError {
    static let exitCode = ExitCode(65)

    static func report(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}

/// Reads a whole small file (a weights, plan or account-state file), as bytes.
func readConfigurationFile(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        InputDataError.report("\(path): cannot read: \(FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file")")
        throw InputDataError.exitCode
    }
    return [UInt8](data)
}
