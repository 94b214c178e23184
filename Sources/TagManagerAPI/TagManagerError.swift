public import CurlHTTP

/// A GTM API request (or a deploy step) that failed: which operation, on which resource, what
/// Google said, and why no further attempt was made.
///
/// Its `description` is one line, e.g. `GTM API updateEntity
/// accounts/6/containers/7/workspaces/9/tags/12: HTTP 403 PERMISSION_DENIED
/// (insufficientPermissions): Request had insufficient authentication scopes. — the access
/// token needs the https://www.googleapis.com/auth/tagmanager.edit.containers scope; not
/// retried: HTTP 403 insufficientPermissions is not retryable`. It never contains an access
/// token: the client removes the token from anything the server echoed before building it.
public struct TagManagerError: Error, Sendable, CustomStringConvertible {
    /// The client operation that failed.
    public enum Operation: String, Sendable {
        case listWorkspaces, createWorkspace, listEntities, getEntity, createEntity, updateEntity, deleteEntity
        case enableBuiltInVariables, disableBuiltInVariables, quickPreview, getWorkspaceStatus
        case fetchAccessToken, runTokenCommand
        /// A deploy step that is not one request (choosing the workspace, checking ids).
        case deploy
    }

    /// What went wrong on the last attempt.
    public enum Failure: Sendable, Equatable {
        /// The service answered with this error status.
        case status(Int)
        /// No response arrived.
        case transport(HTTPError)
        /// A success status whose body is not what the API documents.
        case malformedResponse(status: Int, reason: String)
        /// Not sent, or not continued: the request or the state found is not one a staging
        /// deploy may act on (a write outside the workspace, two workspaces of the same name).
        case refused(reason: String)
        /// The configured token command failed.
        case tokenCommand(reason: String)
        /// The entity's fingerprint kept changing under the deploy; given up after this many updates.
        case fingerprintConflict(updates: Int)
    }

    /// What the client was doing.
    public var operation: Operation
    /// The API resource path (`accounts/…`), or the token endpoint's URL.
    public var path: String
    /// What went wrong on the last attempt.
    public var failure: Failure
    /// Google's canonical status (`PERMISSION_DENIED`, `RESOURCE_EXHAUSTED`, …).
    public var status: String?
    /// Google's error reason (`rateLimitExceeded`, `insufficientPermissions`, `invalid_grant`, …).
    public var reason: String?
    /// Google's message, on one line and shortened.
    public var message: String?
    /// What to do about it, when the client can tell (a missing scope or permission).
    public var hint: String?
    /// Requests sent, the first included (0 when refused before sending).
    public var attempts: Int
    /// Why no further attempt was made; `nil` when the retry budget ran out.
    public var notRetriedBecause: String?

    /// An error as the client reports it; ``description`` is its one line.
    public init(operation: Operation, path: String, failure: Failure, status: String? = nil, reason: String? = nil,
                message: String? = nil, hint: String? = nil, attempts: Int, notRetriedBecause: String? = nil)
    {
        self.operation = operation
        self.path = path
        self.failure = failure
        self.status = status
        self.reason = reason
        self.message = message
        self.hint = hint
        self.attempts = attempts
        self.notRetriedBecause = notRetriedBecause
    }

    /// Whether an update was refused because the entity changed since it was read (its
    /// fingerprint no longer matches). GTM documents only that a mismatch is rejected; Google's
    /// convention for a failed test-and-set is 409 `ABORTED`, older APIs answer 412, so both count.
    public var isFingerprintConflict: Bool {
        operation == .updateEntity && (failure == .status(409) || failure == .status(412))
    }

    /// Whether the resource does not exist (HTTP 404).
    public var isNotFound: Bool { failure == .status(404) }

    public var description: String {
        var text = "GTM API \(operation.rawValue) \(path): "
        switch failure {
        case .status(let code): text += "HTTP \(code)"
        case .transport(let error): text += error.description
        case .malformedResponse(let code, let reason): text += "HTTP \(code) with an unusable body: \(reason)"
        case .refused(let reason): text += "refused: \(reason)"
        case .tokenCommand(let reason): text += "the token command failed: \(reason)"
        case .fingerprintConflict(let updates):
            text += "the entity changed under the deploy \(updates) times (fingerprint conflict); someone else is editing the workspace"
        }
        if let status { text += " \(status)" }
        if let reason { text += " (\(reason))" }
        if let message, !message.isEmpty { text += ": \(message)" }
        if let hint { text += " — \(hint)" }
        switch failure {
        case .status, .transport:
            text += RetryPolicy.outcome(attempts: attempts, notRetriedBecause: notRetriedBecause)
        case .malformedResponse, .refused, .tokenCommand, .fingerprintConflict:
            break
        }
        return text
    }
}
