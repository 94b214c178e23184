import _CryptoExtras
import Foundation
import LosslessJSON

/// A Google service-account key file (`type: service_account`): who signs, with what, and where
/// the signed JWT is exchanged for an access token.
///
/// The private key stays inside: `description` and `dump` show the e-mail address and key id only.
public struct ServiceAccountKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `client_email`: the identity to add as a user on the GTM container (Edit permission).
    public let clientEmail: String
    /// `token_uri`, e.g. `https://oauth2.googleapis.com/token` (the JWT's audience too).
    public let tokenURI: String
    /// `private_key_id`, sent as the JWT header's `kid`.
    public let privateKeyID: String?
    let privateKey: _RSA.Signing.PrivateKey

    /// Google's token endpoint, for a key file that names none.
    public static let defaultTokenURI = "https://oauth2.googleapis.com/token"

    /// Reads a key file's JSON.
    /// - Parameter source: names the file in errors.
    /// - Throws: ``TagManagerConfigurationError/invalidServiceAccountKey(path:reason:)``: not JSON,
    ///   not a service-account key (an `authorized_user` file from `gcloud auth
    ///   application-default login` is named as such), a missing field, or a private key that is
    ///   not an RSA key in PEM.
    public init(json: [UInt8], source: String) throws {
        func invalid(_ reason: String) -> TagManagerConfigurationError { .invalidServiceAccountKey(path: source, reason: reason) }
        guard let document = try? JSONParser().parse(json), case .object(let object) = document else {
            throw invalid("not a JSON object")
        }
        let type = object["type"]?.stringValue
        if type == "authorized_user" {
            throw invalid("an authorized_user credential (gcloud auth application-default login), not a service-account key; "
                + "use \(TagManagerConfiguration.Variable.tokenCommand)='gcloud auth application-default print-access-token' instead")
        }
        if let type, type != "service_account" { throw invalid("\"type\" is \"\(type)\", expected \"service_account\"") }
        guard let email = object["client_email"]?.stringValue, !email.isEmpty else { throw invalid("no \"client_email\"") }
        guard let pem = object["private_key"]?.stringValue, !pem.isEmpty else { throw invalid("no \"private_key\"") }
        let tokenURI = object["token_uri"]?.stringValue ?? ServiceAccountKey.defaultTokenURI
        guard let url = URL(string: tokenURI), url.scheme == "https" || url.scheme == "http", url.host != nil else {
            throw invalid("\"token_uri\" is not an http(s) URL")
        }
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw invalid("\"private_key\" is not an RSA private key of 2048 bits or more in PEM")
        }
        clientEmail = email
        self.tokenURI = tokenURI
        privateKeyID = object["private_key_id"]?.stringValue
    }

    /// Reads and parses the key file at `path`.
    /// - Throws: ``TagManagerConfigurationError``.
    public init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TagManagerConfigurationError.unreadableServiceAccountKey(path: path)
        }
        try self.init(json: [UInt8](data), source: path)
    }

    public var description: String { "ServiceAccountKey(\(clientEmail), key id: \(privateKeyID ?? "none"), private key: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["clientEmail": clientEmail, "tokenURI": tokenURI]) }
}
