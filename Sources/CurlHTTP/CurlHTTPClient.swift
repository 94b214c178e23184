import CCurl
import Dispatch

/// The production ``HTTPClient``: one libcurl easy handle per request.
///
/// `curl_easy_perform` blocks its thread for the whole exchange, so it runs on a dispatch queue
/// of this client and never on the cooperative pool, where a few slow model calls would starve
/// every other task. The queue is concurrent: requests from several tasks do not wait for each
/// other. Cancelling the calling task aborts the transfer within about a second (libcurl polls
/// the progress callback at least that often).
public struct CurlHTTPClient: HTTPClient {
    /// The most time spent establishing the connection (DNS, TCP, TLS), within the request's
    /// own timeout.
    public var connectTimeout: Duration
    /// Sent when the request sets no `User-Agent` of its own.
    public var userAgent: String
    private let queue: DispatchQueue

    public init(connectTimeout: Duration = .seconds(10), userAgent: String = "gtm-autoresearch") {
        self.connectTimeout = connectTimeout
        self.userAgent = userAgent
        queue = DispatchQueue(label: "gtm-autoresearch.curl", attributes: .concurrent)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let cancellation = CancellationFlag()
        let options = CurlTransfer.Options(connectTimeout: connectTimeout, userAgent: userAgent)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                queue.async {
                    continuation.resume(with: Result {
                        try CurlTransfer(request: request, options: options, cancellation: cancellation).perform()
                    })
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}
