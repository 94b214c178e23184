import LosslessJSON

extension StagingWorkspace {
    /// One published night: a line of `history/index.jsonl`.
    ///
    /// The line's keys, in order: `date`, `run`, `client`, `score`, `sha256`, `bytes`, `file`.
    public struct Entry: Sendable, Equatable {
        /// `YYYY-MM-DD`.
        public var date: String
        public var runId: Int64
        public var client: String
        /// The overall score of the published container.
        public var score: Double
        /// SHA-256 (hex) of the container.
        public var sha256: String
        /// The container's size in bytes.
        public var bytes: Int
        /// The history copy, relative to the workspace folder: `history/<date>-run<id>.json`.
        public var file: String

        public init(date: String, runId: Int64, client: String, score: Double, sha256: String, bytes: Int, file: String) {
            self.date = date
            self.runId = runId
            self.client = client
            self.score = score
            self.sha256 = sha256
            self.bytes = bytes
            self.file = file
        }

        /// The index line's JSON (compact, keys in the documented order).
        var jsonValue: JSONValue {
            var object = JSONObject()
            object["date"] = .string(date)
            object["run"] = .number(JSONNumber(Int(runId)))
            object["client"] = .string(client)
            object["score"] = JSONNumber(score).map(JSONValue.number) ?? .null
            object["sha256"] = .string(sha256)
            object["bytes"] = .number(JSONNumber(bytes))
            object["file"] = .string(file)
            return .object(object)
        }

        /// Reads an index line; `path` and `lineNumber` are for the error.
        init(line: ArraySlice<UInt8>, path: String, lineNumber: Int) throws {
            func corrupt(_ reason: String) -> StagingWorkspaceError {
                .corruptIndex(path: path, line: lineNumber, reason: reason)
            }
            let value: JSONValue
            do {
                value = try JSONParser().parse(line)
            } catch {
                throw corrupt(String(describing: error))
            }
            guard let object = value.objectValue else { throw corrupt("not an object") }
            func string(_ key: String) throws -> String {
                guard let text = object[key]?.stringValue else { throw corrupt("\"\(key)\" is not a string") }
                return text
            }
            func integer(_ key: String) throws -> Int {
                guard let number = object[key]?.numberValue?.intValue else { throw corrupt("\"\(key)\" is not an integer") }
                return number
            }
            // Checked in key order, so the error names the first bad field.
            let date = try string("date"), runId = try integer("run"), client = try string("client")
            guard let score = object["score"]?.numberValue?.doubleValue else { throw corrupt("\"score\" is not a number") }
            self.init(date: date, runId: Int64(runId), client: client, score: score,
                      sha256: try string("sha256"), bytes: try integer("bytes"), file: try string("file"))
        }
    }
}
