import ArgumentParser
import Delivery
import Foundation

struct Winners: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List a client's nightly winners: night, run, score, and where each is kept.",
        discussion: """
        A night's winner is the best-scoring completed or stopped run of the client created that \
        (UTC) day. Nights come from the database and, when GTM_AUTORESEARCH_S3_BUCKET is set, from \
        the bucket too (a night only in the bucket is listed from its winner.json). Roll back to \
        any of them with `gtm-autoresearch rollback CLIENT --to NIGHT`.
        """
    )

    @Argument(help: "The client, as runs were started with --client.")
    var client: String

    @Option(help: "text or json.")
    var format: ListFormat = .text

    @OptionGroup var database: DatabaseOptions

    enum ListFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() async throws {
        let log = try database.open()
        let listings: [WinnerListing]
        do { listings = try await DeliveryOptions.delivery(log: log).winners(client: client) } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
        switch format {
        case .json: print(Self.json(listings))
        case .text: print(Self.text(listings, client: client), terminator: "")
        }
    }

    static func text(_ listings: [WinnerListing], client: String) -> String {
        guard !listings.isEmpty else { return "no nightly winners for \(client) yet\n" }
        var out = "night        run    score   from    sha256        kept in\n"
        for l in listings {
            var places = l.inDatabase ? ["database"] : []
            if l.inBucket == true { places.append("bucket") }
            let run = l.runId.map(String.init) ?? "?"
            let score = l.score.map { String(format: "%.4f", $0) } ?? "?"
            let from = l.initialScore.map { String(format: "%.4f", $0) } ?? "?"
            let sha = l.sha256.map { String($0.prefix(12)) } ?? "?"
            out += "\(l.night)  \(run.padding(toLength: 5, withPad: " ", startingAt: 0))  \(score)  \(from)  \(sha.padding(toLength: 12, withPad: " ", startingAt: 0))  \(places.joined(separator: ", "))\n"
        }
        return out
    }

    static func json(_ listings: [WinnerListing]) -> String {
        struct Row: Encodable {
            var night: String, run: Int64?, score: Double?, initial_score: Double?, sha256: String?, in_database: Bool, in_bucket: Bool?
        }
        let rows = listings.map { Row(night: $0.night, run: $0.runId, score: $0.score, initial_score: $0.initialScore, sha256: $0.sha256,
                                      in_database: $0.inDatabase, in_bucket: $0.inBucket) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(rows)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
