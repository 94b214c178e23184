import _CryptoExtras
import Foundation
import LosslessJSON
@testable import TagManagerAPI
import Testing

/// The service-account JWT: its header and claims, and an RS256 signature the public key accepts.
struct ServiceAccountTests {
    private func decode(_ part: Substring) throws -> JSONValue {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return try JSONParser().parse(Array(try #require(Data(base64Encoded: text))))
    }

    private func signatureBytes(_ part: Substring) throws -> Data {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        return try #require(Data(base64Encoded: text))
    }

    @Test func theJWTCarriesTheRightClaimsAndAValidRS256Signature() throws {
        let key = try ServiceAccountKey(json: TestKeys.serviceAccountJSON(tokenURI: "https://oauth2.example.test/token"), source: "key.json")
        let issued = Date(timeIntervalSince1970: 1_790_000_000.7)
        let jwt = try ServiceAccountAssertion.make(key: key, issuedAt: issued)
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        try #require(parts.count == 3)
        #expect(!jwt.contains("=") && !jwt.contains("+") && !jwt.contains("/"))  // base64url without padding

        let header = try decode(parts[0])
        #expect(header["alg"] == "RS256")
        #expect(header["typ"] == "JWT")
        #expect(header["kid"]?.stringValue == key.privateKeyID)

        let claims = try decode(parts[1])
        #expect(claims["iss"]?.stringValue == TestKeys.clientEmail)
        #expect(claims["aud"] == "https://oauth2.example.test/token")
        #expect(claims["iat"] == 1_790_000_000)
        #expect(claims["exp"] == 1_790_003_600)
        let scopes = claims["scope"]?.stringValue?.split(separator: " ").map(String.init) ?? []
        #expect(scopes == ["https://www.googleapis.com/auth/tagmanager.edit.containers",
                           "https://www.googleapis.com/auth/tagmanager.edit.containerversions"])
        #expect(!scopes.contains { $0.contains("publish") })

        let publicKey = try TestKeys.privateKey.get().publicKey
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try signatureBytes(parts[2]))
        let signed = Array("\(parts[0]).\(parts[1])".utf8)
        #expect(publicKey.isValidSignature(signature, for: signed, padding: .insecurePKCS1v1_5))
        #expect(!publicKey.isValidSignature(signature, for: signed + [0x20], padding: .insecurePKCS1v1_5))
        #expect(!publicKey.isValidSignature(signature, for: signed, padding: .PSS))  // PKCS#1 v1.5, as RS256 requires
    }

    @Test func aKeyNeverPrintsItsPrivateKey() throws {
        let key = try ServiceAccountKey(json: TestKeys.serviceAccountJSON(tokenURI: "https://oauth2.example.test/token"), source: "key.json")
        let credentials = TagManagerCredentials.serviceAccount(key)
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(key)", "\(credentials)", String(reflecting: credentials), dumped] {
            #expect(!text.contains("PRIVATE KEY"), "\(text)")
            #expect(text.contains(TestKeys.clientEmail), "\(text)")
        }
        var dumpedToken = ""
        dump(TagManagerCredentials.accessToken("fixture-token-secret-value"), to: &dumpedToken)
        #expect(!dumpedToken.contains("secret-value"))
        #expect(!"\(TagManagerCredentials.accessToken("fixture-token-secret-value"))".contains("secret-value"))
    }

    @Test(arguments: [
        (#"{"type":"authorized_user","client_id":"x","refresh_token":"y"}"#, "authorized_user credential"),
        (#"{"type":"service_account","private_key":"x","token_uri":"https://t.test/token"}"#, "no \"client_email\""),
        (#"{"type":"service_account","client_email":"a@b.test"}"#, "no \"private_key\""),
        (#"{"type":"service_account","client_email":"a@b.test","private_key":"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}"#,
         "not an RSA private key"),
        (#"{"type":"external_account"}"#, "expected \"service_account\""),
        ("not json", "not a JSON object"),
    ])
    func badKeyFilesAreNamedWithTheReason(_ json: String, _ reason: String) {
        #expect {
            _ = try ServiceAccountKey(json: Array(json.utf8), source: "/etc/gtm/key.json")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("/etc/gtm/key.json: not a usable service-account key") && text.contains(reason)
        }
    }

    @Test func aMissingTokenURIDefaultsToGooglesEndpoint() throws {
        var json = try #require(try JSONParser().parse(TestKeys.serviceAccountJSON(tokenURI: "x")).objectValue)
        json["token_uri"] = nil
        let key = try ServiceAccountKey(json: JSONWriter().bytes(of: .object(json)), source: "key.json")
        #expect(key.tokenURI == "https://oauth2.googleapis.com/token")
    }
}
