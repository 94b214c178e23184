public import CurlHTTP
import Foundation

/// How to reach the GTM API v2 for a staging deploy: endpoint, credentials, the container to
/// write to, pacing, retries and timeouts.
///
/// The workspace name is not here: it is the constant ``TagManagerClient/workspaceName``.
public struct TagManagerConfiguration: Sendable {
    /// The API root, ending in `/`: `https://tagmanager.googleapis.com/tagmanager/v2/`, or a
    /// local stand-in in tests.
    public let baseURL: String
    /// Deploy to `accounts/{accountId}/containers/{containerId}` instead of the ids the container
    /// export names. Both or neither.
    public let accountId: String?
    public let containerId: String?
    /// Where access tokens come from.
    public var credentials: TagManagerCredentials
    /// The least time between two request starts: 4 s keeps one deploy within the API's
    /// 0.25 requests per second per project.
    public var requestInterval: Duration
    /// Attempts and backoff for failed requests (default ``RetryPolicy/tagManager``).
    public var retryPolicy: RetryPolicy
    /// The longest one request may take.
    public var requestTimeout: Duration
    /// The longest the token command may run.
    public var tokenCommandTimeout: Duration
    /// How long a token from the token command is used before the command runs again (a
    /// `gcloud` token lives an hour). A 401 re-runs it sooner.
    public var tokenLifetime: Duration
    /// How many times an update is re-read and sent again when the entity's fingerprint changed
    /// under it, before the deploy gives up.
    public var maxFingerprintRetries: Int
    /// A Cloud project to bill the quota to (`X-Goog-User-Project`), for user tokens from
    /// `gcloud auth application-default`; `nil` for a service account's own project.
    public var quotaProject: String?

    /// The public API root.
    public static let defaultBaseURL = "https://tagmanager.googleapis.com/tagmanager/v2/"

    /// - Throws: ``TagManagerConfigurationError`` for a base URL that is not `http(s)` without a
    ///   query, or account/container ids that are not both set (or both unset) and path-safe.
    public init(credentials: TagManagerCredentials, baseURL: String = TagManagerConfiguration.defaultBaseURL,
                accountId: String? = nil, containerId: String? = nil, requestInterval: Duration = .seconds(4),
                retryPolicy: RetryPolicy = .tagManager, requestTimeout: Duration = .seconds(60),
                tokenCommandTimeout: Duration = .seconds(60), tokenLifetime: Duration = .seconds(3300),
                maxFingerprintRetries: Int = 3, quotaProject: String? = nil) throws
    {
        guard let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host?.isEmpty == false,
              components.query == nil, components.fragment == nil, components.user == nil
        else {
            throw TagManagerConfigurationError.invalidBaseURL(baseURL, reason: "expected http(s)://host[:port]/path/ with no query or user")
        }
        switch (accountId, containerId) {
        case (nil, nil): break
        case (let account?, let container?):
            if !ContainerPath.isSafeID(account) { throw TagManagerConfigurationError.invalidIdentifier(variable: Variable.accountId, value: account) }
            if !ContainerPath.isSafeID(container) { throw TagManagerConfigurationError.invalidIdentifier(variable: Variable.containerId, value: container) }
        case (_?, nil): throw TagManagerConfigurationError.incompleteOverride(set: Variable.accountId, missing: Variable.containerId)
        case (nil, _?): throw TagManagerConfigurationError.incompleteOverride(set: Variable.containerId, missing: Variable.accountId)
        }
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.accountId = accountId
        self.containerId = containerId
        self.credentials = credentials
        self.requestInterval = requestInterval
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.tokenCommandTimeout = tokenCommandTimeout
        self.tokenLifetime = tokenLifetime
        self.maxFingerprintRetries = max(0, maxFingerprintRetries)
        self.quotaProject = quotaProject
    }

    /// Names of the environment variables ``init(environment:)`` reads.
    public enum Variable {
        /// The API root (default ``TagManagerConfiguration/defaultBaseURL``).
        public static let baseURL = "GTM_AUTORESEARCH_GTM_API_URL"
        /// Account and container id overrides (default: the export's own).
        public static let accountId = "GTM_AUTORESEARCH_GTM_ACCOUNT_ID"
        public static let containerId = "GTM_AUTORESEARCH_GTM_CONTAINER_ID"
        /// A ready OAuth access token.
        public static let accessToken = "GTM_AUTORESEARCH_GTM_ACCESS_TOKEN"
        /// A command printing an access token, e.g. `gcloud auth print-access-token`.
        public static let tokenCommand = "GTM_AUTORESEARCH_GTM_TOKEN_COMMAND"
        /// The path of a service-account JSON key file.
        public static let serviceAccountKey = "GTM_AUTORESEARCH_GTM_SERVICE_ACCOUNT_KEY"
        /// Google's usual key-file variable; a fallback credential only (see ``TagManagerConfiguration/init(environment:)``).
        public static let googleApplicationCredentials = "GOOGLE_APPLICATION_CREDENTIALS"
        /// Seconds between request starts (default 4; decimals allowed).
        public static let requestInterval = "GTM_AUTORESEARCH_GTM_REQUEST_INTERVAL"
        /// Seconds one request may take (default 60).
        public static let requestTimeout = "GTM_AUTORESEARCH_GTM_REQUEST_TIMEOUT"
        /// The Cloud project user tokens bill their quota to (`X-Goog-User-Project`).
        public static let quotaProject = "GTM_AUTORESEARCH_GTM_QUOTA_PROJECT"
    }

    /// The configuration the environment describes; `nil` when GTM is not configured at all.
    ///
    /// GTM counts as configured when any of `GTM_AUTORESEARCH_GTM_ACCESS_TOKEN`,
    /// `GTM_AUTORESEARCH_GTM_TOKEN_COMMAND`, `GTM_AUTORESEARCH_GTM_SERVICE_ACCOUNT_KEY`,
    /// `GTM_AUTORESEARCH_GTM_API_URL`, `GTM_AUTORESEARCH_GTM_ACCOUNT_ID` or
    /// `GTM_AUTORESEARCH_GTM_CONTAINER_ID` is set. Credentials are exactly one of the first
    /// three; `GOOGLE_APPLICATION_CREDENTIALS` is used when GTM is configured and none of them
    /// is, but does not turn the deploy on by itself (machines set it for other Google APIs).
    /// `GTM_AUTORESEARCH_GTM_REQUEST_INTERVAL`, `GTM_AUTORESEARCH_GTM_REQUEST_TIMEOUT` and
    /// `GTM_AUTORESEARCH_GTM_QUOTA_PROJECT` tune a configured deploy and do not turn it on. The caller passes the environment in (only `@main` reads the
    /// process's own). A service-account key file is read and checked here, so a bad key fails
    /// before any request.
    /// - Throws: ``TagManagerConfigurationError`` for a half or contradictory configuration.
    public init?(environment: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let raw = environment[name] else { return nil }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        let switches = [Variable.accessToken, Variable.tokenCommand, Variable.serviceAccountKey, Variable.baseURL,
                        Variable.accountId, Variable.containerId]
        let set = switches.filter { value($0) != nil }
        guard !set.isEmpty else { return nil }

        let given = [Variable.accessToken, Variable.tokenCommand, Variable.serviceAccountKey].filter { value($0) != nil }
        if given.count > 1 { throw TagManagerConfigurationError.conflictingCredentials(given) }
        let credentials: TagManagerCredentials
        if let token = value(Variable.accessToken) {
            credentials = .accessToken(token)
        } else if let command = value(Variable.tokenCommand) {
            credentials = .tokenCommand(command)
        } else if let path = value(Variable.serviceAccountKey) ?? value(Variable.googleApplicationCredentials) {
            credentials = .serviceAccount(try ServiceAccountKey(contentsOfFile: path))
        } else {
            throw TagManagerConfigurationError.missingCredentials(setVariables: set)
        }

        func seconds(_ name: String, default fallback: Duration, allowZero: Bool) throws -> Duration {
            guard let text = value(name) else { return fallback }
            guard let number = Double(text), number.isFinite, number > 0 || (allowZero && number == 0), number < 86_400 else {
                throw TagManagerConfigurationError.invalidDuration(variable: name, value: text)
            }
            return .milliseconds(Int64((number * 1000).rounded()))
        }
        try self.init(credentials: credentials, baseURL: value(Variable.baseURL) ?? TagManagerConfiguration.defaultBaseURL,
                      accountId: value(Variable.accountId), containerId: value(Variable.containerId),
                      requestInterval: try seconds(Variable.requestInterval, default: .seconds(4), allowZero: true),
                      requestTimeout: try seconds(Variable.requestTimeout, default: .seconds(60), allowZero: false),
                      quotaProject: value(Variable.quotaProject))
    }
}
