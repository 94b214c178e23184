public import ExperimentLog

/// The human-readable report of one run: a single self-contained HTML file.
///
/// No external CSS, scripts, fonts or images: inline CSS, an inline SVG chart, and `<details>`
/// for the diffs, so the file can be mailed or opened from a CI artifact as is. Everything that
/// comes from the container or the mutator is escaped. Output depends only on the inputs (the
/// generation time is passed in), so the same run always renders to the same bytes.
public struct HTMLReport: Sendable {
    /// Diffs longer than this are cut in the report (the full diff is in `rounds.jsonl`), which
    /// keeps a 300-round report a few hundred kilobytes even when a round rewrote a large tag.
    public static let maxDiffLines = 400

    let run: RunRecord
    /// Sorted by round number.
    let rounds: [RoundRecord]
    /// When the report was made (ISO-8601), shown in the footer.
    let generatedAt: String
    /// The run's QA baseline; nil when the preview simulator does not run the container.
    let qa: RunQA?
    /// Kept rounds with recorded QA, by round number.
    let qaEntries: [Int: RunQA.Entry]

    /// A report of `run` over `rounds` (in any order); `generatedAt` is printed as given. `qa`
    /// (``RunQA/derive(run:initialContainer:)``) adds the QA section and each kept round's QA.
    public init(run: RunRecord, rounds: [RoundRecord], generatedAt: String, qa: RunQA? = nil) {
        self.run = run
        self.rounds = rounds.sorted { $0.round < $1.round }
        self.generatedAt = generatedAt
        self.qa = qa
        qaEntries = Dictionary((qa?.history(of: rounds) ?? []).map { ($0.round, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The whole document.
    public func render() -> String {
        let title = "GTM AutoResearch: \(run.client), run \(run.id)"
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body>

        """
        html += header()
        html += "<section>\n<h2>Score over rounds</h2>\n"
        html += ScoreChart(initial: run.initialScore.overall, rounds: rounds).render()
        html += """

        <p class="legend"><span class="key best"></span>best so far <span class="key kept"></span>kept \
        <span class="key reverted"></span>reverted <span class="key rejected"></span>rejected (not scored, marked under the axis)</p>
        </section>

        """
        html += dimensionTable()
        html += qaSection()
        html += roundTable()
        html += "<footer>Generated \(HTMLText.escape(generatedAt)) by gtm-autoresearch · scorer \(HTMLText.escape(run.scorerVersion))</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: - Header

    private func header() -> String {
        let tally = RoundTally(rounds)
        let initial = run.initialScore.overall, best = run.bestScore.overall
        let bestAt = run.bestRound == 0 ? "the initial container is still the best" : "best found in round \(run.bestRound)"
        var status = run.status.rawValue
        if let reason = run.stopReason, !reason.isEmpty { status += " (\(reason))" }
        var mutator = run.mutator
        if let model = run.settings.mutatorOptions["model"], !model.isEmpty { mutator += " · \(model)" }
        let budget = run.settings.rounds.map { " of \($0)" } ?? ""

        var facts: [(String, String)] = [
            ("Source", run.source),
            ("Mutator", mutator),
            ("Status", status),
            ("Rounds", "\(run.roundsDone)\(budget) done: \(tally.kept) kept, \(tally.reverted) reverted, \(tally.rejected) rejected"),
            ("Tokens", "\(NumberText.grouped(run.inputTokens)) in, \(NumberText.grouped(run.outputTokens)) out"),
            ("Cost", NumberText.usd(run.costUSD)),
            ("Time in rounds", NumberText.duration(milliseconds: run.elapsedMs)),
            ("Started", run.createdAt),
            ("Updated", run.updatedAt),
        ]
        if let outDir = run.outDir { facts.append(("Output", outDir)) }

        var html = "<header>\n<h1>\(HTMLText.escape(run.client)) <span class=\"run\">run \(run.id)</span></h1>\n"
        html += "<p class=\"headline\"><span class=\"score\">\(NumberText.fixed(initial, places: 4))</span> → "
        html += "<span class=\"score\">\(NumberText.fixed(best, places: 4))</span> "
        html += "<span class=\"\(Self.deltaClass(best - initial))\">\(NumberText.signed(best - initial, places: 4))</span> "
        html += "<span class=\"note\">\(bestAt)</span></p>\n<dl class=\"facts\">\n"
        for (term, value) in facts {
            html += "<dt>\(term)</dt><dd>\(HTMLText.escape(value))</dd>\n"
        }
        html += "</dl>\n</header>\n"
        return html
    }

    /// `up`, `down` or `flat` for a score change, by its rounded value.
    static func deltaClass(_ delta: Double) -> String {
        let text = NumberText.signed(delta, places: 4)
        return text.hasPrefix("+") ? "up" : text.hasPrefix("-") ? "down" : "flat"
    }
}
