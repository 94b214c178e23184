import _CryptoExtras
import Foundation
import LosslessJSON
import TagManagerAPI

/// An RSA key pair made for this test run (no key is committed anywhere), and service-account
/// key files around it.
enum TestKeys {
    /// Generated once per test process: 2048-bit generation takes a moment.
    static let privateKey = Result { try _RSA.Signing.PrivateKey(keySize: .bits2048) }

    static let clientEmail = "gtm-deployer@autoresearch-tests.iam.gserviceaccount.com"

    /// The JSON of a key file as the Cloud console writes it (PKCS#8 PEM, `token_uri`).
    static func serviceAccountJSON(tokenURI: String, type: String = "service_account") throws -> [UInt8] {
        let key: JSONValue = [
            "type": .string(type), "project_id": "autoresearch-tests",
            "private_key_id": .string(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")),
            "private_key": .string(try privateKey.get().pkcs8PEMRepresentation), "client_email": .string(clientEmail),
            "client_id": "100000000000000000001", "token_uri": .string(tokenURI),
        ]
        return JSONWriter(layout: .pretty(indent: 2)).bytes(of: key)
    }

    /// The public half, PEM (SubjectPublicKeyInfo), for the fixture's signature check.
    static var publicKeyPEM: String {
        get throws { try privateKey.get().publicKey.pemRepresentation }
    }
}

/// A temporary directory removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gtm-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// A second key, for a signature that must not verify.
enum _RSAKeyForTests {
    static func otherPublicKeyPEM() throws -> String {
        try _RSA.Signing.PrivateKey(keySize: .bits2048).publicKey.pemRepresentation
    }
}
