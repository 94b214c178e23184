/// A JSON number kept as the literal text it was written with.
///
/// Keeping the literal makes round trips exact (`1.3`, `1e2`, `-0`, 20-digit ids) and defers
/// conversion to whoever needs a numeric value.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written in the document; always valid JSON number syntax.
    public let literal: String

    /// Wraps a literal the parser has already checked against the JSON number grammar.
    init(validatedLiteral: String) { literal = validatedLiteral }

    /// A number from an integer.
    public init(_ value: Int) { literal = String(value) }

    /// A number from a floating-point value; `nil` for NaN and infinities, which JSON cannot hold.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { literal = String(Int(value)) } else { literal = "\(value)" }
    }

    /// The value as a `Double` (always succeeds for a valid literal, possibly rounding).
    public var doubleValue: Double { Double(literal) ?? .nan }

    /// The value as an `Int` when the literal is an integer that fits.
    public var intValue: Int? { Int(literal) }

    public var description: String { literal }

    /// Numbers are equal when they denote the same value (`1.0 == 1`), else by literal.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.literal == rhs.literal { return true }
        if let a = Int(lhs.literal), let b = Int(rhs.literal) { return a == b }
        return lhs.doubleValue == rhs.doubleValue
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(doubleValue) }
}
