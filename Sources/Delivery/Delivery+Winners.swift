import ExperimentLog
import ObjectStore

/// One night in `winners CLIENT`: where its winner is kept and how it scored.
public struct WinnerListing: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var night: String
    public var runId: Int64?
    public var score: Double?
    public var initialScore: Double?
    public var sha256: String?
    /// The night's winner is in this database.
    public var inDatabase: Bool
    /// The night has a winning config in the bucket; nil when no bucket is configured.
    public var inBucket: Bool?
}

extension Delivery {
    /// Every night with a winner for `client`, oldest first: the database's nights, merged with
    /// the bucket's when one is configured (a night only in the bucket, from another box or an
    /// older database, is listed from its manifest).
    /// - Throws: ``DeliveryError``, `S3Error`, `WinnerStoreError`.
    public func winners(client: String) async throws -> [WinnerListing] {
        var listings: [String: WinnerListing] = [:]
        for winner in NightlyWinners.nights(from: try log.runs(client: client)) {
            listings[winner.night] = WinnerListing(night: winner.night, runId: winner.run.id, score: winner.run.bestScore.overall,
                                                   initialScore: winner.run.initialScore.overall, sha256: winner.run.bestSHA,
                                                   inDatabase: true, inBucket: bucket == nil ? nil : false)
        }
        if let bucket {
            for night in try await bucket.nights(client: client) {
                let key = night.description
                if listings[key] != nil {
                    listings[key]?.inBucket = true
                    continue
                }
                let manifest = try? await WinnerManifest(json: bucket.download(client: client, night: night, file: .manifest),
                                                         source: try WinnerStore.key(client: client, night: night, file: .manifest))
                listings[key] = WinnerListing(night: key, runId: manifest?.runId, score: manifest?.score, initialScore: manifest?.initialScore,
                                              sha256: manifest?.sha256, inDatabase: false, inBucket: true)
            }
        }
        return listings.keys.sorted().compactMap { listings[$0] }
    }
}
