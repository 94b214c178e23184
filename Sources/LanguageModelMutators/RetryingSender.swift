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
        var attempt = 0
        while true {
            attempt += 1
            let response: HTTPResponse
            do {
                response = try await http.send(request)
            } catch let error as HTTPError {
                let decision = policy.decision(for: error)
                if case .retry = decision, attempt < policy.maxAttempts {
                    try await Task.sleep(for: policy.backoff(beforeRetry: attempt, using: &generator))
                    continue
                }
                throw LanguageModelError(provider: provider, failure: .transport(error), attempts: attempt, notRetriedBecause: decision.stopReason)
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
                return Reply(json: json, status: response.status, usage: total, attempts: attempt,
                             requestID: response.header("request-id") ?? response.header("x-request-id") ?? json["request_id"]?.stringValue)
            }

            let body = APIErrorBody(response: response, json: json, key: key)
            let decision = policy.decision(status: response.status, headers: response.headers, isBudgetExhausted: body.isBudgetExhausted)
            if case .retry(let wait) = decision, attempt < policy.maxAttempts {
                try await Task.sleep(for: wait ?? policy.backoff(beforeRetry: attempt, using: &generator))
                continue
            }
            throw LanguageModelError(provider: provider, failure: .status(response.status), errorType: body.type, errorCode: body.code,
                                     message: body.message, requestID: body.requestID, attempts: attempt,
                                     notRetriedBecause: decision.stopReason)
        }
    }
}
