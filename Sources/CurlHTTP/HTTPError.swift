/// Why an HTTP exchange produced no response.
///
/// Callers decide what is worth retrying: ``isTransient`` is `true` for the faults a retry can
/// cure (a timeout, a refused or dropped connection) and `false` for a request that can never
/// succeed as written.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exchange did not finish within the request's timeout.
    case timeout(url: String, seconds: Double, detail: String)
    /// No connection could be made (name resolution, refused, unreachable).
    case connectionFailed(url: String, code: Int, detail: String)
    /// The connection closed or broke before a complete response arrived.
    case connectionDropped(url: String, code: Int, detail: String)
    /// The request cannot be sent as given (bad URL, a header value with a line break).
    case invalidRequest(url: String, reason: String)
    /// Any other libcurl failure (TLS, protocol), with curl's code and message.
    case transport(url: String, code: Int, detail: String)

    /// Whether sending the same request again may succeed.
    public var isTransient: Bool {
        switch self {
        case .timeout, .connectionFailed, .connectionDropped: true
        case .invalidRequest, .transport: false
        }
    }

    public var description: String {
        switch self {
        case .timeout(let url, let seconds, let detail):
            "\(url): no response within \(HTTPError.format(seconds)) s (\(detail))"
        case .connectionFailed(let url, let code, let detail):
            "\(url): cannot connect (curl \(code): \(detail))"
        case .connectionDropped(let url, let code, let detail):
            "\(url): the connection closed before a complete response (curl \(code): \(detail))"
        case .invalidRequest(let url, let reason):
            "\(url): invalid request: \(reason)"
        case .transport(let url, let code, let detail):
            "\(url): transfer failed (curl \(code): \(detail))"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
