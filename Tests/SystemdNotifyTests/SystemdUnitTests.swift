import Foundation
import TestSupport
import Testing

/// What the units promise the processes and the operator, read from systemd/ itself.
struct SystemdUnitTests {
    static func unit(_ name: String) throws -> UnitFile {
        try UnitFile(contentsOf: Repository.unitsDirectory.appendingPathComponent(name))
    }

    static let services = ["gtm-autoresearch-scheduler.service", "gtm-autoresearch-worker@.service", "gtm-autoresearch-deliver.service"]

    @Test(arguments: services)
    func serviceLifeCycleAndEnvironment(name: String) throws {
        let unit = try Self.unit(name)
        let expected: [(String, String)] = [
            ("Type", "notify"), ("NotifyAccess", "main"), ("WatchdogSec", "60"),
            ("Restart", "on-failure"), ("RestartSec", "5"), ("TimeoutStopSec", "30"),
            ("KillSignal", "SIGTERM"), ("KillMode", "mixed"),
            ("User", "gtm-autoresearch"), ("Group", "gtm-autoresearch"),
            ("StateDirectory", "gtm-autoresearch"), ("ConfigurationDirectory", "gtm-autoresearch"),
            ("Environment", "GTM_AUTORESEARCH_DB=/var/lib/gtm-autoresearch/state.sqlite"),
            ("EnvironmentFile", "-/etc/gtm-autoresearch/environment"),
            ("UMask", "0077"), ("ProtectSystem", "strict"), ("CapabilityBoundingSet", ""),
            ("SystemCallFilter", "@system-service"), ("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6"),
        ]
        for (key, value) in expected {
            #expect(unit.value(key, in: "Service") == value, "\(name): \(key)")
        }
        #expect(unit.values("ReadWritePaths", in: "Service").isEmpty, "StateDirectory= is the only writable place")
        #expect(unit.value("PartOf", in: "Unit") == "gtm-autoresearch.target")
        #expect(unit.value("WantedBy", in: "Install") == "gtm-autoresearch.target")
        let execStart = try #require(unit.value("ExecStart", in: "Service"))
        #expect(execStart.hasPrefix("/usr/local/bin/gtm-autoresearch "))
        #expect(execStart.hasSuffix(" --db ${GTM_AUTORESEARCH_DB}"))
    }

    @Test func servicesDifferOnlyInWhatTheyRun() throws {
        // One hardening and life-cycle block, kept identical in both files.
        func comparable(_ unit: UnitFile) -> [UnitFile.Entry] {
            unit.entries.filter { $0.section != "Unit" && $0.key != "ExecStart" }
        }
        let scheduler = try Self.unit(Self.services[0])
        for name in Self.services.dropFirst() {
            #expect(comparable(scheduler) == comparable(try Self.unit(name)), "\(name)")
        }
    }

    @Test func schedulerCommand() throws {
        let unit = try Self.unit("gtm-autoresearch-scheduler.service")
        let execStart = try #require(unit.value("ExecStart", in: "Service"))
        #expect(execStart == "/usr/local/bin/gtm-autoresearch scheduler --config /etc/gtm-autoresearch/scheduler.json --db ${GTM_AUTORESEARCH_DB}")
    }

    @Test func workerCommandAndGraceBelowTimeoutStopSec() throws {
        let unit = try Self.unit("gtm-autoresearch-worker@.service")
        let execStart = try #require(unit.value("ExecStart", in: "Service"))
        let words = execStart.split(separator: " ").map(String.init)
        #expect(Array(words.prefix(6)) == ["/usr/local/bin/gtm-autoresearch", "worker", "--queue", "round", "--name", "%H-%i"])
        let graceIndex = try #require(words.firstIndex(of: "--grace"))
        let grace = try #require(Int(words[graceIndex + 1]))
        let timeoutStopText = try #require(unit.value("TimeoutStopSec", in: "Service"))
        let timeoutStop = try #require(Int(timeoutStopText))
        // The worker must be done (job finished or lease released, exit 0) before systemd's SIGKILL.
        #expect(grace < timeoutStop)
        #expect(grace == 25 && timeoutStop == 30)
    }

    @Test func deliveryWorkerCommand() throws {
        let unit = try Self.unit("gtm-autoresearch-deliver.service")
        let execStart = try #require(unit.value("ExecStart", in: "Service"))
        #expect(execStart == "/usr/local/bin/gtm-autoresearch worker --queue deliver --name %H-deliver --grace 25 --db ${GTM_AUTORESEARCH_DB}")
    }

    @Test func targetGroupsTheFleet() throws {
        let target = try Self.unit("gtm-autoresearch.target")
        #expect(target.value("WantedBy", in: "Install") == "multi-user.target")
    }
}

/// The units under `systemd-analyze verify`, which reports unknown keys, bad values and missing
/// executables as warnings while still exiting 0: the test fails on any line naming our units.
@Suite(
    .enabled(if: Command.find("systemd-analyze") != nil,
             "systemd-analyze is not installed (Debian: apt-get install systemd): the units were not verified"),
    .timeLimit(.minutes(1))
)
struct SystemdAnalyzeTests {
    @Test func unitsVerifyWithoutWarnings() throws {
        try withTemporaryDirectory { directory in
            let result = try Self.verify(copiesIn: directory)
            #expect(result.findings.isEmpty, "systemd-analyze verify:\n\(result.findings.joined(separator: "\n"))")
            #expect(result.status == 0, "systemd-analyze verify exited \(result.status):\n\(result.output)")
        }
    }

    @Test func verifyCatchesUnknownKeysAndBadValues() throws {
        // The check above passing means something only if it fails on a broken unit.
        try withTemporaryDirectory { directory in
            let result = try Self.verify(copiesIn: directory) { name, text in
                name == "gtm-autoresearch-worker@.service"
                    ? text.replacingOccurrences(of: "[Service]\n", with: "[Service]\nRestartAfterCoffee=yes\nRestartSec=soon\n")
                    : text
            }
            let findings = result.findings.joined(separator: "\n")
            #expect(findings.contains("Unknown key 'RestartAfterCoffee'"), "\(result.output)")
            #expect(findings.contains("soon"), "\(result.output)")
        }
    }

    /// Copies the units into `directory`, with `ExecStart` pointed at an executable that exists here
    /// (`verify` checks it) and `edit` applied, and runs `systemd-analyze verify` on them.
    static func verify(
        copiesIn directory: URL,
        edit: (String, String) -> String = { $1 }
    ) throws -> (status: Int32, output: String, findings: [String]) {
        let analyze = try #require(Command.find("systemd-analyze"))
        let executable = try #require(Command.find("true"), "no `true` executable to stand in for the binary")
        var paths: [String] = []
        for name in Repository.unitNames {
            let original = try String(contentsOf: Repository.unitsDirectory.appendingPathComponent(name), encoding: .utf8)
            if name.hasSuffix(".service") {
                try #require(original.contains("ExecStart=/usr/local/bin/gtm-autoresearch "))
            }
            let text = edit(name, original.replacingOccurrences(of: "ExecStart=/usr/local/bin/gtm-autoresearch ",
                                                                with: "ExecStart=\(executable) "))
            let url = directory.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let result = try Command.run(analyze, ["verify", "--man=no"] + paths, in: directory.path)
        // Lines about other units (the host's own) are not ours to fix.
        let findings = result.output.split(separator: "\n").map(String.init).filter { $0.contains("gtm-autoresearch") }
        return (result.status, result.output, findings)
    }
}
