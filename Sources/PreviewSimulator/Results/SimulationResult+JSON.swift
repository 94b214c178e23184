import Foundation

extension SimulationResult {
    /// The result as stable JSON: sorted keys, indented, slashes unescaped. The same container
    /// and scenario give byte-identical output.
    /// - Throws: `EncodingError` only for a number JSON cannot hold (never produced by a run).
    public func jsonText() throws -> String {
        try SimulationResult.stableJSON(self)
    }

    /// Encodes any simulator value (results, verdicts) the stable way ``jsonText()`` does.
    public static func stableJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes a result written by ``jsonText()``.
    public static func decode(jsonText: String) throws -> SimulationResult {
        try JSONDecoder().decode(SimulationResult.self, from: Data(jsonText.utf8))
    }
}
