/// The values one field allows, as a bit set over 0–63, with nearest-value lookups so a
/// search can jump straight to the next allowed minute, hour or month.
struct CronValueSet: Sendable, Hashable {
    private var bits: UInt64 = 0

    init() {}

    func contains(_ value: Int) -> Bool {
        (0..<64).contains(value) && bits & (1 << UInt64(value)) != 0
    }

    mutating func insert(_ value: Int) {
        guard (0..<64).contains(value) else { return }
        bits |= 1 << UInt64(value)
    }

    /// The smallest allowed value at or above `value`.
    func first(atOrAfter value: Int) -> Int? {
        guard value < 64 else { return nil }
        let masked = bits & (UInt64.max << UInt64(max(value, 0)))
        return masked == 0 ? nil : masked.trailingZeroBitCount
    }

    /// The largest allowed value at or below `value`.
    func last(atOrBefore value: Int) -> Int? {
        guard value >= 0 else { return nil }
        let masked = value >= 63 ? bits : bits & ((1 << UInt64(value + 1)) - 1)
        return masked == 0 ? nil : 63 - masked.leadingZeroBitCount
    }
}
