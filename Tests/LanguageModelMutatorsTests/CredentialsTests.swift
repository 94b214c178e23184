import TestSupport
import Foundation
import LanguageModelMutators
import Testing

/// Where keys come from, and that they never show.
struct CredentialsTests {
    static let secret = "fixture-secret-\(UUID().uuidString)"

    /// A temp directory with a credentials file of the given text and mode.
    private func withCredentialsFile<T>(_ text: String, mode: Int = 0o600, _ body: (String) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gtm-credentials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("credentials").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data(text.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return try body(file)
    }

    @Test func theEnvironmentWinsOverTheFile() throws {
        try withCredentialsFile("ANTHROPIC_API_KEY=from-file\n") { (file: String) throws in
            let credentials = Credentials(environment: ["ANTHROPIC_API_KEY": " \(Self.secret)\n"], file: file)
            #expect(try credentials.apiKey(named: Credentials.anthropicKeyName).secret == Self.secret)
        }
    }

    @Test func theFileIsReadWhenTheVariableIsUnsetOrEmpty() throws {
        let text = """
        # keys for gtm-autoresearch
        OPENAI_API_KEY = 'fixture-openai-quoted'

        export ANTHROPIC_API_KEY="\(Self.secret)"
        """
        try withCredentialsFile(text) { (file: String) throws in
            let credentials = Credentials(environment: ["ANTHROPIC_API_KEY": ""], file: file)
            #expect(try credentials.apiKey(named: "ANTHROPIC_API_KEY").secret == Self.secret)
            #expect(try credentials.apiKey(named: "OPENAI_API_KEY").secret == "fixture-openai-quoted")
        }
    }

    @Test func aSymlinkIsJudgedByTheFileItPointsTo() throws {
        try withCredentialsFile("ANTHROPIC_API_KEY=\(Self.secret)\n") { (file: String) throws in
            let link = file + "-link"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
            #expect(try Credentials(environment: [:], file: link).apiKey(named: "ANTHROPIC_API_KEY").secret == Self.secret)
        }
    }

    @Test func theDefaultFileIsUnderHome() {
        #expect(Credentials(environment: ["HOME": "/home/ana"]).file == "/home/ana/.config/gtm-autoresearch/credentials")
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func aFileOthersCanReadIsRefused(mode: Int) throws {
        try withCredentialsFile("ANTHROPIC_API_KEY=\(Self.secret)\n", mode: mode) { (file: String) throws in
            let error = #expect(throws: CredentialsError.self) { try Credentials(environment: [:], file: file).apiKey(named: "ANTHROPIC_API_KEY") }
            #expect(error == .insecureFile(path: file, mode: mode))
            let text = try #require(error?.description)
            #expect(text.contains(file))
            #expect(text.contains("mode 0" + String(mode, radix: 8)))
            #expect(text.contains("chmod 600"))
            #expect(!text.contains(Self.secret))
        }
    }

    @Test func aMissingKeyNamesBothPlacesItWasLookedFor() throws {
        try withCredentialsFile("OPENAI_API_KEY=other\n") { (file: String) throws in
            let error = #expect(throws: CredentialsError.self) { try Credentials(environment: [:], file: file).apiKey(named: "ANTHROPIC_API_KEY") }
            #expect(error?.description == "no ANTHROPIC_API_KEY: set the environment variable ANTHROPIC_API_KEY, or add a line ANTHROPIC_API_KEY=… to \(file) (chmod 600)")
        }
        let error = #expect(throws: CredentialsError.self) {
            try Credentials(environment: [:], file: "/nonexistent/credentials").apiKey(named: "OPENAI_API_KEY")
        }
        #expect(error == .missing(name: "OPENAI_API_KEY", file: "/nonexistent/credentials"))
    }

    @Test func aMalformedLineIsReportedByNumberWithoutQuotingIt() throws {
        try withCredentialsFile("# ok\n\(Self.secret)\n") { (file: String) throws in
            let error = #expect(throws: CredentialsError.self) { try Credentials(environment: [:], file: file).apiKey(named: "ANTHROPIC_API_KEY") }
            #expect(error == .malformed(path: file, line: 2))
            #expect(error?.description.contains(Self.secret) == false)
        }
    }

    @Test func aKeyNeverShowsItself() {
        let key = APIKey(Self.secret)
        var dumped = ""
        dump(key, to: &dumped)
        // A configuration printed whole must hide its key too.
        let configuration = AnthropicMutator.Configuration(apiKey: key)
        var dumpedConfiguration = ""
        dump(configuration, to: &dumpedConfiguration)
        let renderings = [
            key.description, key.debugDescription, "\(key)", String(describing: key), String(reflecting: key), dumped,
            "\(configuration)", String(reflecting: configuration), dumpedConfiguration, "\(Optional(key) as Any)",
        ]
        for text in renderings {
            #expect(!text.contains(Self.secret), "leaked: \(text)")
            #expect(!text.contains("SECRET"), "leaked: \(text)")
        }
        #expect(key.description == "<redacted API key>")
    }
}
