import GRDB

/// The job-queue schema, as append-only named migrations in the same file as the experiment log.
/// Every identifier contains `job-queue`; never edit a registered migration, add the next one.
///
/// ## Tables
///
/// **`jobs`**: one row per job, in every state (see ``JobState``).
/// - `id`; `queue` (the stage: `round`, …); `state`: `available`, `running`, `succeeded`, `failed`
///   (waiting out its retry backoff until `run_at`), `dead` (attempts used up), `cancelled`.
/// - `priority` (lower first), `run_at` (not claimed before; ISO-8601 UTC like every time here).
/// - `attempts` (claims so far), `max_attempts`.
/// - `lease_owner` (a `workers.id`), `lease_expires_at`: set exactly while `running`.
/// - `idempotency_key`: unique per queue when not NULL.
/// - `payload`, `result`: JSON text; `last_error`: the latest failure, kept after a retry.
/// - `created_at`, `updated_at`, `started_at` (latest claim), `finished_at`.
///
/// **`workers`**: one row per worker process: `id` (`host:pid:random`), `name`, `queue`, `host`,
/// `pid`, `concurrency`, `state` (`running`, `stopping`, `stopped`, or `dead` once its heartbeat is
/// older than the dead-after limit), `started_at`, `heartbeat_at`, `stopped_at`, `jobs_succeeded`,
/// `jobs_failed`.
///
/// **`paused_queues`**: a row per paused queue (`queue`, `paused_at`); workers claim nothing from it.
///
/// **`recurring_ticks`**: one row per schedule tick enqueued (`task`, `tick_at`, `job_id`,
/// `run_id`, `created_at`), primary key `(task, tick_at)`: two schedulers cannot enqueue one tick twice.
///
/// ## Views
///
/// **`queue_summary`**: per queue and state: `jobs`, `oldest_run_at`, `oldest_created_at`,
/// `paused` (1 when the queue is paused).
///
/// **`dead_letters`**: dead jobs with `attempts`, `last_error`, `payload`, `finished_at`.
enum JobQueueMigrations {
    static let namespace = "job-queue"

    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1-job-queue") { db in
            try db.execute(sql: v1)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        register(in: &migrator)
        return migrator
    }

    private static let v1 = """
        CREATE TABLE jobs (
            id               INTEGER PRIMARY KEY,
            queue            TEXT NOT NULL CHECK (queue <> ''),
            state            TEXT NOT NULL CHECK (state IN ('available', 'running', 'succeeded', 'failed', 'dead', 'cancelled')),
            priority         INTEGER NOT NULL DEFAULT 0,
            run_at           TEXT NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            max_attempts     INTEGER NOT NULL CHECK (max_attempts >= 1),
            lease_owner      TEXT,
            lease_expires_at TEXT,
            idempotency_key  TEXT,
            payload          TEXT NOT NULL CHECK (json_valid(payload)),
            result           TEXT CHECK (result IS NULL OR json_valid(result)),
            last_error       TEXT,
            created_at       TEXT NOT NULL,
            updated_at       TEXT NOT NULL,
            started_at       TEXT,
            finished_at      TEXT,
            CHECK ((state = 'running') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
        );
        -- The claim: available jobs of one queue in priority, run_at, id order. Partial, so the
        -- finished jobs that pile up over months are not in it, and no sort happens per claim.
        CREATE INDEX jobs_claim ON jobs (queue, priority, run_at, id) WHERE state = 'available';
        -- The reaper: running jobs by lease expiry.
        CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE state = 'running';
        -- Failed jobs whose backoff is over go back to available at the next claim.
        CREATE INDEX jobs_retries ON jobs (run_at) WHERE state = 'failed';
        CREATE UNIQUE INDEX jobs_idempotency ON jobs (queue, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX jobs_by_state ON jobs (queue, state);

        CREATE TABLE workers (
            id             TEXT PRIMARY KEY NOT NULL,
            name           TEXT NOT NULL,
            queue          TEXT NOT NULL,
            host           TEXT NOT NULL,
            pid            INTEGER NOT NULL,
            concurrency    INTEGER NOT NULL CHECK (concurrency >= 1),
            state          TEXT NOT NULL CHECK (state IN ('running', 'stopping', 'stopped', 'dead')),
            started_at     TEXT NOT NULL,
            heartbeat_at   TEXT NOT NULL,
            stopped_at     TEXT,
            jobs_succeeded INTEGER NOT NULL DEFAULT 0,
            jobs_failed    INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE paused_queues (
            queue     TEXT PRIMARY KEY NOT NULL,
            paused_at TEXT NOT NULL
        );

        CREATE TABLE recurring_ticks (
            task       TEXT NOT NULL,
            tick_at    TEXT NOT NULL,
            job_id     INTEGER,
            run_id     INTEGER,
            created_at TEXT NOT NULL,
            PRIMARY KEY (task, tick_at)
        );

        CREATE VIEW queue_summary AS
        SELECT queue, state, count(*) AS jobs, min(run_at) AS oldest_run_at, min(created_at) AS oldest_created_at,
               EXISTS (SELECT 1 FROM paused_queues p WHERE p.queue = jobs.queue) AS paused
        FROM jobs
        GROUP BY queue, state;

        CREATE VIEW dead_letters AS
        SELECT id, queue, attempts, max_attempts, last_error, payload, created_at, finished_at
        FROM jobs
        WHERE state = 'dead';
        """
}
