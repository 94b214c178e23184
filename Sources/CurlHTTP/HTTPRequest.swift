/// One HTTP request as an integration builds it; the transport decides how it travels.
public struct HTTPRequest: Sendable {
    /// The request method.
    public enum Method: String, Sendable {
        case get = "GET", head = "HEAD", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
    }

    public var method: Method
    /// An absolute `http` or `https` URL.
    public var url: String
    /// Header fields in sending order. Names are sent as given; values must not contain line breaks.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The whole exchange (connect, send, wait, receive) must finish within this time.
    public var timeout: Duration

    public init(method: Method, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                timeout: Duration = .seconds(60))
    {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
