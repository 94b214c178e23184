import ExperimentLog
import Scoring

extension HTMLReport {
    /// The nine dimensions of the initial and the best container, with bars and the change.
    func dimensionTable() -> String {
        var html = """
        <section>
        <h2>Dimensions</h2>
        <table class="dimensions">
        <thead><tr><th>Dimension</th><th>Initial</th><th>Best</th><th class="num">Change</th></tr></thead>
        <tbody>

        """
        for (index, dimension) in Dimension.allCases.enumerated() {
            let before = Self.value(run.initialScore, index), after = Self.value(run.bestScore, index)
            html += "<tr><th scope=\"row\">\(HTMLText.escape(dimension.title)) <code>\(dimension.rawValue)</code></th>"
            html += "<td>\(Self.bar(before))</td><td>\(Self.bar(after))</td>"
            if let before, let after {
                html += "<td class=\"num \(Self.deltaClass(after - before))\">\(NumberText.signed(after - before, places: 4))</td></tr>\n"
            } else {
                html += "<td class=\"num\">—</td></tr>\n"
            }
        }
        let overallDelta = run.bestScore.overall - run.initialScore.overall
        html += "<tr class=\"overall\"><th scope=\"row\">Overall</th><td>\(Self.bar(run.initialScore.overall))</td>"
        html += "<td>\(Self.bar(run.bestScore.overall))</td>"
        html += "<td class=\"num \(Self.deltaClass(overallDelta))\">\(NumberText.signed(overallDelta, places: 4))</td></tr>\n"
        html += "</tbody>\n</table>\n</section>\n"
        return html
    }

    /// The score of dimension `index`, if the vector has it (vectors from older logs may be short).
    private static func value(_ vector: ScoreVector, _ index: Int) -> Double? {
        index < vector.dimensions.count ? vector.dimensions[index] : nil
    }

    /// A score in [0, 1] as a small bar and its value.
    private static func bar(_ score: Double?) -> String {
        guard let score, score.isFinite else { return "—" }
        let width = NumberText.fixed(min(max(score, 0), 1) * 100, places: 1)
        return "<span class=\"bar\"><span style=\"width:\(width)%\"></span></span> \(NumberText.fixed(score, places: 3))"
    }
}
