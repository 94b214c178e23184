// Measures how long reading, parsing, decoding and scoring a container take, per container, in
// one process. The baseline, measured in the same run on the same bytes, is Foundation's
// JSONSerialization parse: results are reported as ratios against it, not just milliseconds.
import Foundation
import GTMModel
import LosslessJSON
import Scoring

struct Options {
    var files: [String] = []
    var minimumSeconds = 0.5
    var minimumRuns = 5
    /// Print the slowest rules on this file instead of the table.
    var profileRules: String?
}

var options = Options()
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--seconds": options.minimumSeconds = Double(arguments.popFirst() ?? "") ?? options.minimumSeconds
    case "--runs": options.minimumRuns = Int(arguments.popFirst() ?? "") ?? options.minimumRuns
    case "--profile-rules": options.profileRules = arguments.popFirst()
    case "--loop-analysis":
        // For profilers: build the analysis of one file repeatedly.
        let container = try ContainerLoader(maximumBytes: 200 * 1024 * 1024).load(path: arguments.popFirst() ?? "")
        for _ in 0..<50 { _ = ContainerAnalysis(container) }
        exit(0)
    default: options.files.append(argument)
    }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Median milliseconds of `body` over at least `minimumRuns` runs and `minimumSeconds`.
@MainActor func median(_ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    let start = now()
    while samples.count < options.minimumRuns || Double(now() - start) / 1e9 < options.minimumSeconds {
        let t0 = now()
        try body()
        samples.append(Double(now() - t0) / 1e6)
        if samples.count >= 1000 { break }
    }
    samples.sort()
    return samples[samples.count / 2]
}

struct Row {
    var name: String
    var bytes: Int
    var tags: Int
    var read, parse, decode, score, baseline: Double
    var total: Double { read + parse + decode + score }
}

if let path = options.profileRules {
    let container = try ContainerLoader(maximumBytes: 200 * 1024 * 1024).load(path: path)
    let analysis = ContainerAnalysis(container)
    let context = ScoringContext(analysis: analysis, plan: .ecommerceFunnel, accountState: nil)
    print("analysis \(String(format: "%.2f", median { _ = ContainerAnalysis(container) })) ms, context \(String(format: "%.2f", median { _ = ScoringContext(analysis: analysis, plan: .ecommerceFunnel, accountState: nil) })) ms")
    var timings: [(String, Double)] = []
    for rule in RuleCatalog.all {
        timings.append((rule.descriptor.id, median { var r = RuleResults(descriptor: rule.descriptor); rule.evaluate(context, &r) }))
    }
    for (id, ms) in timings.sorted(by: { $0.1 > $1.1 }).prefix(15) { print(String(format: "%8.2f ms  ", ms) + id) }
    exit(0)
}

var rows: [Row] = []
let scorer = Scorer()
for path in options.files {
    let loader = ContainerLoader(maximumBytes: 200 * 1024 * 1024)
    let bytes = try loader.read(path: path)
    let document = try JSONParser().parse(bytes)
    let container = try Container(document: document)
    let data = Data(bytes)
    let read = try median { _ = try loader.read(path: path) }
    let parse = try median { _ = try JSONParser().parse(bytes) }
    let decode = try median { _ = try Container(document: document) }
    let score = median { _ = scorer.score(container) }
    let baseline = try median { _ = try JSONSerialization.jsonObject(with: data) }
    rows.append(Row(name: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes.count, tags: container.tags.count,
                    read: read, parse: parse, decode: decode, score: score, baseline: baseline))
}

func f(_ x: Double, _ places: Int = 2) -> String { String(format: "%.\(places)f", x) }
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

print("median milliseconds per container; baseline = Foundation JSONSerialization parse of the same bytes")
print([pad("file", 52), pad("KB", 7), pad("tags", 5), pad("read", 7), pad("parse", 7), pad("decode", 7), pad("score", 7),
       pad("total", 7), pad("baseline", 9), pad("total/base", 11)].joined(separator: " "))
for r in rows {
    print([pad(String(r.name.prefix(52)), 52), pad(String(r.bytes / 1024), 7), pad(String(r.tags), 5), pad(f(r.read), 7),
           pad(f(r.parse), 7), pad(f(r.decode), 7), pad(f(r.score), 7), pad(f(r.total), 7), pad(f(r.baseline), 9),
           pad(f(r.total / r.baseline, 3), 11)].joined(separator: " "))
}
let corpus = rows.filter { !$0.name.hasPrefix("big-") }
if !corpus.isEmpty {
    let total = corpus.reduce(0) { $0 + $1.total }, base = corpus.reduce(0) { $0 + $1.baseline }
    print("corpus (\(corpus.count) files): total \(f(total)) ms, baseline \(f(base)) ms, ratio \(f(total / base, 3))")
}
let big = rows.filter { $0.name.hasPrefix("big-") }.sorted { $0.tags < $1.tags }
if big.count >= 2, let small = big.first, let large = big.last {
    let growth = (large.total / Double(large.tags)) / (small.total / Double(small.tags))
    let scoreGrowth = (large.score / Double(large.tags)) / (small.score / Double(small.tags))
    print("linearity: per-tag cost at \(large.tags) tags / at \(small.tags) tags = total \(f(growth, 2))x, score \(f(scoreGrowth, 2))x (1.00 = linear)")
}
