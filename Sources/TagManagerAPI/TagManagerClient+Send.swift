import CurlHTTP
import Foundation
import LosslessJSON

/// One GTM exchange: check the request, wait for the pacer, attach a token, send, retry what is
/// worth retrying, and turn a final error reply into ``TagManagerError``.
extension TagManagerClient {
    /// `request`, sent until it succeeds (2xx) or the policy gives up; the reply's JSON
    /// (`null` for an empty body).
    func send(_ request: TagManagerRequest) async throws -> JSONValue {
        if let refusal = request.refusal {
            throw TagManagerError(operation: request.operation, path: request.path, failure: .refused(reason: refusal), attempts: 0)
        }
        let url = configuration.baseURL + request.path + TagManagerClient.queryString(request.query)
        let body = request.body.map { JSONWriter().bytes(of: $0) } ?? []
        let policy = configuration.retryPolicy
        var generator = SystemRandomNumberGenerator()
        var refreshedToken = false
        return try await policy.retrying(using: &generator) { attempt in
            let token = try await tokens.token()
            try await pacer.waitForTurn()
            var headers: [(name: String, value: String)] = [("Authorization", "Bearer \(token)"), ("Accept", "application/json")]
            if !body.isEmpty { headers.append(("Content-Type", "application/json")) }
            if let project = configuration.quotaProject { headers.append(("X-Goog-User-Project", project)) }
            let response: HTTPResponse
            do {
                response = try await http.send(HTTPRequest(method: request.method, url: url, headers: headers, body: body,
                                                           timeout: configuration.requestTimeout))
            } catch let error as HTTPError {
                return .failure(policy.decision(for: error)) { reason in
                    TagManagerError(operation: request.operation, path: request.path, failure: .transport(error), attempts: attempt,
                                    notRetriedBecause: reason)
                }
            }

            if (200..<300).contains(response.status) {
                if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .success(.null) }
                let json: JSONValue
                do { json = try JSONParser().parse(response.body) } catch let error as JSONSyntaxError {
                    throw TagManagerError(operation: request.operation, path: request.path,
                                          failure: .malformedResponse(status: response.status, reason: "not JSON: \(error.reason)"), attempts: attempt)
                }
                return .success(json)
            }

            let reply = GoogleErrorBody(response: response)
            // A rejected token from a command or a service account is fetched again, once per
            // request, without using up an attempt: it expired, nothing else is wrong.
            if response.status == 401, tokens.canRefresh, !refreshedToken {
                refreshedToken = true
                await tokens.invalidate(token)
                return .again
            }
            let hint = hint(for: response.status, reply: reply, request: request)
            return .failure(policy.decision(status: response.status, reason: reply.reason, headers: response.headers)) { reason in
                TagManagerError(operation: request.operation, path: request.path, failure: .status(response.status),
                                status: reply.status, reason: reply.reason, message: reply.message.map { redacting(token, in: $0) },
                                hint: hint, attempts: attempt, notRetriedBecause: reason)
            }
        }
    }

    /// ``send(_:)`` for replies that must be a JSON object.
    func sendForObject(_ request: TagManagerRequest) async throws -> JSONObject {
        if case .object(let object) = try await send(request) { return object }
        throw TagManagerError(operation: request.operation, path: request.path,
                              failure: .malformedResponse(status: 200, reason: "expected a JSON object"), attempts: 1)
    }

    /// `?name=value&…`, each part percent-encoded (all but `A-Z a-z 0-9 - . _ ~`).
    static func queryString(_ query: [(name: String, value: String)]) -> String {
        guard !query.isEmpty else { return "" }
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
        return "?" + query.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
    }

    private func redacting(_ token: String, in text: String) -> String {
        token.count >= 8 ? text.replacingOccurrences(of: token, with: "<redacted>") : text
    }

    /// What the operator can do about a refusal, when the status and reason say.
    private func hint(for status: Int, reply: GoogleErrorBody, request: TagManagerRequest) -> String? {
        let identity: String
        switch configuration.credentials {
        case .serviceAccount(let key): identity = "the service account \(key.clientEmail)"
        case .accessToken, .tokenCommand: identity = "the account the token belongs to"
        }
        let reason = reply.reason ?? ""
        let message = reply.message?.lowercased() ?? ""
        switch status {
        case 401:
            if case .accessToken = configuration.credentials {
                return "\(TagManagerConfiguration.Variable.accessToken) was rejected (tokens last about an hour); set "
                    + "\(TagManagerConfiguration.Variable.tokenCommand) instead so a fresh one can be fetched"
            }
            return "the token was rejected even after fetching a new one"
        case 403 where reason == "insufficientPermissions" || reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT" || message.contains("scope"):
            let scope = request.operation == .quickPreview ? "tagmanager.edit.containerversions"
                : request.method == .get ? "tagmanager.edit.containers (or tagmanager.readonly for a dry run)" : "tagmanager.edit.containers"
            return "the access token needs the https://www.googleapis.com/auth/\(scope) scope"
        case 403 where reason == "accessNotConfigured" || reason == "SERVICE_DISABLED":
            return "enable the Tag Manager API in the token's Cloud project (APIs & Services → Library → Tag Manager API)"
        case 403 where !RetryPolicy.googleRateLimitReasons.contains(reason) && reason != "dailyLimitExceeded":
            return "\(identity) needs Edit permission on the container (Tag Manager → Admin → User Management); Publish is not needed"
        case 404 where request.operation == .listWorkspaces:
            return "no such container for this account: check the export's accountId/containerId or "
                + "\(TagManagerConfiguration.Variable.accountId)/\(TagManagerConfiguration.Variable.containerId)"
        default:
            return nil
        }
    }
}
