/// How the client gets an OAuth access token for the GTM API.
///
/// `description`, string interpolation and `dump` never show a token or a private key: a token
/// is shown as `<redacted>`, a service account by its e-mail address, a command by its text
/// (which is configuration, not a secret).
public enum TagManagerCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A ready access token (`ya29…`, about an hour's life). A 401 cannot be recovered from.
    case accessToken(String)
    /// A shell command that prints a token (`gcloud auth print-access-token`), run with
    /// `/bin/sh -c`; its output is trimmed. Run again after ``TagManagerConfiguration/tokenLifetime``
    /// and whenever the API answers 401.
    case tokenCommand(String)
    /// A service account: a JWT signed with its key (RS256) is exchanged for a token at its
    /// `token_uri`, scoped to `tagmanager.edit.containers` and `tagmanager.edit.containerversions`.
    case serviceAccount(ServiceAccountKey)

    public var description: String {
        switch self {
        case .accessToken: "access token <redacted>"
        case .tokenCommand(let command): "token command `\(command)`"
        case .serviceAccount(let key): "service account \(key.clientEmail)"
        }
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["credentials": description]) }

    /// Whether a rejected token can be replaced by asking again.
    var canRefresh: Bool {
        if case .accessToken = self { return false }
        return true
    }
}
