import LosslessJSON

/// Fixed-precision numbers so that the same input always gives byte-identical output.
enum NumberFormatting {
    /// `value` rounded to `places` decimals, as a JSON number (`0.7312`, `1`, `0`).
    static func json(_ value: Double, places: Int = 4) -> JSONValue {
        .number(JSONNumber(validatedText: fixed(value, places: places, trimZeros: true)))
    }

    /// `value` with exactly `places` decimals unless `trimZeros`.
    static func fixed(_ value: Double, places: Int, trimZeros: Bool = false) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        let negative = scaled < 0
        let magnitude = Int(abs(scaled))
        let divisor = Int(scale)
        var whole = String(magnitude / divisor)
        var fraction = String(magnitude % divisor)
        while fraction.count < places { fraction = "0" + fraction }
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        if negative && magnitude != 0 { whole = "-" + whole }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    /// A percentage with one decimal: `73.1`.
    static func percent(_ value: Double) -> String { fixed(value * 100, places: 1) }
}

extension JSONNumber {
    /// A number from text this module formatted itself.
    init(validatedText: String) {
        do {
            self = try JSONParser().parse(validatedText).numberValue ?? JSONNumber(0)
        } catch {
            self = JSONNumber(0)
        }
    }
}
