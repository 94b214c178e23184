/// Something that sends one HTTP request and returns the response (SPEC §4: all HTTP goes
/// through libcurl in production; tests may substitute an in-memory client).
public protocol HTTPClient: Sendable {
    /// Sends `request` once: no retries, no redirects.
    ///
    /// Any status code is a response, not an error. Throws ``HTTPError`` when no complete response
    /// arrived, and `CancellationError` when the calling task is cancelled mid-transfer.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
