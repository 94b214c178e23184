import ExperimentLog
@testable import Fleet
import Foundation
import GRDB
import JobQueue
import Logging
import Testing

@Suite("The scheduler and its configuration")
struct SchedulerTests {
    func write(_ text: String, in fleet: FleetFixture, name: String = "scheduler.json") throws -> String {
        let path = fleet.directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func configuration(in fleet: FleetFixture, catchUp: Double = 360) throws -> SchedulerConfiguration {
        try FileManager.default.copyItem(at: FleetFixture.example, to: fleet.directory.appendingPathComponent("acme.json"))
        let path = try write("""
            {"clients": [{"name": "acme", "container": "acme.json", "rounds": 3},
                         {"name": "globex", "container": "acme.json", "rounds": 2, "seed": 5, "out": "nightly/globex"}],
             "schedules": [{"name": "nightly", "cron": "0 2 * * *", "time_zone": "Europe/Berlin", "catch_up_minutes": \(catchUp)}]}
            """, in: fleet)
        return try SchedulerConfiguration.load(path: path)
    }

    func scheduler(_ configuration: SchedulerConfiguration, _ fleet: FleetFixture, store: JobStore? = nil) -> Scheduler {
        Scheduler(configuration: configuration, enqueuer: RunEnqueuer(log: fleet.log, store: store ?? fleet.store),
                  mutators: MutatorFactory(environment: [:]), logger: Logger(label: "test"))
    }

    /// 2026-11-27 02:00 in Berlin is 01:00 UTC.
    let tick = Timestamp.date(from: "2026-11-27T01:00:00Z")!

    @Test("each client's run is enqueued once per tick, with its night's folder")
    func oncePerTick() async throws {
        try await FleetFixture.with { fleet in
            let scheduler = scheduler(try configuration(in: fleet), fleet)
            #expect(scheduler.tick(now: tick.addingTimeInterval(-1)).isEmpty)
            let first = scheduler.tick(now: tick.addingTimeInterval(30))
            #expect(first.map(\.client) == ["acme", "globex"])
            #expect(first.allSatisfy { $0.tick == tick })
            #expect(scheduler.tick(now: tick.addingTimeInterval(600)).isEmpty)
            let runs = try fleet.log.runs(limit: 10)
            #expect(runs.count == 2 && runs.allSatisfy { $0.status == .queued })
            let globex = try #require(runs.first { $0.client == "globex" })
            #expect(globex.outDir == fleet.directory.appendingPathComponent("nightly/globex").standardizedFileURL.path + "/2026-11-27")
            #expect(globex.settings.rounds == 2 && globex.settings.seed == 5)
            // The next night.
            #expect(scheduler.tick(now: tick.addingTimeInterval(86_400 + 5)).count == 2)
        }
    }

    @Test("two schedulers on one database (two pools, as two processes) never enqueue a night twice")
    func twoSchedulers() async throws {
        try await FleetFixture.with { fleet in
            let config = try configuration(in: fleet)
            let otherLog = try ExperimentLog(path: fleet.path)
            let other = Scheduler(configuration: config, enqueuer: RunEnqueuer(log: otherLog, store: try JobStore(pool: otherLog.pool)),
                                  mutators: MutatorFactory(environment: [:]), logger: Logger(label: "other"))
            let mine = scheduler(config, fleet)
            let now = tick.addingTimeInterval(2)
            let a = Task.detached { mine.tick(now: now) }, b = Task.detached { other.tick(now: now) }
            let x = await a.value, y = await b.value
            #expect(x.count + y.count == 2)
            #expect(try fleet.log.runs(limit: 10).count == 2)
            let ticks = try await fleet.log.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM recurring_ticks WHERE run_id IS NOT NULL") }
            #expect(ticks == 2)
        }
    }

    @Test("a tick missed while no scheduler ran is caught up within the window, not after")
    func catchUp() async throws {
        try await FleetFixture.with { fleet in
            let scheduler = scheduler(try configuration(in: fleet, catchUp: 60), fleet)
            #expect(scheduler.tick(now: tick.addingTimeInterval(61 * 60)).isEmpty)
            #expect(scheduler.tick(now: tick.addingTimeInterval(59 * 60)).count == 2)
        }
    }

    @Test("a client whose container is missing is skipped and logged; the others are enqueued")
    func missingContainer() async throws {
        try await FleetFixture.with { fleet in
            let config = try configuration(in: fleet)
            try FileManager.default.removeItem(at: fleet.directory.appendingPathComponent("acme.json"))
            var broken = config
            broken.clients[1].container = FleetFixture.example.path
            #expect(scheduler(broken, fleet).tick(now: tick).map(\.client) == ["globex"])
        }
    }

    @Test("configuration errors name the file, the JSON path and the problem", arguments: [
        (#"{"clients": [], "schedules": [{"name": "n", "cron": "0 25 * * *"}]}"#, "$.schedules[0].cron", "hour: 25 is out of range"),
        (#"{"clients": [], "schedules": [{"name": "n", "cron": "0 2 * * *", "time_zone": "Mars/Olympus"}]}"#, "$.schedules[0].time_zone", "Mars/Olympus"),
        (#"{"clients": [{"name": "a", "container": "x.json"}], "schedules": [{"name": "n", "cron": "@daily", "clients": ["b"]}]}"#, "$.schedules[0].clients", "no client is named b"),
        (#"{"clients": [{"name": "a", "container": "x.json", "mutator": "gpt"}], "schedules": []}"#, "$.clients[0].mutator", "gpt is not a mutator"),
        (#"{"clients": [{"name": "a/b", "container": "x.json"}], "schedules": []}"#, "$.clients[0].name", "client name"),
        (#"{"clients": [{"name": "a", "container": "x.json"}, {"name": "a", "container": "y.json"}], "schedules": []}"#, "$.clients[1].name", "appears twice"),
        (#"{"clients": [{"name": "a"}], "schedules": []}"#, "$.clients[0]", "missing \"container\""),
        (#"{"clients": [{"name": "a", "container": "x.json", "rounds": "many"}], "schedules": []}"#, "$.clients[0].rounds", "expected"),
        (#"{"clients": [], "schedules": [}"#, "", "not valid JSON"),
        (#"{"clients": [{"name": "a", "container": "x.json", "scenarios": "s.json"}], "schedules": []}"#, "$.clients[0].scenarios", "expected"),
        (#"{"clients": [{"name": "a", "container": "x.json", "scenarios": ["missing.json"]}], "schedules": []}"#, "$.clients[0].scenarios[0]",
         "missing.json: cannot read: no such file or folder"),
    ])
    func badConfiguration(text: String, jsonPath: String, reason: String) async throws {
        try await FleetFixture.with { fleet in
            let path = try write(text, in: fleet)
            let error = #expect(throws: SchedulerConfigurationError.self) { try SchedulerConfiguration.load(path: path) }
            #expect(error?.description.hasPrefix(path) == true)
            if !jsonPath.isEmpty { #expect(error?.jsonPath == jsonPath, "\(error?.description ?? "")") }
            #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
            #expect(error?.description.contains("\n") == false)
        }
    }

    @Test("a client's scenarios are read relative to the file, checked at load, and stored with each night's run")
    func clientScenarios() async throws {
        try await FleetFixture.with { fleet in
            try FileManager.default.copyItem(at: FleetFixture.example, to: fleet.directory.appendingPathComponent("acme.json"))
            let folder = fleet.directory.appendingPathComponent("scenarios")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let express = #"{"name": "acme-express", "steps": [{"type": "pageLoad", "url": "https://shop.example.com/"}]}"#
            try Data(express.utf8).write(to: folder.appendingPathComponent("express.json"))
            let path = try write(#"""
                {"clients": [{"name": "acme", "container": "acme.json", "rounds": 2, "scenarios": ["scenarios"]}],
                 "schedules": [{"name": "nightly", "cron": "0 2 * * *", "time_zone": "Europe/Berlin"}]}
                """#, in: fleet)
            let config = try SchedulerConfiguration.load(path: path)
            #expect(config.clients[0].scenarios == [folder.standardizedFileURL.path])
            #expect(scheduler(config, fleet).tick(now: tick).count == 1)
            let run = try #require(try fleet.log.runs(limit: 1).first)
            #expect(run.settings.scenarios == ["acme-express": express])

            // A scenario file that went bad after loading: that client's night is skipped (and logged).
            try Data(#"{"name": "acme-express", "steps": [{"type": "push", "data": {}}]}"#.utf8).write(to: folder.appendingPathComponent("express.json"))
            #expect(scheduler(config, fleet).tick(now: tick.addingTimeInterval(86_400)).isEmpty)
            let bad = try #require(throws: SchedulerConfigurationError.self) { try SchedulerConfiguration.load(path: path) }
            #expect(bad.jsonPath == "$.clients[0].scenarios[0]" && bad.description.contains("express.json: $.steps[0]:"), "\(bad)")
        }
    }

    @Test("the night of a tick is its date where the schedule lives")
    func night() {
        let utcLate = Timestamp.date(from: "2026-11-26T23:30:00Z")!
        #expect(Scheduler.night(of: utcLate, in: TimeZone(identifier: "Europe/Berlin")!) == "2026-11-27")
        #expect(Scheduler.night(of: utcLate, in: TimeZone(identifier: "UTC")!) == "2026-11-26")
    }
}
