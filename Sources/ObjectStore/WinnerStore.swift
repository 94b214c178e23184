/// The product's versioned store of nightly results in S3-compatible storage (SPEC §6).
///
/// Layout: `clients/<client>/<YYYY-MM-DD>/` holding `winning-config.json`, `report.html`,
/// `rounds.jsonl` and `winner.json` (which run it was and its score, so a listing needs no
/// container download). Any night's best container can be fetched back to roll a client back to it.
public struct WinnerStore: Sendable {
    /// The files kept per client per night.
    public enum File: String, CaseIterable, Sendable {
        case winningConfig = "winning-config.json"
        case report = "report.html"
        case rounds = "rounds.jsonl"
        case manifest = "winner.json"

        /// The `Content-Type` stored with the object, so a browser opens the report as a page.
        public var contentType: String {
            switch self {
            case .winningConfig: "application/json"
            case .report: "text/html; charset=utf-8"
            case .rounds: "application/x-ndjson"
            case .manifest: "application/json"
            }
        }
    }

    public let objects: S3Client

    public init(objects: S3Client) { self.objects = objects }

    /// `clients/<client>/<night>/<file>`.
    /// - Throws: ``WinnerStoreError`` for a client name that is not a safe folder name.
    public static func key(client: String, night: NightDate, file: File) throws -> String {
        try folder(client: client) + "\(night)/\(file.rawValue)"
    }

    /// Uploads a night's files, `winning-config.json` last.
    ///
    /// The winning config is what ``nights(client:)`` looks for, so a night appears only once
    /// every file given has been stored: an upload cut short is retried, never half-listed.
    /// - Throws: ``WinnerStoreError``, ``S3Error``.
    public func upload(client: String, night: NightDate, files: [File: [UInt8]]) async throws {
        for file in File.allCases.filter({ $0 != .winningConfig }) + [.winningConfig] {
            guard let bytes = files[file] else { continue }
            try await objects.putObject(key: WinnerStore.key(client: client, night: night, file: file), bytes: bytes,
                                        contentType: file.contentType)
        }
    }

    /// The nights that have a winning config for `client`, oldest first.
    ///
    /// Keys under the client's folder that do not follow the layout are ignored.
    /// - Throws: ``WinnerStoreError``, ``S3Error``.
    public func nights(client: String) async throws -> [NightDate] {
        let prefix = try WinnerStore.folder(client: client)
        var nights = Set<NightDate>()
        for object in try await objects.listObjects(prefix: prefix) {
            let rest = object.key.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
            guard rest.count == 2, rest[1] == File.winningConfig.rawValue, let night = try? NightDate(String(rest[0])) else { continue }
            nights.insert(night)
        }
        return nights.sorted()
    }

    /// The bytes of one night's file.
    /// - Throws: ``WinnerStoreError``; ``S3Error`` (``S3Error/isNotFound`` when that night or
    ///   file was never uploaded).
    public func download(client: String, night: NightDate, file: File) async throws -> [UInt8] {
        try await objects.getObject(key: WinnerStore.key(client: client, night: night, file: file))
    }

    /// `clients/<client>/`, after checking that the name is one folder name and nothing more.
    static func folder(client: String) throws -> String {
        let reason: String? =
            if client.isEmpty { "it is empty" }
            else if client.count > 128 { "it is longer than 128 characters" }
            else if client.contains("/") || client.contains("\\") { "it contains a slash" }
            else if client.hasPrefix(".") || client.contains("..") { "it starts with a dot or contains \"..\"" }
            else if client.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " || $0.properties.isWhitespace }) {
                "it contains whitespace or a control character"
            } else { nil }
        if let reason { throw WinnerStoreError.invalidClient(client, reason: reason) }
        return "clients/\(client)/"
    }
}
