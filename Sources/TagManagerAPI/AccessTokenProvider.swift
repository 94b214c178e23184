import CurlHTTP
import Foundation
import LosslessJSON

/// Hands out the current access token, fetching a new one when needed and when told the old one
/// was rejected.
///
/// A fixed token is given as is. A token command's output is kept for the configured lifetime; a
/// service account's token until a minute before its `expires_in`. Two callers needing a new
/// token at once may both fetch one; the later simply replaces the earlier.
actor AccessTokenProvider {
    private let credentials: TagManagerCredentials
    private let http: any HTTPClient
    private let retryPolicy: RetryPolicy
    private let requestTimeout: Duration
    private let commandTimeout: Duration
    private let commandLifetime: Duration
    private let now: @Sendable () -> Date
    private var current: (token: String, expires: Date)?

    init(configuration: TagManagerConfiguration, http: any HTTPClient, now: @escaping @Sendable () -> Date) {
        credentials = configuration.credentials
        self.http = http
        retryPolicy = configuration.retryPolicy
        requestTimeout = configuration.requestTimeout
        commandTimeout = configuration.tokenCommandTimeout
        commandLifetime = configuration.tokenLifetime
        self.now = now
    }

    /// Whether a rejected token can be replaced (not for a fixed token).
    nonisolated var canRefresh: Bool { credentials.canRefresh }

    /// A token that is believed valid.
    /// - Throws: ``TagManagerError`` when the token command fails or the token endpoint refuses.
    func token() async throws -> String {
        if let current, current.expires > now() { return current.token }
        let fresh: (String, Date)
        switch credentials {
        case .accessToken(let token):
            return token
        case .tokenCommand(let command):
            let token = try await TokenCommand(command: command, timeout: commandTimeout).run()
            fresh = (token, now().addingTimeInterval(RetryPolicy.seconds(commandLifetime)))
        case .serviceAccount(let key):
            fresh = try await exchange(key)
        }
        current = fresh
        return fresh.0
    }

    /// Forgets `token` after the API rejected it, so the next ``token()`` fetches a new one.
    func invalidate(_ token: String) {
        if current?.token == token { current = nil }
    }

    /// Trades a signed JWT for an access token at the key's token endpoint.
    private func exchange(_ key: ServiceAccountKey) async throws -> (String, Date) {
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            let assertion: String
            do {
                assertion = try ServiceAccountAssertion.make(key: key, issuedAt: now())
            } catch {
                throw TagManagerError(operation: .fetchAccessToken, path: key.tokenURI,
                                      failure: .refused(reason: "cannot sign the JWT with the service-account key (\(error))"), attempts: 0)
            }
            let body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)"
            let request = HTTPRequest(method: .post, url: key.tokenURI,
                                      headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                                      body: Array(body.utf8), timeout: requestTimeout)
            let response: HTTPResponse
            do {
                response = try await http.send(request)
            } catch let error as HTTPError {
                let decision = retryPolicy.decision(for: error)
                if case .retry = decision, attempt < retryPolicy.maxAttempts {
                    try await Task.sleep(for: retryPolicy.backoff(beforeRetry: attempt, using: &generator))
                    continue
                }
                throw TagManagerError(operation: .fetchAccessToken, path: key.tokenURI, failure: .transport(error), attempts: attempt,
                                      notRetriedBecause: decision.stopReason)
            }
            if (200..<300).contains(response.status) {
                guard let document = try? JSONParser().parse(response.body),
                      let token = document["access_token"]?.stringValue, !token.isEmpty
                else {
                    throw TagManagerError(operation: .fetchAccessToken, path: key.tokenURI,
                                          failure: .malformedResponse(status: response.status, reason: "no access_token"), attempts: attempt)
                }
                let lifetime = document["expires_in"]?.numberValue?.doubleValue ?? 3600
                return (token, now().addingTimeInterval(max(0, lifetime - 60)))
            }
            let reply = GoogleErrorBody(response: response)
            let decision = retryPolicy.decision(status: response.status, reason: reply.reason, headers: response.headers)
            if case .retry(let wait) = decision, attempt < retryPolicy.maxAttempts {
                try await Task.sleep(for: wait ?? retryPolicy.backoff(beforeRetry: attempt, using: &generator))
                continue
            }
            let hint = response.status == 400 || response.status == 401
                ? "check that the key for \(key.clientEmail) still exists (keys deleted in the Cloud console stop working) and that this machine's clock is right"
                : nil
            throw TagManagerError(operation: .fetchAccessToken, path: key.tokenURI, failure: .status(response.status), status: reply.status,
                                  reason: reply.reason, message: reply.message, hint: hint, attempts: attempt,
                                  notRetriedBecause: decision.stopReason)
        }
    }
}
