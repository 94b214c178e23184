import Foundation
import LosslessJSON
import Testing
import SystemdNotify
import TestSupport

/// The fleet as it runs on a build box: real worker and scheduler processes around one SQLite file.
@Suite("Fleet processes", .serialized)
struct FleetProcessTests {
    let example = Corpus.repositoryRoot.appendingPathComponent("Examples/acme-shop.json").path

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// 4 workers, 20 runs of 50 rounds; a random worker is killed with SIGKILL every 150–450 ms and
    /// replaced. At the end every run has exactly its 50 rounds, none twice, no job is left running,
    /// and each run's best container is the blob of its best kept round — the same rounds a single
    /// uninterrupted `run` records.
    @Test(.timeLimit(.minutes(5))) func killingWorkersAtRandomLosesAndRepeatsNothing() async throws {
        try await onOwnThread { try self.killingWorkersAtRandomLosesAndRepeatsNothingBlocking() }
    }

    private func killingWorkersAtRandomLosesAndRepeatsNothingBlocking() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("state.sqlite").path
        let runs = 20, rounds = 50
        for seed in 1...runs {
            let queued = try CLIProcess.run(["queue", "run", "--client", "client-\(seed)", "--container", example, "--rounds", "\(rounds)",
                                             "--seed", "\(seed)", "--max-attempts", "10", "--db", db, "--out", dir.appendingPathComponent("out/\(seed)").path])
            #expect(queued.status == 0, "\(queued.stderr)")
        }
        let workerArguments = ["worker", "--db", db, "--lease", "2", "--heartbeat", "0.5", "--poll", "0.05", "--grace", "5", "--log-level", "warning"]
        var workers = try (0..<4).map { _ in try BackgroundProcess(workerArguments) }
        var random = SplitMix64(seed: 2026)
        var kills = 0
        let deadline = Date().addingTimeInterval(240)
        func unfinished() throws -> Int { Int(try SQLiteShell.scalar(db, "SELECT count(*) FROM runs WHERE status <> 'completed'")) ?? -1 }
        while try unfinished() > 0 && Date() < deadline {
            usleep(UInt32.random(in: 150_000...450_000, using: &random))
            let victim = Int.random(in: 0..<workers.count, using: &random)
            workers[victim].signal(SIGKILL)
            _ = workers[victim].waitForExit(seconds: 5)
            kills += 1
            workers[victim] = try BackgroundProcess(workerArguments)
        }
        #expect(try unfinished() == 0, "runs left unfinished after 240 s")
        // A worker signalled before it has even loaded would die of the signal: wait until each
        // has registered (its services, signal handlers included, are running by then).
        for worker in workers {
            #expect(try eventually(seconds: 20) { try SQLiteShell.scalar(db, "SELECT count(*) FROM workers WHERE pid = \(worker.pid)") == "1" })
            worker.signal(SIGTERM)
        }
        for worker in workers { #expect(worker.waitForExit(seconds: 15) == 0, "\(worker.stderr)") }
        #expect(kills >= 10, "the chaos loop killed only \(kills) workers")

        #expect(try SQLiteShell.scalar(db, "SELECT count(*) FROM runs WHERE status = 'completed' AND rounds_done = \(rounds)") == "\(runs)")
        let shapes = try SQLiteShell.query(db, "SELECT count(*) || ' ' || count(DISTINCT round) || ' ' || min(round) || ' ' || max(round) FROM rounds GROUP BY run_id")
        #expect(shapes == Array(repeating: "\(rounds) \(rounds) 1 \(rounds)", count: runs))
        #expect(try SQLiteShell.scalar(db, "SELECT count(*) FROM jobs WHERE state = 'running'") == "0")
        #expect(try SQLiteShell.scalar(db, "SELECT count(*) FROM jobs WHERE queue = 'round'") == "\(runs * rounds)")
        #expect(try SQLiteShell.scalar(db, "SELECT count(*) FROM jobs WHERE queue = 'round' AND state <> 'succeeded'") == "0")
        // Each run's end enqueued its delivery exactly once, whichever worker ended it.
        #expect(try SQLiteShell.scalar(db, "SELECT count(DISTINCT json_extract(payload, '$.run_id')) || ' ' || count(*) FROM jobs WHERE queue = 'deliver'")
            == "\(runs) \(runs)")
        // Some jobs were really taken from a killed worker: their attempts show it.
        #expect(Int(try SQLiteShell.scalar(db, "SELECT count(*) FROM jobs WHERE attempts > 1")) ?? 0 > 0)
        // Each run's best is the blob of its best kept round (the initial container if none was kept).
        let wrongBest = try SQLiteShell.query(db, """
            SELECT r.id FROM runs r
            WHERE r.best_sha <> coalesce((SELECT k.candidate_sha FROM rounds k WHERE k.run_id = r.id AND k.decision = 'kept'
                                          ORDER BY k.after_score DESC, k.round DESC LIMIT 1), r.initial_sha)
               OR r.best_round <> coalesce((SELECT max(k.round) FROM rounds k WHERE k.run_id = r.id AND k.decision = 'kept'), 0)
               OR NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = r.best_sha)
            """)
        #expect(wrongBest.isEmpty, "runs whose best is not their best kept round: \(wrongBest)")

        // The chained, killed runs record what an uninterrupted single-process run records.
        let reference = dir.appendingPathComponent("reference.sqlite").path
        for seed in [1, 7, 20] {
            let single = try CLIProcess.run(["run", example, "--rounds", "\(rounds)", "--seed", "\(seed)", "--db", reference,
                                             "--out", dir.appendingPathComponent("reference/\(seed)").path])
            #expect(single.status == 0, "\(single.stderr)")
            let sql = "SELECT round || ' ' || decision || ' ' || reason || ' ' || coalesce(candidate_sha, '-') FROM rounds WHERE run_id = %@ ORDER BY round"
            let referenceId = try SQLiteShell.scalar(reference, "SELECT id FROM runs ORDER BY id DESC LIMIT 1")
            let chainedId = try SQLiteShell.scalar(db, "SELECT id FROM runs WHERE client = 'client-\(seed)'")
            #expect(try SQLiteShell.query(db, sql.replacingOccurrences(of: "%@", with: chainedId))
                == SQLiteShell.query(reference, sql.replacingOccurrences(of: "%@", with: referenceId)))
        }
        // The round worker that ends a run writes its files right after the commit, but a SIGKILL can
        // land in between; the run's deliver job is what guarantees them.
        let deliver = try CLIProcess.run(["worker", "--queue", "deliver", "--db", db, "--exit-when-idle", "--poll", "0.05"])
        #expect(deliver.status == 0, "\(deliver.stderr)")
        #expect(try SQLiteShell.scalar(db, "SELECT count(*) FROM jobs WHERE queue = 'deliver' AND state = 'succeeded'") == "\(runs)")
        for seed in 1...runs {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/\(seed)/winning-config.json").path), "run of seed \(seed)")
        }
    }

    /// A valid OpenAI-style answer for the example: consent for the Meta pixel (tag 7).
    static let patch = #"{"ops":[{"op":"add","path":"/tag/7/consentSettings","from":null,"value_json":"{\"consentStatus\":\"NEEDED\",\"consentType\":{\"type\":\"LIST\",\"list\":[{\"type\":\"TEMPLATE\",\"value\":\"ad_storage\"},{\"type\":\"TEMPLATE\",\"value\":\"ad_user_data\"},{\"type\":\"TEMPLATE\",\"value\":\"ad_personalization\"}]}}"}],"rationale":"consent","rule":"consent.vendor_types"}"#

    /// Enqueues a run whose mutator is the local OpenAI-compatible fixture, and starts one worker.
    func slowRoundInFlight(_ session: FixtureSession, delay: Double, grace: Double, in dir: URL) async throws -> (db: String, worker: BackgroundProcess) {
        try await session.script([reply(body: OpenAIBody.completion(content: Self.patch), delay: delay)])
        let db = dir.appendingPathComponent("state.sqlite").path
        let queued = try CLIProcess.run(["queue", "run", "--client", "acme", "--container", example, "--rounds", "2", "--mutator", "openai",
                                         "--base-url", session.baseURL + "/v1", "--db", db, "--out", dir.appendingPathComponent("out").path],
                                        environment: ["OPENAI_API_KEY": ""])
        #expect(queued.status == 0, "\(queued.stderr)")
        let worker = try BackgroundProcess(["worker", "--db", db, "--grace", "\(grace)", "--lease", "10", "--heartbeat", "1", "--poll", "0.05"],
                                           environment: ["OPENAI_API_KEY": ""])
        // Mid-job: the worker has claimed round 1 and is waiting for the model's answer.
        var asked = false
        for _ in 0..<500 where !asked {
            asked = try await !session.requests().isEmpty
            if !asked { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(asked, "the worker never called the model: \(worker.stderr)")
        return (db, worker)
    }

    /// SIGTERM mid-job with time to spare: the job completes, its round is recorded, and the worker
    /// exits 0 without claiming the next round.
    @Test(.timeLimit(.minutes(1))) func sigtermLetsTheJobInHandFinish() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withFixtureSession { session in
            let (db, worker) = try await slowRoundInFlight(session, delay: 1.5, grace: 10, in: dir)
            let signalled = Date()
            worker.signal(SIGTERM)
            let status = try await onOwnThread { worker.waitForExit(seconds: 10) }
            #expect(status == 0, "\(worker.stderr)")
            #expect(Date().timeIntervalSince(signalled) < 10)
            #expect(try SQLiteShell.query(db, "SELECT round, decision FROM rounds") == ["1|kept"])
            #expect(try SQLiteShell.query(db, "SELECT json_extract(payload, '$.round'), state FROM jobs ORDER BY id") == ["1|succeeded", "2|available"])
            #expect(try SQLiteShell.scalar(db, "SELECT state FROM workers") == "stopped")
            #expect(worker.stderr.contains("stopping: no new claims"))
        }
    }

    /// SIGTERM mid-job with a short grace: the job goes back to the queue untouched (its attempt not
    /// counted), nothing is recorded, and the worker exits 0 within the grace period and a little.
    @Test(.timeLimit(.minutes(1))) func sigtermReleasesAJobThatOutlivesTheGrace() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withFixtureSession { session in
            let (db, worker) = try await slowRoundInFlight(session, delay: 30, grace: 1, in: dir)
            let signalled = Date()
            worker.signal(SIGTERM)
            let status = try await onOwnThread { worker.waitForExit(seconds: 10) }
            #expect(status == 0, "\(worker.stderr)")
            #expect(Date().timeIntervalSince(signalled) < 5)
            #expect(try SQLiteShell.query(db, "SELECT count(*) FROM rounds") == ["0"])
            #expect(try SQLiteShell.query(db, "SELECT state, attempts, lease_owner IS NULL FROM jobs") == ["available|0|1"])
            #expect(try SQLiteShell.scalar(db, "SELECT status FROM runs") == "queued")
        }
    }

    /// Two schedulers started together for the same tick enqueue each client's run once; the next
    /// tick enqueues the next night; a bad configuration file is one line and exit 65.
    @Test(.timeLimit(.minutes(1))) func twoSchedulerProcessesEnqueueEachNightOnce() async throws {
        try await onOwnThread { try self.twoSchedulerProcessesEnqueueEachNightOnceBlocking() }
    }

    private func twoSchedulerProcessesEnqueueEachNightOnceBlocking() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("state.sqlite").path
        let config = dir.appendingPathComponent("scheduler.json")
        try Data("""
            {"clients": [{"name": "acme", "container": "\(example)", "rounds": 5},
                         {"name": "globex", "container": "\(example)", "rounds": 5, "seed": 2}],
             "schedules": [{"name": "nightly", "cron": "0 2 * * *", "time_zone": "UTC"}]}
            """.utf8).write(to: config)
        let tick = ["scheduler", "--config", config.path, "--db", db, "--once", "--now", "2026-11-27T02:00:30Z"]
        let schedulers = try (0..<2).map { _ in try BackgroundProcess(tick) }
        for scheduler in schedulers { #expect(scheduler.waitForExit(seconds: 30) == 0, "\(scheduler.stderr)") }
        #expect(schedulers.map(\.stdout).joined().components(separatedBy: "enqueued for").count - 1 == 2)
        #expect(try SQLiteShell.query(db, "SELECT client || ' ' || status FROM runs ORDER BY client") == ["acme queued", "globex queued"])
        #expect(try SQLiteShell.query(db, "SELECT task, tick_at FROM recurring_ticks ORDER BY task")
            == ["nightly/acme|2026-11-27T02:00:00.000Z", "nightly/globex|2026-11-27T02:00:00.000Z"])
        let later = try CLIProcess.run(["scheduler", "--config", config.path, "--db", db, "--once", "--now", "2026-11-27T03:00:00Z"])
        #expect(later.stdout.contains("nothing due"))
        let nextNight = try CLIProcess.run(["scheduler", "--config", config.path, "--db", db, "--once", "--now", "2026-11-28T02:00:00Z"])
        #expect(nextNight.stdout.components(separatedBy: "enqueued for").count - 1 == 2)
        #expect(try SQLiteShell.scalar(db, "SELECT out_dir FROM runs ORDER BY id DESC LIMIT 1").hasSuffix("out/globex/2026-11-28"))

        try Data(#"{"clients": [], "schedules": [{"name": "n", "cron": "61 * * * *"}]}"#.utf8).write(to: config)
        let bad = try CLIProcess.run(["scheduler", "--config", config.path, "--db", db, "--once"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("\(config.path): $.schedules[0].cron:"), "\(bad.stderr)")
    }

    /// Under systemd (NOTIFY_SOCKET set): READY=1 once it can claim, WATCHDOG=1 with each
    /// heartbeat, STOPPING=1 on SIGTERM, then exit 0.
    @Test(.timeLimit(.minutes(1))) func workerTalksToSystemd() async throws {
        try await onOwnThread { try self.workerTalksToSystemdBlocking() }
    }

    private func workerTalksToSystemdBlocking() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let socket = "/tmp/gtm-notify-\(UUID().uuidString.prefix(8))"
        let receiver = try DatagramReceiver(address: .path(socket))
        let worker = try BackgroundProcess(["worker", "--db", dir.appendingPathComponent("state.sqlite").path, "--heartbeat", "0.2", "--lease", "2"],
                                           environment: ["NOTIFY_SOCKET": socket, "WATCHDOG_USEC": "2000000"])
        let ready = try receiver.receiveText(timeout: .seconds(20))
        #expect(ready.hasPrefix("READY=1\nSTATUS=claiming from round"), "\(ready)")
        #expect(try receiver.receiveText() == "WATCHDOG=1")
        worker.signal(SIGTERM)
        var messages: [String] = []
        while let next = try? receiver.receiveText(timeout: .seconds(3)) { messages.append(next) }
        #expect(messages.contains { $0.hasPrefix("STOPPING=1") }, "\(messages)")
        #expect(worker.waitForExit(seconds: 10) == 0, "\(worker.stderr)")
    }
}
