/// SplitMix64: a tiny, fast, seedable generator. The heuristic's choices depend only on the
/// round's seed, so a resumed run proposes what an uninterrupted one would have.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in (0, 1]: never 0, so it can be raised to any power or logged.
    mutating func nextUnit() -> Double {
        Double((next() >> 11) + 1) / Double(UInt64(1) << 53)
    }
}
