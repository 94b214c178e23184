import Foundation

extension QAVerdict {
    /// Verdicts as stored with a round (`rounds.qa`): a compact JSON array, keys sorted.
    /// - Throws: `EncodingError` only for a value JSON cannot hold (verdicts hold none).
    public static func jsonText(_ verdicts: [QAVerdict]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(verdicts), as: UTF8.self)
    }

    /// Verdicts read back from ``jsonText(_:)``.
    /// - Throws: `DecodingError` when the text is not such an array.
    public static func decode(jsonText: String) throws -> [QAVerdict] {
        try JSONDecoder().decode([QAVerdict].self, from: Data(jsonText.utf8))
    }
}
