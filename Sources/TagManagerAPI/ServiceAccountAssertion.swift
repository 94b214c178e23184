import _CryptoExtras
import Foundation
import LosslessJSON

/// The signed JWT a service account trades for an access token (RFC 7523, Google's
/// "OAuth 2.0 for server to server applications").
///
/// Header `{"alg":"RS256","typ":"JWT","kid":…}`; claims `iss` (the account's e-mail), `scope`
/// (space-separated), `aud` (the token URI), `iat` and `exp` (at most an hour later); signed with
/// RSASSA-PKCS1-v1_5 over SHA-256. Every part is base64url without padding.
enum ServiceAccountAssertion {
    /// The scopes a deploy needs: entity edits, and `quick_preview` (which needs the
    /// container-versions scope). Never `tagmanager.publish`.
    static let scopes = [
        "https://www.googleapis.com/auth/tagmanager.edit.containers",
        "https://www.googleapis.com/auth/tagmanager.edit.containerversions",
    ]

    /// The compact JWT `header.claims.signature`.
    static func make(key: ServiceAccountKey, scopes: [String] = scopes, issuedAt: Date, lifetime: Int = 3600) throws -> String {
        var header: [JSONObject.Member] = [.init(key: "alg", value: "RS256"), .init(key: "typ", value: "JWT")]
        if let kid = key.privateKeyID { header.append(.init(key: "kid", value: .string(kid))) }
        let iat = Int(issuedAt.timeIntervalSince1970.rounded(.down))
        let claims: JSONValue = [
            "iss": .string(key.clientEmail), "scope": .string(scopes.joined(separator: " ")), "aud": .string(key.tokenURI),
            "iat": .number(JSONNumber(iat)), "exp": .number(JSONNumber(iat + min(lifetime, 3600))),
        ]
        let signingInput = base64URL(JSONWriter().bytes(of: .object(JSONObject(header)))) + "." + base64URL(JSONWriter().bytes(of: claims))
        let signature = try key.privateKey.signature(for: Array(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + base64URL(Array(signature.rawRepresentation))
    }

    /// Base64url without padding (RFC 7515 §2).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
