/// A client name or night the winners' store refuses, before any request is sent.
public enum WinnerStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidClient(String, reason: String)
    case invalidNight(String)

    public var description: String {
        switch self {
        case .invalidClient(let client, let reason): "client name \"\(client)\" cannot name a storage folder: \(reason)"
        case .invalidNight(let text): "\"\(text)\" is not a night: expected a real date written YYYY-MM-DD"
        }
    }
}
