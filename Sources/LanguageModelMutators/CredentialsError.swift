/// Why no API key could be found. No case ever holds or prints the key itself.
public enum CredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither the environment variable nor the credentials file holds the key.
    case missing(name: String, file: String)
    /// The credentials file can be read by its group or by others.
    case insecureFile(path: String, mode: Int)
    /// The credentials file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// A line of the credentials file is not `NAME=value` (the line itself is not quoted: it
    /// may be a key).
    case malformed(path: String, line: Int)

    public var description: String {
        switch self {
        case .missing(let name, let file):
            "no \(name): set the environment variable \(name), or add a line \(name)=… to \(file) (chmod 600)"
        case .insecureFile(let path, let mode):
            "\(path) is readable by other users (mode \(CredentialsError.octal(mode))); run `chmod 600 \(path)`: it holds API keys"
        case .unreadable(let path, let reason):
            "\(path): cannot read the credentials file (\(reason))"
        case .malformed(let path, let line):
            "\(path):\(line): expected NAME=value, a # comment or a blank line"
        }
    }

    private static func octal(_ mode: Int) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
