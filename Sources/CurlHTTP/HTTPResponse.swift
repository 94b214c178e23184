/// What a server answered: status, header fields and the raw body.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header fields by lowercased name; a repeated field's values are joined with ", ".
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { "\($0), \($1)" }
        self.body = body
    }

    /// The value of header field `name`, whatever case it is given in.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
