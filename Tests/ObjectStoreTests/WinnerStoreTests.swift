import TestSupport
import CurlHTTP
import Foundation
@testable import ObjectStore
import Testing

/// The winners' key layout and the names it refuses.
@Suite struct WinnerStoreTests {
    @Test func keysFollowTheLayout() throws {
        let night = try NightDate("2026-11-20")
        #expect(try WinnerStore.key(client: "acme", night: night, file: .winningConfig) == "clients/acme/2026-11-20/winning-config.json")
        #expect(try WinnerStore.key(client: "acme", night: night, file: .report) == "clients/acme/2026-11-20/report.html")
        #expect(try WinnerStore.key(client: "café-shop", night: night, file: .rounds) == "clients/café-shop/2026-11-20/rounds.jsonl")
    }

    @Test(arguments: ["", "a/b", "..", ".hidden", "a..b", "back\\slash", "with space", "line\nbreak", String(repeating: "x", count: 129)])
    func unsafeClientNamesAreRefused(_ client: String) throws {
        #expect(throws: WinnerStoreError.self) { try WinnerStore.key(client: client, night: NightDate("2026-11-20"), file: .report) }
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01/..", "../2026-01-01", "2026-01-0x", ""])
    func onlyRealDatesAreNights(_ text: String) {
        #expect(throws: WinnerStoreError.invalidNight(text)) { try NightDate(text) }
    }

    @Test func nightsSortByDate() throws {
        let nights = try ["2026-11-20", "2025-12-31", "2024-02-29"].map(NightDate.init)
        #expect(nights.sorted().map(\.description) == ["2024-02-29", "2025-12-31", "2026-11-20"])
    }

    @Test func uploadSendsTheWinningConfigLastAndNightsListsOnlyCompleteNights() async throws {
        let listing = """
            <ListBucketResult><IsTruncated>false</IsTruncated>\
            <Contents><Key>clients/acme/2026-11-19/report.html</Key><Size>1</Size></Contents>\
            <Contents><Key>clients/acme/2026-11-20/winning-config.json</Key><Size>1</Size></Contents>\
            <Contents><Key>clients/acme/2026-11-18/winning-config.json</Key><Size>1</Size></Contents>\
            <Contents><Key>clients/acme/notes/winning-config.json</Key><Size>1</Size></Contents>\
            <Contents><Key>clients/acme/2026-11-17/old/winning-config.json</Key><Size>1</Size></Contents>\
            </ListBucketResult>
            """
        let http = ScriptedHTTPClient([.status(200), .status(200), .status(200), .status(200, listing)])
        let configuration = try S3Configuration(endpoint: "https://h", bucket: "nightly",
                                                credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "b"))
        let store = WinnerStore(objects: S3Client(configuration: configuration, http: http))
        try await store.upload(client: "acme", night: NightDate("2026-11-20"),
                               files: [.winningConfig: [1], .report: [2], .rounds: [3]])
        let puts = await http.requests.map { ($0.url, $0.header("Content-Type")) }
        #expect(puts.map(\.0) == ["https://h/nightly/clients/acme/2026-11-20/report.html", "https://h/nightly/clients/acme/2026-11-20/rounds.jsonl",
                                  "https://h/nightly/clients/acme/2026-11-20/winning-config.json"])
        #expect(puts.map(\.1) == ["text/html; charset=utf-8", "application/x-ndjson", "application/json"])
        #expect(try await store.nights(client: "acme").map(\.description) == ["2026-11-18", "2026-11-20"])
        #expect(await http.requests.last?.url == "https://h/nightly?list-type=2&max-keys=1000&prefix=clients%2Facme%2F")
    }
}
