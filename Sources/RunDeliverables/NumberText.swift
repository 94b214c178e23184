/// Numbers as text with a fixed precision, so the same records always render to the same bytes
/// (no locale, no `String(format:)`, no shortest-round-trip digits that vary with the value).
enum NumberText {
    /// `value` with exactly `places` decimals (`0.730`); `—` for NaN and infinities.
    static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        // Past 2^53 the digits are noise anyway, and Int(_:) would trap past Int.max.
        guard abs(scaled) < 9e15 else { return "\(value)" }
        let magnitude = Int(abs(scaled))
        let divisor = Int(scale)
        var fraction = String(magnitude % divisor)
        while fraction.count < places { fraction = "0" + fraction }
        let sign = scaled < 0 && magnitude != 0 ? "-" : ""
        return places == 0 ? sign + String(magnitude) : sign + String(magnitude / divisor) + "." + fraction
    }

    /// A change with its sign: `+0.012`, `-0.004`, `0.000`.
    static func signed(_ value: Double, places: Int) -> String {
        let text = fixed(value, places: places)
        return text.hasPrefix("-") || text == "—" || fixed(0, places: places) == text ? text : "+" + text
    }

    /// An integer with thousands separators: `12,345`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// Dollars with four decimals (a round on Haiku costs a fraction of a cent): `$0.0123`.
    static func usd(_ value: Double) -> String { "$" + fixed(value, places: 4) }

    /// A duration: `850 ms`, `12.3 s`, `4 min 05 s`, `2 h 03 min`.
    static func duration(milliseconds ms: Double) -> String {
        guard ms.isFinite else { return "—" }
        if ms < 1000 { return fixed(ms, places: 0) + " ms" }
        if ms < 60_000 { return fixed(ms / 1000, places: 1) + " s" }
        let seconds = Int((ms / 1000).rounded())
        if seconds < 3600 { return "\(seconds / 60) min " + twoDigits(seconds % 60) + " s" }
        return "\(seconds / 3600) h " + twoDigits(seconds % 3600 / 60) + " min"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
