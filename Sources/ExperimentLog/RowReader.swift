import GRDB

/// Reads typed columns from a stored row, failing with a short ``ExperimentLogError/corruptRow(table:key:reason:)``
/// instead of GRDB's decoding error, whose message quotes the whole row (patches and diffs included).
struct RowReader {
    let row: Row
    let table: String
    let key: String

    /// The column's value; NULL or an unconvertible value is an error.
    func value<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        guard let value = try optional(column, as: type) else { throw corrupt("\(column) is NULL") }
        return value
    }

    /// The column's value, or nil for NULL; an unconvertible value is an error.
    func optional<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type = Value.self) throws -> Value? {
        guard row.hasColumn(column) else { throw corrupt("no column \(column)") }
        let stored = try row.decode(DatabaseValue.self, forColumn: column)
        if stored.isNull { return nil }
        guard let value = Value.fromDatabaseValue(stored) else {
            throw corrupt("\(column) holds \(String(describing: stored).prefix(40)), not a \(Value.self)")
        }
        return value
    }

    /// The score vector stored in `<prefix>_score` and `<prefix>_<dimension>`, or nil when `<prefix>_score` is NULL.
    func scores(_ prefix: String) throws -> ScoreVector? {
        let names = ScoreColumns.names(prefix)
        guard let overall = try optional(names[0], as: Double.self) else { return nil }
        return try ScoreVector(overall: overall, dimensions: names.dropFirst().map { try value($0, as: Double.self) })
    }

    func corrupt(_ reason: String) -> ExperimentLogError {
        .corruptRow(table: table, key: key, reason: reason)
    }
}

/// The ten columns of a score vector: `<prefix>_score` then `<prefix>_<dimension>` in dimension order.
enum ScoreColumns {
    static func names(_ prefix: String) -> [String] {
        ["\(prefix)_score"] + ScoreVector.dimensionNames.map { "\(prefix)_\($0)" }
    }

    /// Column/value pairs for `vector`; all NULL for nil.
    static func pairs(_ prefix: String, _ vector: ScoreVector?) -> [(String, (any DatabaseValueConvertible)?)] {
        let values: [Double?] = vector.map { [$0.overall] + $0.dimensions } ?? Array(repeating: nil, count: 10)
        return zip(names(prefix), values).map { ($0, $1) }
    }

    /// `best_score = ?, best_coverage = ?, …` with the values bound.
    static func assignments(_ prefix: String, _ vector: ScoreVector) -> SQL {
        pairs(prefix, vector).map { name, value in SQL(sql: "\(name) = ?", arguments: [value]) }.joined(separator: ", ")
    }
}

extension Database {
    /// `INSERT INTO table (columns) VALUES (?, …) <suffix>` with the values bound. Column names
    /// come from this module's constants, never from input.
    func insert(into table: String, _ pairs: [(String, (any DatabaseValueConvertible)?)], _ suffix: String = "") throws {
        let columns = pairs.map(\.0).joined(separator: ", ")
        try execute(sql: "INSERT INTO \(table) (\(columns)) VALUES (\(databaseQuestionMarks(count: pairs.count))) \(suffix)",
                    arguments: StatementArguments(pairs.map(\.1)))
    }
}
