import CurlHTTP
import LosslessJSON
import Mutation

/// Sends one model request under a ``RetryPolicy`` and parses the successful body.
///
/// Shared by every provider, so retry and backoff live in one place (STYLE §8). Usage is added up
/// over all attempts whose body reported any, so a retried call is charged for what it consumed.
struct RetryingSender: Sendable {
    var http: any HTTPClient
    var policy: RetryPolicy
    var provider: String
    var key: APIKey

    struct Reply {
        var json: JSONValue
        var status: Int
        var usage: Usage
        var attempts: Int
        var requestID: String?
    }

    /// - Parameters:
    ///   - seed: mixed into the policy's jitter seed.
    ///   - usage: reads a body's token counts and prices them; `nil` when it reports none.
    /// - Throws: ``LanguageModelError``, or `CancellationError` when the task is cancelled.
    func send(_ request: HTTPRequest, seed: UInt64, usage: (JSONValue) -> Usage?) async throws -> Reply {
        var generator = SplitMix64(seed: policy.jitterSeed ^ seed)
        var total = Usage.zero
        let provider = self.provider
        return try await policy.retrying(using: &generator) { attempt in
            let response: HTTPResponse
            do {
                response = try await http.send(request)
            } catch let error as HTTPError {
                return .failure(policy.decision(for: error)) { reason in
                    LanguageModelError(provider: provider, failure: .transport(error), attempts: attempt, notRetriedBecause: reason)
                }
            }

            let json = try? JSONParser().parse(response.body)
            if let json, let used = usage(json) { total = total + used }
            if (200..<300).contains(response.status) {
                guard let json else {
                    throw LanguageModelError(provider: provider, failure: .malformedResponse(status: response.status, reason: "the body is not JSON"),
                                             message: APIErrorBody.oneLine(key.redacting(String(decoding: response.body.prefix(200), as: UTF8.self))),
                                             requestID: response.header("request-id") ?? response.header("x-request-id"),
                                             attempts: attempt)
                }
                return .success(Reply(json: json, status: response.status, usage: total, attempts: attempt,
                                      requestID: response.header("request-id") ?? response.header("x-request-id") ?? json["request_id"]?.stringValue))
            }

            let body = APIErrorBody(response: response, json: json, key: key)
            return .failure(policy.decision(status: response.status, headers: response.headers, isBudgetExhausted: body.isBudgetExhausted)) { reason in
                LanguageModelError(provider: provider, failure: .status(response.status), errorType: body.type, errorCode: body.code,
                                   message: body.message, requestID: body.requestID, attempts: attempt, notRetriedBecause: reason)
            }
        }
    }
}
