public import Foundation
public import GRDB

/// The SQLite experiment log (SPEC §8 phase 1): runs, their rounds, and the containers they
/// produced, in one database file shared by every process of a deployment.
///
/// Opening sets up WAL with `synchronous=NORMAL`, foreign keys, a busy timeout, and runs the
/// schema migrations (the schema is documented in `Migrations.swift`). Every write is one `BEGIN IMMEDIATE` transaction, so
/// several processes can write the same file: a writer waits for the lock (up to the busy
/// timeout) instead of failing with `SQLITE_BUSY` when it upgrades from reading to writing.
///
/// Methods are synchronous and block the calling thread for the duration of the SQLite work.
public final class ExperimentLog: Sendable {
    /// The file name used when neither `--db` nor `GTM_AUTORESEARCH_DB` names one.
    public static let defaultFileName = "gtm-autoresearch.sqlite"
    /// The environment variable that names the database file.
    public static let environmentVariable = "GTM_AUTORESEARCH_DB"

    /// Bytes the WAL file is truncated to after a complete checkpoint.
    public static let walSizeLimit = 16 << 20

    /// The database file, as given.
    public let path: String
    /// The connection pool; one per process and file. Exposed so a job queue in the same file can
    /// run ``record(_:candidate:in:now:compressionLevel:)`` inside its own transaction.
    public let pool: DatabasePool
    let compressionLevel: Int32
    let clock: @Sendable () -> Date

    /// Opens (creating if needed) and migrates the log at `path`.
    /// - Parameters:
    ///   - busyTimeout: How long a write waits for another connection's write lock before failing with `SQLITE_BUSY`.
    ///   - compressionLevel: The zstd level for new blobs.
    ///   - clock: The source of `created_at`/`updated_at` times.
    /// - Throws: ``ExperimentLogError/notADatabase(path:)``, ``ExperimentLogError/newerSchema(path:unknownMigrations:)``
    ///   or ``ExperimentLogError/cannotOpen(path:reason:)``, each naming the file.
    public convenience init(path: String, busyTimeout: TimeInterval = 5, compressionLevel: Int32 = Zstd.defaultLevel,
                            clock: @escaping @Sendable () -> Date = { Date() }) throws
    {
        try self.init(path: path, busyTimeout: busyTimeout, compressionLevel: compressionLevel, clock: clock, prepareConnection: nil)
    }

    /// `prepareConnection` runs on every new connection after GRDB's own setup (tests trace statements with it).
    init(path: String, busyTimeout: TimeInterval, compressionLevel: Int32, clock: @escaping @Sendable () -> Date,
         prepareConnection: (@Sendable (Database) throws -> Void)?) throws
    {
        self.path = path
        self.compressionLevel = compressionLevel
        self.clock = clock
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "ExperimentLog"
        // Once a checkpoint has caught up, the WAL file is cut back to this size instead of
        // keeping its high-water mark (the job queue's checkpoint policy relies on it).
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_size_limit = \(ExperimentLog.walSizeLimit)") }
        if let prepareConnection { configuration.prepareDatabase(prepareConnection) }
        // A pool is WAL with synchronous=NORMAL (GRDB sets both when it opens the writer). Switching
        // a fresh file to WAL takes a lock that SQLite does not wait for through the busy handler, so
        // processes opening a new file together can get SQLITE_BUSY here: retry until the timeout.
        let deadline = Date().addingTimeInterval(busyTimeout)
        var attempt = 0
        while true {
            do {
                pool = try DatabasePool(path: path, configuration: configuration)
                break
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                attempt += 1
                Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.02) * Double(min(attempt, 5)))
            } catch {
                throw Self.openError(path: path, error)
            }
        }
        try Self.migrate(pool, path: path)
    }

    /// `GTM_AUTORESEARCH_DB` when set and not empty, else `./gtm-autoresearch.sqlite`. The CLI's `--db` overrides both.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        return "./" + defaultFileName
    }

    /// Closes every connection; later calls fail. Also happens when the log is deinitialized.
    public func close() throws {
        try database("close \(path)") { try pool.close() }
    }

    /// Adds the experiment-log migrations to a program-wide migrator (for a process that migrates
    /// the whole database in one place before opening the log).
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        Migrations.register(in: &migrator)
    }

    // MARK: - Opening

    private static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = Migrations.migrator
        do {
            let applied = try pool.read { try migrator.appliedIdentifiers($0) }
            let unknown = applied.filter { $0.contains(Migrations.namespace) && !migrator.migrations.contains($0) }
            guard unknown.isEmpty else { throw ExperimentLogError.newerSchema(path: path, unknownMigrations: unknown.sorted()) }
            // GRDB reads the applied set before each migration's transaction, so two processes
            // opening a fresh file together may both try a migration; the second fails ("table
            // already exists"), rolls back, and the next pass finds it applied. One extra pass per
            // migration covers any interleaving.
            var failures = 0
            while true {
                do {
                    try migrator.migrate(pool)
                    return
                } catch {
                    failures += 1
                    if failures > migrator.migrations.count { throw error }
                }
            }
        } catch let error as ExperimentLogError {
            throw error
        } catch {
            throw openError(path: path, error)
        }
    }

    private static func openError(path: String, _ error: any Error) -> ExperimentLogError {
        guard let error = error as? DatabaseError else { return .cannotOpen(path: path, reason: String(describing: error)) }
        if error.resultCode == .SQLITE_NOTADB { return .notADatabase(path: path) }
        return .cannotOpen(path: path, reason: "SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown")")
    }

    // MARK: - Helpers for the extensions

    /// Now, as stored in `created_at` and `updated_at`.
    func timestamp() -> String {
        Timestamp.string(from: clock())
    }

    /// Runs `updates` in one `BEGIN IMMEDIATE` transaction on the pool's writer: committed when it
    /// returns, rolled back when it throws.
    func writeImmediate<T>(_ updates: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var outcome: T?
            try db.inTransaction(.immediate) {
                outcome = try updates(db)
                return .commit
            }
            // `inTransaction` returns only after `updates` returned and the commit succeeded.
            guard let outcome else {
                throw ExperimentLogError.database(operation: "write", code: 1, message: "transaction ended without a result")
            }
            return outcome
        }
    }

    /// Runs `body`, turning an SQLite error into ``ExperimentLogError/database(operation:code:message:)``
    /// that says what was being done. GRDB's own message quotes the SQL and is not one line.
    func database<T>(_ operation: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw ExperimentLogError.database(operation: operation(), code: error.resultCode.rawValue,
                                              message: error.message ?? String(describing: error.resultCode))
        }
    }
}
