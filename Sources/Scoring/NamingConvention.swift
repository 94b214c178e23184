/// The naming scheme the `naming` dimension checks: `Platform - Type - Detail` tags and
/// type prefixes for triggers and variables.
public struct NamingConvention: Sendable, Equatable {
    /// Separator between name parts.
    public var separator: String
    /// Minimum number of parts in a tag name.
    public var tagParts: Int

    public init(separator: String = " - ", tagParts: Int = 2) {
        self.separator = separator
        self.tagParts = tagParts
    }

    public static let `default` = NamingConvention()
}
