import Foundation
import GRDB
import Testing
import TestSupport
@testable import ExperimentLog

@Suite struct BlobStoreTests {
    @Test(.enabled(if: Corpus.directory != nil, Comment(rawValue: Corpus.missingMessage)))
    func corpusExportsRoundTripByteEqualAndSmaller() throws {
        try LogFixtures.withLog { log, _ in
            for url in Corpus.files() {
                let bytes = [UInt8](try Data(contentsOf: url))
                let sha = try log.storeBlob(bytes)
                #expect(sha == ExperimentLog.sha256Hex(bytes))
                #expect(try log.blob(sha) == bytes, "\(url.lastPathComponent)")
                let stored = try #require(try log.pool.read {
                    try Row.fetchOne($0, sql: "SELECT size, length(data) AS compressed, encoding FROM blobs WHERE sha256 = ?", arguments: [sha])
                })
                #expect(stored["size"] == bytes.count)
                #expect(stored["encoding"] == "zstd")
                #expect((stored["compressed"] as Int) < bytes.count / 2, "\(url.lastPathComponent): JSON should compress well")
            }
        }
    }

    @Test(arguments: [0, 1, 100, 70_000, 1_000_000])
    func generatedBytesRoundTrip(count: Int) throws {
        try LogFixtures.withLog { log, _ in
            let json = Array(LogFixtures.container(seed: UInt64(count), entities: count / 200 + 1).prefix(count))
            let noise = LogFixtures.noise(count: count, seed: UInt64(count))
            for bytes in [json, noise] {
                let sha = try log.storeBlob(bytes)
                #expect(try log.blob(sha) == bytes)
            }
        }
    }

    @Test func storingTheSameBytesTwiceKeepsOneRow() throws {
        try LogFixtures.withLog { log, _ in
            let bytes = LogFixtures.container(seed: 9)
            let first = try log.storeBlob(bytes)
            let second = try log.storeBlob(bytes)
            #expect(first == second)
            #expect(try LogFixtures.scalar(log, "SELECT count(*) FROM blobs", as: Int.self) == 1)
        }
    }

    @Test func anAbsentBlobIsNilAndAMalformedKeyIsAnError() throws {
        try LogFixtures.withLog { log, _ in
            let absent = try log.blob(String(repeating: "a", count: 64))
            #expect(absent == nil)
            #expect(throws: ExperimentLogError.invalidSHA("ABC")) { try log.blob("ABC") }
            #expect(throws: ExperimentLogError.invalidSHA(String(repeating: "A", count: 64))) { try log.blob(String(repeating: "A", count: 64)) }
        }
    }

    @Test func sha256MatchesTheStandardVector() {
        #expect(ExperimentLog.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ExperimentLog.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// Each way a stored blob can go bad, and the substring its error must contain.
    enum Damage: String, CaseIterable {
        case otherBytesSameSize, truncated, notZstd, wrongSize, unknownEncoding
    }

    @Test(arguments: Damage.allCases)
    func corruptedDataIsAnErrorNeverGarbage(damage: Damage) throws {
        try LogFixtures.withLog { log, _ in
            let bytes = LogFixtures.container(seed: 5)
            let sha = try log.storeBlob(bytes)
            try log.pool.write { db in
                switch damage {
                case .otherBytesSameSize:
                    var other = bytes
                    other[10] ^= 0x01
                    try db.execute(sql: "UPDATE blobs SET data = ?", arguments: [Data(try Zstd.compress(other))])
                case .truncated:
                    try db.execute(sql: "UPDATE blobs SET data = substr(data, 1, length(data) - 9)")
                case .notZstd:
                    try db.execute(sql: "UPDATE blobs SET data = ?", arguments: [Data(bytes)])
                case .wrongSize:
                    try db.execute(sql: "UPDATE blobs SET size = size + 1")
                case .unknownEncoding:
                    try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                    try db.execute(sql: "UPDATE blobs SET encoding = 'gzip'")
                    try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
                }
            }
            let error = try #require(throws: ExperimentLogError.self) { try log.blob(sha) }
            guard case .corruptBlob(let named, let reason) = error else { Issue.record("expected corruptBlob, got \(error)"); return }
            #expect(named == sha)
            #expect(!reason.isEmpty && !error.description.contains("\n"), "\(error)")
        }
    }

    @Test func zstdChecksTheExpectedSize() throws {
        let bytes = LogFixtures.container(seed: 4)
        let frame = try Zstd.compress(bytes, level: 19)
        #expect(frame.count < bytes.count)
        #expect(try Zstd.decompress(frame, expectedSize: bytes.count) == bytes)
        #expect(throws: ZstdError.sizeMismatch(expected: bytes.count - 1, actual: bytes.count)) {
            try Zstd.decompress(frame, expectedSize: bytes.count - 1)
        }
        #expect(throws: ZstdError.notAFrame) { try Zstd.decompress(bytes, expectedSize: bytes.count) }
        let error = try #require(throws: ZstdError.self) { try Zstd.decompress(Array(frame.dropLast(5)), expectedSize: bytes.count) }
        guard case .decompressionFailed(let name) = error else { Issue.record("expected decompressionFailed, got \(error)"); return }
        #expect(!name.isEmpty)  // ZSTD_getErrorName's text
    }
}
