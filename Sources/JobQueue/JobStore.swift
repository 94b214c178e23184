public import Foundation
public import GRDB

/// The job queue of SPEC §5, in the deployment's SQLite file beside the experiment log.
///
/// Every method is one short `BEGIN IMMEDIATE` transaction on the pool's writer (or a read), so
/// any number of worker processes can share the file: a writer waits for the lock up to the busy
/// timeout the pool was opened with instead of failing with `SQLITE_BUSY`. Worker writes are
/// fenced by ``Lease``: a worker that lost its lease cannot overwrite anything.
public struct JobStore: Sendable {
    /// The pool of the database file (``ExperimentLog/pool`` when both share it).
    public let pool: DatabasePool
    /// Now; injected so lease and backoff tests need not sleep.
    public let clock: @Sendable () -> Date
    public var backoff: Backoff
    /// A uniform random number in 0..<1 for backoff jitter; injected for tests.
    public var random: @Sendable () -> Double

    /// Opens the queue on `pool`, creating or upgrading its tables.
    /// - Throws: ``JobQueueError/database(operation:message:)`` when the schema cannot be set up,
    ///   or when a newer program has already upgraded it.
    public init(pool: DatabasePool, clock: @escaping @Sendable () -> Date = { Date() }, backoff: Backoff = Backoff(),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) throws
    {
        self.pool = pool
        self.clock = clock
        self.backoff = backoff
        self.random = random
        try Self.migrate(pool)
    }

    /// Adds the queue's migrations to a program-wide migrator.
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        JobQueueMigrations.register(in: &migrator)
    }

    private static func migrate(_ pool: DatabasePool) throws {
        let migrator = JobQueueMigrations.migrator
        try wrap("set up the job queue tables") {
            let applied = try pool.read { try migrator.appliedIdentifiers($0) }
            let unknown = applied.filter { $0.contains(JobQueueMigrations.namespace) && !migrator.migrations.contains($0) }
            guard unknown.isEmpty else {
                throw JobQueueError.database(operation: "open the job queue",
                                             message: "a newer gtm-autoresearch upgraded this database (\(unknown.sorted().joined(separator: ", ")))")
            }
            // Processes opening a fresh file together may race on a migration; the loser fails
            // ("table already exists"), rolls back, and finds it applied on the next pass.
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
        }
    }

    // MARK: - Helpers

    /// `date` as stored: ISO-8601 UTC with milliseconds, which also sorts as text.
    static func text(_ date: Date) -> String {
        date.formatted(timestampStyle)
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    var now: Date { clock() }

    /// One `BEGIN IMMEDIATE` transaction: committed when `updates` returns, rolled back when it throws.
    func write<T>(_ operation: @autoclosure () -> String, _ updates: (Database) throws -> T) throws -> T {
        try Self.wrap(operation()) {
            try pool.writeWithoutTransaction { db in
                var outcome: T?
                try db.inTransaction(.immediate) {
                    outcome = try updates(db)
                    return .commit
                }
                return outcome!
            }
        }
    }

    func read<T>(_ operation: @autoclosure () -> String, _ body: (Database) throws -> T) throws -> T {
        try Self.wrap(operation()) { try pool.read(body) }
    }

    /// Turns SQLite errors into one-line ``JobQueueError``s; errors of other kinds pass through.
    static func wrap<T>(_ operation: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw JobQueueError.database(operation: operation(), message: error.message ?? "\(error.resultCode)")
        }
    }
}

extension JobStore {
    /// One `BEGIN IMMEDIATE` transaction for writes that span the queue and other tables (a new
    /// run and its first job). SQLite errors come back as ``JobQueueError/database(operation:message:)``.
    public func transaction<T>(_ operation: String, _ updates: (Database) throws -> T) throws -> T {
        try write(operation, updates)
    }
}
