import Foundation
import TestSupport
import Testing

/// `Scripts/install-systemd --root`: the staged tree it leaves, and that it is safe to run again.
@Suite(.timeLimit(.minutes(1)))
struct InstallScriptTests {
    static let bash = Command.find("bash") ?? "/bin/bash"

    /// Runs the script with `arguments`.
    static func install(_ arguments: [String]) throws -> Command.Result {
        try Command.run(bash, [Repository.installScript] + arguments)
    }

    /// A stand-in for the release binary, so the test builds nothing.
    static func makeFakeBinary(in directory: URL) throws -> String {
        let url = directory.appendingPathComponent("gtm-autoresearch")
        try "#!/bin/sh\nexit 0\n".write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    /// Every entry under `root`: `path` for a file, `path/` for a directory, `path -> target` for a link.
    static func tree(_ root: URL) throws -> Set<String> {
        let manager = FileManager.default
        var entries: Set<String> = []
        for path in try manager.subpathsOfDirectory(atPath: root.path) {
            let full = root.appendingPathComponent(path).path
            let type = try manager.attributesOfItem(atPath: full)[.type] as? FileAttributeType
            switch type {
            case .typeSymbolicLink?: entries.insert("\(path) -> \(try manager.destinationOfSymbolicLink(atPath: full))")
            case .typeDirectory?: entries.insert(path + "/")
            default: entries.insert(path)
            }
        }
        return entries
    }

    static func mode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    static let expectedTree: Set<String> = [
        "etc/", "etc/gtm-autoresearch/", "etc/gtm-autoresearch/environment", "etc/gtm-autoresearch/scheduler.json",
        "etc/systemd/", "etc/systemd/system/",
        "etc/systemd/system/gtm-autoresearch.target",
        "etc/systemd/system/gtm-autoresearch-scheduler.service",
        "etc/systemd/system/gtm-autoresearch-worker@.service",
        "etc/systemd/system/gtm-autoresearch-deliver.service",
        "etc/systemd/system/multi-user.target.wants/",
        "etc/systemd/system/multi-user.target.wants/gtm-autoresearch.target -> /etc/systemd/system/gtm-autoresearch.target",
        "etc/systemd/system/gtm-autoresearch.target.wants/",
        "etc/systemd/system/gtm-autoresearch.target.wants/gtm-autoresearch-scheduler.service -> /etc/systemd/system/gtm-autoresearch-scheduler.service",
        "etc/systemd/system/gtm-autoresearch.target.wants/gtm-autoresearch-deliver.service -> /etc/systemd/system/gtm-autoresearch-deliver.service",
        "etc/systemd/system/gtm-autoresearch.target.wants/gtm-autoresearch-worker@1.service -> /etc/systemd/system/gtm-autoresearch-worker@.service",
        "etc/systemd/system/gtm-autoresearch.target.wants/gtm-autoresearch-worker@2.service -> /etc/systemd/system/gtm-autoresearch-worker@.service",
        "usr/", "usr/local/", "usr/local/bin/", "usr/local/bin/gtm-autoresearch",
    ]

    @Test func stagesTheExpectedTree() throws {
        try withTemporaryDirectory { directory in
            let root = directory.appendingPathComponent("root")
            let binary = try Self.makeFakeBinary(in: directory)
            let result = try Self.install(["--root", root.path, "--workers", "2", "--binary", binary])
            try #require(result.status == 0, "\(result.output)")
            #expect(try Self.tree(root) == Self.expectedTree)

            let system = root.appendingPathComponent("etc/systemd/system")
            for name in Repository.unitNames {
                let installed = system.appendingPathComponent(name)
                #expect(try Data(contentsOf: installed) == Data(contentsOf: Repository.unitsDirectory.appendingPathComponent(name)), "\(name)")
                #expect(try Self.mode(installed) == 0o644, "\(name)")
            }
            let config = root.appendingPathComponent("etc/gtm-autoresearch")
            #expect(try Self.mode(config.appendingPathComponent("environment")) == 0o600)
            #expect(try Self.mode(config.appendingPathComponent("scheduler.json")) == 0o644)
            let example = try Data(contentsOf: Repository.unitsDirectory.appendingPathComponent("scheduler.example.json"))
            #expect(try Data(contentsOf: config.appendingPathComponent("scheduler.json")) == example)
            #expect((try? JSONSerialization.jsonObject(with: example)) != nil)
            let environment = try String(contentsOf: config.appendingPathComponent("environment"), encoding: .utf8)
            #expect(environment.contains("#ANTHROPIC_API_KEY=") && environment.contains("#OPENAI_API_KEY="))
            let installedBinary = root.appendingPathComponent("usr/local/bin/gtm-autoresearch")
            #expect(try Self.mode(installedBinary) == 0o755)
            #expect(try Data(contentsOf: installedBinary) == Data(contentsOf: URL(fileURLWithPath: binary)))
            #expect(result.stdout.contains("systemctl start gtm-autoresearch.target"))
        }
    }

    @Test func runningAgainKeepsConfigurationAndChangesNothing() throws {
        try withTemporaryDirectory { directory in
            let root = directory.appendingPathComponent("root")
            let binary = try Self.makeFakeBinary(in: directory)
            let arguments = ["--root", root.path, "--workers", "2", "--binary", binary]
            try #require(try Self.install(arguments).status == 0)
            let config = root.appendingPathComponent("etc/gtm-autoresearch")
            let keys = "ANTHROPIC_API_KEY=test-placeholder\n", schedule = "{\"clients\": []}\n"
            try keys.write(to: config.appendingPathComponent("environment"), atomically: false, encoding: .utf8)
            try schedule.write(to: config.appendingPathComponent("scheduler.json"), atomically: false, encoding: .utf8)
            let before = try Self.tree(root)

            let again = try Self.install(arguments)
            try #require(again.status == 0, "\(again.output)")
            #expect(try Self.tree(root) == before)
            #expect(try String(contentsOf: config.appendingPathComponent("environment"), encoding: .utf8) == keys)
            #expect(try String(contentsOf: config.appendingPathComponent("scheduler.json"), encoding: .utf8) == schedule)
            for line in ["unchanged (\(binary))", "scheduler.json kept", "environment kept",
                         "gtm-autoresearch-worker@.service unchanged"] {
                #expect(again.stdout.contains(line), "\(again.stdout)")
            }
        }
    }

    @Test func anEnvironmentFileReadableByOthersIsMadePrivate() throws {
        try withTemporaryDirectory { directory in
            let root = directory.appendingPathComponent("root")
            let arguments = ["--root", root.path, "--binary", try Self.makeFakeBinary(in: directory)]
            try #require(try Self.install(arguments).status == 0)
            let environment = root.appendingPathComponent("etc/gtm-autoresearch/environment")
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: environment.path)
            let again = try Self.install(arguments)
            #expect(again.status == 0)
            #expect(try Self.mode(environment) == 0o600)
            #expect(again.stdout.contains("its mode was 644, now 0600"))
        }
    }

    @Test func prefixMovesTheBinaryAndExecStart() throws {
        try withTemporaryDirectory { directory in
            let root = directory.appendingPathComponent("root")
            let binary = try Self.makeFakeBinary(in: directory)
            let result = try Self.install(["--root", root.path, "--prefix", "/opt/gtm", "--workers", "1", "--binary", binary])
            try #require(result.status == 0, "\(result.output)")
            #expect(FileManager.default.isExecutableFile(atPath: root.appendingPathComponent("opt/gtm/bin/gtm-autoresearch").path))
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("usr").path))
            for name in ["gtm-autoresearch-scheduler.service", "gtm-autoresearch-worker@.service", "gtm-autoresearch-deliver.service"] {
                let unit = try UnitFile(contentsOf: root.appendingPathComponent("etc/systemd/system/\(name)"))
                #expect(unit.value("ExecStart", in: "Service")?.hasPrefix("/opt/gtm/bin/gtm-autoresearch ") == true, "\(name)")
            }
        }
    }

    @Test func fewerWorkersLeavesTheOthersEnabledAndSaysSo() throws {
        try withTemporaryDirectory { directory in
            let root = directory.appendingPathComponent("root")
            let binary = try Self.makeFakeBinary(in: directory)
            try #require(try Self.install(["--root", root.path, "--workers", "3", "--binary", binary]).status == 0)
            let result = try Self.install(["--root", root.path, "--workers", "1", "--binary", binary])
            #expect(result.status == 0)
            #expect(result.stdout.contains("also still enabled from before: gtm-autoresearch-worker@2.service gtm-autoresearch-worker@3.service"))
            #expect(result.stdout.contains("systemctl disable --now gtm-autoresearch-worker@2.service gtm-autoresearch-worker@3.service"))
        }
    }

    @Test func dryRunChangesNothing() throws {
        try withTemporaryDirectory { directory in
            let root = directory.appendingPathComponent("root")
            let result = try Self.install(["--root", root.path, "--workers", "2", "--dry-run", "--binary", try Self.makeFakeBinary(in: directory)])
            #expect(result.status == 0, "\(result.output)")
            #expect(!FileManager.default.fileExists(atPath: root.path))
            #expect(result.stdout.contains("Dry run: nothing will be changed."))
            #expect(result.stdout.contains("would run: ln -sfn /etc/systemd/system/gtm-autoresearch-worker@.service"))
        }
    }

    @Test(arguments: [
        (["--workers", "0"], "--workers must be a whole number from 1 to 64 (got '0')"),
        (["--workers", "two"], "--workers must be a whole number from 1 to 64 (got 'two')"),
        (["--workers"], "--workers needs a value"),
        (["--prefix", "usr/local"], "--prefix must be an absolute path (got 'usr/local')"),
        (["--binary", "/nonexistent/gtm-autoresearch"], "--binary /nonexistent/gtm-autoresearch is not an executable file"),
        (["--frobnicate"], "unknown argument '--frobnicate'"),
    ])
    func badArgumentsAreRefused(arguments: [String], message: String) throws {
        let result = try Self.install(["--root", "/nonexistent-staging-root", "--dry-run"] + arguments)
        #expect(result.status == (message.contains("--binary") ? 1 : 64))
        #expect(result.stderr.hasPrefix("install-systemd: \(message)\n"), "\(result.stderr)")
    }

    @Test func helpDescribesTheOptions() throws {
        let result = try Self.install(["--help"])
        #expect(result.status == 0)
        for option in ["--workers N", "--prefix DIR", "--binary PATH", "--root DIR", "--dry-run"] {
            #expect(result.stdout.contains(option))
        }
    }

    @Test(.enabled(if: Command.find("systemctl") != nil, "systemctl is not installed: the staged links were not checked against it"))
    func systemctlSeesTheStagedUnitsEnabled() throws {
        try withTemporaryDirectory { directory in
            let root = directory.appendingPathComponent("root")
            try #require(try Self.install(["--root", root.path, "--workers", "2", "--binary", try Self.makeFakeBinary(in: directory)]).status == 0)
            let systemctl = try #require(Command.find("systemctl"))
            let units = ["gtm-autoresearch.target", "gtm-autoresearch-scheduler.service",
                         "gtm-autoresearch-worker@1.service", "gtm-autoresearch-worker@2.service", "gtm-autoresearch-worker@3.service"]
            let result = try Command.run(systemctl, ["--root=\(root.path)", "is-enabled"] + units)
            #expect(result.stdout.split(separator: "\n") == ["enabled", "enabled", "enabled", "enabled", "disabled"], "\(result.output)")
        }
    }
}
