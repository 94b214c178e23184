import ExperimentLog
import LosslessJSON

/// `winner.json`, stored beside a night's `winning-config.json` in the bucket: which run won,
/// with what score, and the container's hash, so `winners` can list a bucket without
/// downloading containers and `rollback` can check what it downloaded.
public struct WinnerManifest: Sendable, Equatable {
    public var client: String
    public var night: String
    public var runId: Int64
    public var score: Double
    public var initialScore: Double
    public var sha256: String
    public var bytes: Int

    public init(client: String, night: String, runId: Int64, score: Double, initialScore: Double, sha256: String, bytes: Int) {
        self.client = client
        self.night = night
        self.runId = runId
        self.score = score
        self.initialScore = initialScore
        self.sha256 = sha256
        self.bytes = bytes
    }

    init(run: RunRecord, bytes: Int) {
        self.init(client: run.client, night: run.night, runId: run.id, score: run.bestScore.overall,
                  initialScore: run.initialScore.overall, sha256: run.bestSHA, bytes: bytes)
    }

    /// The JSON, keys in a fixed order, ending with a newline.
    public var json: [UInt8] {
        var object = JSONObject()
        object["client"] = .string(client)
        object["night"] = .string(night)
        object["run"] = .number(JSONNumber(Int(runId)))
        object["score"] = JSONNumber(score).map(JSONValue.number) ?? .null
        object["initial_score"] = JSONNumber(initialScore).map(JSONValue.number) ?? .null
        object["sha256"] = .string(sha256)
        object["bytes"] = .number(JSONNumber(bytes))
        return JSONWriter(layout: .pretty(indent: 2)).bytes(of: .object(object)) + [0x0A]
    }

    /// Reads a manifest; `source` names it in the error.
    /// - Throws: ``DeliveryError/badManifest(_:reason:)``.
    public init(json bytes: [UInt8], source: String) throws {
        let object: JSONObject
        do {
            guard let parsed = try JSONParser().parse(bytes).objectValue else { throw DeliveryError.badManifest(source, reason: "not a JSON object") }
            object = parsed
        } catch let error as DeliveryError {
            throw error
        } catch {
            throw DeliveryError.badManifest(source, reason: "\(error)")
        }
        func string(_ key: String) throws -> String {
            guard let text = object[key]?.stringValue else { throw DeliveryError.badManifest(source, reason: "\"\(key)\" is not a string") }
            return text
        }
        func number(_ key: String) throws -> Double {
            guard let value = object[key]?.numberValue?.doubleValue else { throw DeliveryError.badManifest(source, reason: "\"\(key)\" is not a number") }
            return value
        }
        self.init(client: try string("client"), night: try string("night"), runId: Int64(try number("run")), score: try number("score"),
                  initialScore: try number("initial_score"), sha256: try string("sha256"), bytes: Int(try number("bytes")))
    }
}
