import Foundation

/// Finds API keys: first in the environment, then in a credentials file only its owner can read.
///
/// The file holds `NAME=value` lines (`export NAME=value` and quoted values are accepted, `#`
/// starts a comment). The environment is passed in, never read here, so the CLI decides what the
/// process environment is and tests can substitute their own.
public struct Credentials: Sendable {
    /// The variables to look in, e.g. `ProcessInfo.processInfo.environment`.
    public var environment: [String: String]
    /// The credentials file.
    public var file: String

    /// The environment variable for each provider's key.
    public static let anthropicKeyName = "ANTHROPIC_API_KEY"
    public static let openAIKeyName = "OPENAI_API_KEY"

    /// - Parameter file: defaults to ``defaultFile(environment:)``.
    public init(environment: [String: String], file: String? = nil) {
        self.environment = environment
        self.file = file ?? Credentials.defaultFile(environment: environment)
    }

    /// `$HOME/.config/gtm-autoresearch/credentials`.
    public static func defaultFile(environment: [String: String]) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".config/gtm-autoresearch/credentials").path
    }

    /// The key stored under `name` (``anthropicKeyName``, ``openAIKeyName``, …).
    ///
    /// A non-empty environment variable wins. Otherwise the file is consulted, after checking
    /// that neither its group nor others can read it.
    /// - Throws: ``CredentialsError``.
    public func apiKey(named name: String) throws -> APIKey {
        if let value = environment[name] {
            let key = APIKey(value)
            if !key.isEmpty { return key }
        }
        // The mode that matters is the target's: a symlink's own mode is always 0777.
        let target = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: target) else {
            throw CredentialsError.missing(name: name, file: file)
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else { throw CredentialsError.insecureFile(path: file, mode: mode) }
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: target)), as: UTF8.self)
        } catch {
            throw CredentialsError.unreadable(path: file, reason: (error as NSError).localizedDescription)
        }
        guard let value = try Credentials.value(of: name, in: text, path: file), !value.isEmpty else {
            throw CredentialsError.missing(name: name, file: file)
        }
        return value
    }

    /// The last `name=value` assignment in the file's text, as a key.
    static func value(of name: String, in text: String, path: String) throws -> APIKey? {
        var found: APIKey?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)) }
            guard let equals = line.firstIndex(of: "=") else { throw CredentialsError.malformed(path: path, line: index + 1) }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !key.contains(where: \.isWhitespace) else { throw CredentialsError.malformed(path: path, line: index + 1) }
            guard key == name else { continue }
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            found = APIKey(value)
        }
        return found
    }
}
