import Crypto
import Foundation

/// Blob keys: the SHA-256 of the uncompressed bytes, as 64 lowercase hex digits.
enum BlobKey {
    static func of(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func isValid(_ key: String) -> Bool {
        key.utf8.count == 64 && key.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }  // 0-9, a-f
    }
}

/// A container ready to store: hashed and compressed before the write transaction opens, so the
/// write lock is held for an insert, not for compressing megabytes of JSON.
struct PreparedBlob: Sendable {
    let sha256: String
    let size: Int
    /// One zstd frame.
    let compressed: Data

    init(_ bytes: [UInt8], level: Int32) throws {
        sha256 = BlobKey.of(bytes)
        size = bytes.count
        compressed = Data(try Zstd.compress(bytes, level: level))
    }
}
