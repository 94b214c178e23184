import ExperimentLog

/// The report's chart of the overall score over rounds, as inline SVG.
///
/// The best score so far is a step line from the initial score; each scored round is a dot at its
/// candidate's score, coloured by decision (hover shows round and score); rejected rounds, which
/// have no score, are ticks under the axis. Tick labels are chosen from 1-2-5 steps so a
/// 1,000-round run gets about ten labels, not a thousand.
struct ScoreChart {
    private static let width = 760.0, height = 280.0
    private static let left = 56.0, right = 18.0, top = 14.0, bottom = 58.0

    let initial: Double
    /// Sorted by round number.
    let rounds: [RoundRecord]

    func render() -> String {
        let plotLeft = Self.left, plotRight = Self.width - Self.right
        let plotTop = Self.top, plotBottom = Self.height - Self.bottom
        let lastRound = max(1, rounds.last?.round ?? 1)
        let scored = rounds.compactMap { round in round.after.map { (round, $0.overall) } }
        let (low, high) = Self.domain(of: [initial] + scored.map(\.1).filter(\.isFinite))
        func x(_ round: Int) -> String {
            NumberText.fixed(plotLeft + (plotRight - plotLeft) * Double(round) / Double(lastRound), places: 1)
        }
        func y(_ score: Double) -> String {
            let clamped = score.isFinite ? min(max(score, low), high) : low
            return NumberText.fixed(plotBottom - (plotBottom - plotTop) * (clamped - low) / (high - low), places: 1)
        }
        let plotLeftText = NumberText.fixed(plotLeft, places: 1), plotRightText = NumberText.fixed(plotRight, places: 1)
        let bottomText = NumberText.fixed(plotBottom, places: 1)

        var svg = #"<svg class="chart" viewBox="0 0 \#(Int(Self.width)) \#(Int(Self.height))" role="img" aria-label="Overall score over rounds">"#
        svg += "\n"

        // Horizontal grid and score labels.
        let yStep = Self.niceStep(span: high - low, maxTicks: 6)
        let places = yStep >= 0.01 ? 2 : 3
        for tick in Self.ticks(from: low, to: high, step: yStep) {
            let ty = y(tick)
            svg += #"<line class="grid" x1="\#(plotLeftText)" y1="\#(ty)" x2="\#(plotRightText)" y2="\#(ty)"/>"#
            svg += #"<text class="tick" x="\#(NumberText.fixed(plotLeft - 6, places: 1))" y="\#(ty)" text-anchor="end" dominant-baseline="middle">\#(NumberText.fixed(tick, places: places))</text>"#
            svg += "\n"
        }
        // Round labels.
        let xStep = max(1, Int(Self.niceStep(span: Double(lastRound), maxTicks: 10).rounded(.up)))
        for tick in stride(from: 0, through: lastRound, by: xStep) {
            let tx = x(tick)
            svg += #"<line class="axis" x1="\#(tx)" y1="\#(bottomText)" x2="\#(tx)" y2="\#(NumberText.fixed(plotBottom + 4, places: 1))"/>"#
            svg += #"<text class="tick" x="\#(tx)" y="\#(NumberText.fixed(plotBottom + 26, places: 1))" text-anchor="middle">\#(tick)</text>"#
            svg += "\n"
        }
        svg += #"<line class="axis" x1="\#(plotLeftText)" y1="\#(bottomText)" x2="\#(plotRightText)" y2="\#(bottomText)"/>"#
        svg += #"<line class="axis" x1="\#(plotLeftText)" y1="\#(NumberText.fixed(plotTop, places: 1))" x2="\#(plotLeftText)" y2="\#(bottomText)"/>"#
        svg += "\n"
        svg += #"<text class="label" x="\#(NumberText.fixed((plotLeft + plotRight) / 2, places: 1))" y="\#(NumberText.fixed(Self.height - 8, places: 1))" text-anchor="middle">round</text>"#
        svg += #"<text class="label" transform="translate(14 \#(NumberText.fixed((plotTop + plotBottom) / 2, places: 1))) rotate(-90)" text-anchor="middle">overall score</text>"#
        svg += "\n"

        // Best so far: flat until a kept round lifts it.
        var best = "M\(x(0)) \(y(initial))"
        for (round, score) in scored where round.decision == .kept {
            best += "H\(x(round.round))V\(y(score))"
        }
        best += "H\(x(lastRound))"
        svg += #"<path class="best" d="\#(best)"/>"#
        svg += "\n"

        // Rejected rounds: one path of short ticks just below the axis.
        let rejected = rounds.filter { $0.decision == .rejected }
        if !rejected.isEmpty {
            let from = NumberText.fixed(plotBottom + 6, places: 1)
            let marks = rejected.map { "M\(x($0.round)) \(from)v8" }.joined()
            svg += #"<path class="rejected" d="\#(marks)"><title>\#(rejected.count) rejected round\#(rejected.count == 1 ? "" : "s") (not scored)</title></path>"#
            svg += "\n"
        }

        let radius = NumberText.fixed(min(4, max(1.5, (plotRight - plotLeft) / Double(lastRound) * 0.35)), places: 1)
        svg += #"<circle class="initial" cx="\#(x(0))" cy="\#(y(initial))" r="4"><title>initial \#(NumberText.fixed(initial, places: 4))</title></circle>"#
        svg += "\n"
        for (round, score) in scored {
            svg += #"<circle class="\#(round.decision.rawValue)" cx="\#(x(round.round))" cy="\#(y(score))" r="\#(radius)"><title>round \#(round.round): \#(round.decision.rawValue) \#(NumberText.fixed(score, places: 4))</title></circle>"#
            svg += "\n"
        }
        svg += "</svg>"
        return svg
    }

    /// The score range shown: the data rounded out to 0.05, at least 0.05 tall.
    static func domain(of values: [Double]) -> (Double, Double) {
        guard let lowest = values.min(), let highest = values.max() else { return (0, 1) }
        let low = (lowest * 20).rounded(.down) / 20
        var high = (highest * 20).rounded(.up) / 20
        if high - low < 0.05 { high = low + 0.05 }
        return (low, high)
    }

    /// The smallest 1-2-5 step that divides `span` into at most `maxTicks` intervals.
    static func niceStep(span: Double, maxTicks: Int) -> Double {
        guard span.isFinite, span > 0, maxTicks > 0 else { return 1 }
        for exponent in -6...15 {
            // Exact powers of ten (and correctly rounded reciprocals), so steps print cleanly.
            var power = 1.0
            for _ in 0..<abs(exponent) { power *= 10 }
            let base = exponent < 0 ? 1 / power : power
            for multiple in [1.0, 2, 5] where span / (multiple * base) <= Double(maxTicks) {
                return multiple * base
            }
        }
        return span
    }

    /// Multiples of `step` within `[low, high]` (with a little slack for rounding).
    static func ticks(from low: Double, to high: Double, step: Double) -> [Double] {
        var result: [Double] = []
        var index = (low / step - 1e-9).rounded(.up)
        while index * step <= high + step * 1e-9 {
            result.append(index * step)
            index += 1
        }
        return result
    }
}
