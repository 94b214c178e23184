import Foundation
import GRDB

/// The experiment-log schema, as append-only named migrations.
///
/// Every identifier contains `experiment-log`: other modules may keep their own migrations in the
/// same file's `grdb_migrations`, and only an unknown `…experiment-log…` identifier means that a
/// newer program wrote this file. Never edit a registered migration; add the next one.
///
/// ## Tables
///
/// **`blobs`**: container exports, content-addressed and zstd-compressed.
/// - `sha256`: SHA-256 of the uncompressed bytes, 64 lowercase hex digits (primary key).
/// - `size`: uncompressed size in bytes; checked on every read.
/// - `encoding`: `zstd` (the only encoding so far).
/// - `data`: one zstd frame.
/// - `created_at`: when it was first stored (ISO-8601 UTC).
///
/// **`runs`**: one row per run, updated in the same transaction as each round.
/// - `id`: run id. `client`, `source` (the file the run started from), `mutator`.
/// - `settings`: the budgets and loop settings, JSON (`RunSettings`).
/// - `scorer_version`: the scorer that produced every score of the run.
/// - `status`: `queued` (waiting for a worker), `running`, `completed`, `stopped` or `failed`;
///   `stop_reason`: `rounds`, `minutes`, `cost`, `target`, `plateau`, `interrupted`, `cancelled`,
///   `error: …` (NULL while queued or running).
/// - `initial_sha`, `initial_score`, `initial_<dimension>`: the starting container and its scores.
/// - `best_sha`, `best_score`, `best_<dimension>`: the best container so far; `best_round` is the
///   round that produced it (0: the initial container).
/// - `rounds_done`: rounds recorded so far (the next round is `rounds_done + 1`).
/// - `input_tokens`, `output_tokens`, `cost_usd`, `elapsed_ms`: totals over the recorded rounds.
/// - `out_dir`: where the run's deliverables go. `created_at`, `updated_at`: ISO-8601 UTC.
///
/// `<dimension>` is each of `coverage`, `parameters`, `dedup`, `consent`, `naming`, `variables`,
/// `triggers`, `folders`, `alignment`; scores are REAL in [0, 1].
///
/// **`rounds`**: one row per round, written exactly once (primary key `run_id, round`).
/// - `run_id`, `round` (from 1), `target` (the dimension attacked), `rule` (the finding's rule, if any).
/// - `mutator`, `rationale`: who proposed the patch and why.
/// - `patch`: the id-addressed patch (or the raw answer when it was not a patch); `applied_patch`:
///   the positional RFC 6902 patch that replays on the parent (NULL when it did not apply);
///   `diff`: unified diff of the touched entities.
/// - `before_score`, `before_<dimension>`: the parent's scores; `after_score`, `after_<dimension>`:
///   the candidate's (NULL when rejected before scoring).
/// - `decision`: `kept`, `reverted` or `rejected`; `reason`: a guard reason code, `improved`,
///   `not_improved` or `regressed`; `detail`: free text; `regressed_dimension` for `regressed`.
/// - `parent_sha`: the container the round started from; `candidate_sha`: the candidate's hash
///   when the patch applied (its blob is stored for kept rounds).
/// - `input_tokens`, `output_tokens`, `cost_usd`, `duration_ms`, `started_at`, `finished_at`.
/// - `qa` (v3): for a kept round, the QA checks' verdicts on the candidate, a JSON array of
///   `{"check", "scenario", "passed", "findings": [{"message", "event", "step", "tag"}]}`;
///   NULL for other rounds, for server containers and for rounds recorded before v3.
///
/// ## Views
///
/// **`run_progress`**: one row per run: `id`, `client`, `status`, `rounds_done`, `kept`,
/// `reverted`, `rejected` (round counts), `initial_score`, `best_score`, `best_round`,
/// `last_decision`, `last_reason` (of the latest round), `cost_usd`, `updated_at`.
///
/// **`round_summary`**: rounds grouped by `run_id`, `decision`, `reason`: `rounds`, `first_round`,
/// `last_round`, `mean_gain` (mean `after_score - before_score`, NULL when none was scored),
/// `input_tokens`, `output_tokens`, `cost_usd`, `mean_duration_ms`.
///
/// **`target_summary`**: rounds grouped by `run_id`, `target`: `rounds`, `kept`, `reverted`,
/// `rejected`, `gain` (overall score gained by the kept rounds on that target).
enum Migrations {
    /// The text every experiment-log migration identifier contains.
    static let namespace = "experiment-log"

    /// Adds the experiment-log migrations to `migrator`, for a program that runs one migrator over
    /// the whole database.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1-experiment-log") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-experiment-log-queued-runs") { db in
            try allowQueuedStatus(db)
        }
        migrator.registerMigration("v3-experiment-log-round-qa") { db in
            // A new nullable column: existing rounds read as "no QA recorded", nothing is rewritten.
            try db.execute(sql: "ALTER TABLE rounds ADD COLUMN qa TEXT CHECK (qa IS NULL OR json_type(qa) = 'array')")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        register(in: &migrator)
        return migrator
    }

    /// v2: runs enqueued on the fleet start as `queued`. SQLite cannot change a CHECK in place, so
    /// the table is rebuilt from its own stored definition (GRDB runs migrations with foreign keys
    /// off and checks them afterwards), and the view that reads it is dropped and made again.
    private static func allowQueuedStatus(_ db: Database) throws {
        let old = "CHECK (status IN ('running', 'completed', 'stopped', 'failed'))"
        let new = "CHECK (status IN ('queued', 'running', 'completed', 'stopped', 'failed'))"
        guard let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'runs'"),
              definition.contains(old), definition.hasPrefix("CREATE TABLE runs (")
        else { throw DatabaseError(message: "runs table has an unexpected definition; cannot add the queued status") }
        let viewDefinition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'run_progress'")
        try db.execute(sql: "DROP VIEW IF EXISTS run_progress")
        let rebuilt = definition.replacingOccurrences(of: old, with: new)
            .replacingOccurrences(of: "CREATE TABLE runs (", with: "CREATE TABLE runs_v2 (")
        try db.execute(sql: rebuilt)
        try db.execute(sql: "INSERT INTO runs_v2 SELECT * FROM runs")
        try db.execute(sql: "DROP TABLE runs")
        try db.execute(sql: "ALTER TABLE runs_v2 RENAME TO runs")
        try db.execute(sql: "CREATE INDEX runs_by_client ON runs (client, id)")
        if let viewDefinition { try db.execute(sql: viewDefinition) }
    }

    private static let v1 = """
        CREATE TABLE blobs (
            sha256     TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
            size       INTEGER NOT NULL CHECK (size >= 0),
            encoding   TEXT NOT NULL CHECK (encoding IN ('zstd')),
            data       BLOB NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE runs (
            id                INTEGER PRIMARY KEY,
            client            TEXT NOT NULL,
            source            TEXT NOT NULL,
            mutator           TEXT NOT NULL,
            settings          TEXT NOT NULL CHECK (json_valid(settings)),
            scorer_version    TEXT NOT NULL,
            status            TEXT NOT NULL CHECK (status IN ('running', 'completed', 'stopped', 'failed')),
            stop_reason       TEXT,
            initial_sha       TEXT NOT NULL REFERENCES blobs (sha256),
            initial_score     REAL NOT NULL,
            initial_coverage  REAL NOT NULL,
            initial_parameters REAL NOT NULL,
            initial_dedup     REAL NOT NULL,
            initial_consent   REAL NOT NULL,
            initial_naming    REAL NOT NULL,
            initial_variables REAL NOT NULL,
            initial_triggers  REAL NOT NULL,
            initial_folders   REAL NOT NULL,
            initial_alignment REAL NOT NULL,
            best_sha          TEXT NOT NULL REFERENCES blobs (sha256),
            best_score        REAL NOT NULL,
            best_coverage     REAL NOT NULL,
            best_parameters   REAL NOT NULL,
            best_dedup        REAL NOT NULL,
            best_consent      REAL NOT NULL,
            best_naming       REAL NOT NULL,
            best_variables    REAL NOT NULL,
            best_triggers     REAL NOT NULL,
            best_folders      REAL NOT NULL,
            best_alignment    REAL NOT NULL,
            best_round        INTEGER NOT NULL DEFAULT 0 CHECK (best_round BETWEEN 0 AND rounds_done),
            rounds_done       INTEGER NOT NULL DEFAULT 0 CHECK (rounds_done >= 0),
            input_tokens      INTEGER NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
            output_tokens     INTEGER NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
            cost_usd          REAL NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
            elapsed_ms        REAL NOT NULL DEFAULT 0 CHECK (elapsed_ms >= 0),
            out_dir           TEXT,
            created_at        TEXT NOT NULL,
            updated_at        TEXT NOT NULL
        );
        CREATE INDEX runs_by_client ON runs (client, id);

        CREATE TABLE rounds (
            run_id            INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            round             INTEGER NOT NULL CHECK (round >= 1),
            target            TEXT NOT NULL CHECK (target IN ('coverage', 'parameters', 'dedup', 'consent', 'naming',
                                                              'variables', 'triggers', 'folders', 'alignment')),
            rule              TEXT,
            mutator           TEXT NOT NULL,
            rationale         TEXT NOT NULL,
            patch             TEXT NOT NULL,
            applied_patch     TEXT,
            diff              TEXT NOT NULL,
            before_score      REAL NOT NULL,
            before_coverage   REAL NOT NULL,
            before_parameters REAL NOT NULL,
            before_dedup      REAL NOT NULL,
            before_consent    REAL NOT NULL,
            before_naming     REAL NOT NULL,
            before_variables  REAL NOT NULL,
            before_triggers   REAL NOT NULL,
            before_folders    REAL NOT NULL,
            before_alignment  REAL NOT NULL,
            after_score       REAL,
            after_coverage    REAL,
            after_parameters  REAL,
            after_dedup       REAL,
            after_consent     REAL,
            after_naming      REAL,
            after_variables   REAL,
            after_triggers    REAL,
            after_folders     REAL,
            after_alignment   REAL,
            decision          TEXT NOT NULL CHECK (decision IN ('kept', 'reverted', 'rejected')),
            reason            TEXT NOT NULL,
            detail            TEXT NOT NULL,
            regressed_dimension TEXT CHECK (regressed_dimension IN ('coverage', 'parameters', 'dedup', 'consent', 'naming',
                                                                    'variables', 'triggers', 'folders', 'alignment')),
            parent_sha        TEXT NOT NULL,
            candidate_sha     TEXT,
            input_tokens      INTEGER NOT NULL CHECK (input_tokens >= 0),
            output_tokens     INTEGER NOT NULL CHECK (output_tokens >= 0),
            cost_usd          REAL NOT NULL CHECK (cost_usd >= 0),
            duration_ms       REAL NOT NULL CHECK (duration_ms >= 0),
            started_at        TEXT NOT NULL,
            finished_at       TEXT NOT NULL,
            PRIMARY KEY (run_id, round),
            CHECK (decision = 'rejected' OR after_score IS NOT NULL),
            CHECK (decision <> 'kept' OR candidate_sha IS NOT NULL)
        );
        -- Serves the kept/reverted/rejected counts of run_progress without reading the rows.
        CREATE INDEX rounds_by_decision ON rounds (run_id, decision);

        CREATE VIEW run_progress AS
        SELECT r.id, r.client, r.status, r.rounds_done,
               (SELECT count(*) FROM rounds k WHERE k.run_id = r.id AND k.decision = 'kept') AS kept,
               (SELECT count(*) FROM rounds k WHERE k.run_id = r.id AND k.decision = 'reverted') AS reverted,
               (SELECT count(*) FROM rounds k WHERE k.run_id = r.id AND k.decision = 'rejected') AS rejected,
               r.initial_score, r.best_score, r.best_round,
               last.decision AS last_decision, last.reason AS last_reason,
               r.cost_usd, r.updated_at
        FROM runs r
        LEFT JOIN rounds last ON last.run_id = r.id AND last.round = r.rounds_done;

        CREATE VIEW round_summary AS
        SELECT run_id, decision, reason, count(*) AS rounds,
               min(round) AS first_round, max(round) AS last_round,
               avg(after_score - before_score) AS mean_gain,
               sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
               sum(cost_usd) AS cost_usd, avg(duration_ms) AS mean_duration_ms
        FROM rounds
        GROUP BY run_id, decision, reason;

        CREATE VIEW target_summary AS
        SELECT run_id, target, count(*) AS rounds,
               sum(decision = 'kept') AS kept, sum(decision = 'reverted') AS reverted, sum(decision = 'rejected') AS rejected,
               total(CASE WHEN decision = 'kept' THEN after_score - before_score END) AS gain
        FROM rounds
        GROUP BY run_id, target;
        """
}
