extension ScoreVector {
    /// The dimension names in `dimensions` order; they are also the suffixes of the score columns
    /// (`best_coverage`, `after_alignment`, …). Same order as `Scoring.Dimension.allCases`.
    public static let dimensionNames = [
        "coverage", "parameters", "dedup", "consent", "naming", "variables", "triggers", "folders", "alignment",
    ]

    /// What is wrong with this vector, or nil: nine dimensions, every score finite and in [0, 1].
    /// `label` names the vector in the message (`before`, `after`, `initial score`).
    func problem(label: String) -> String? {
        guard dimensions.count == Self.dimensionNames.count else {
            return "\(label) has \(dimensions.count) dimension scores, expected \(Self.dimensionNames.count)"
        }
        let named = [("overall", overall)] + zip(Self.dimensionNames, dimensions).map { ($0, $1) }
        for (name, value) in named where !(value.isFinite && (0...1).contains(value)) {
            return "\(label).\(name) is \(value), expected a number in [0, 1]"
        }
        return nil
    }
}
