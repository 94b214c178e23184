#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CurlHTTP
import Foundation

/// Runs the configured token command (`/bin/sh -c COMMAND`) and returns its trimmed output.
///
/// The shell starts in a process group of its own, so a command still running after the
/// timeout is stopped with everything it started (`gcloud` runs a Python child). Output goes to
/// private temporary files, not pipes, so a chatty command cannot stall on a full pipe; the wait
/// polls `waitpid(WNOHANG)` between short sleeps, never blocking a thread of the cooperative
/// pool. Only standard error is ever quoted in an error: standard output is the token.
struct TokenCommand: Sendable {
    var command: String
    var timeout: Duration

    func run() async throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gtm-token-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw failure("cannot create a temporary directory (\(error))")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path, errPath = scratch.appendingPathComponent("stderr").path

        let pid = try spawn(stdout: outPath, stderr: errPath)
        let (status, timedOut) = try await wait(for: pid)
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        if timedOut { throw failure("still running after \(secondsText(timeout)) s; stopped") }
        if status.signal != 0 { throw failure("killed by signal \(status.signal)") }
        guard status.code == 0 else {
            let lastLine = stderr.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
            throw failure("exited with status \(status.code)" + (lastLine.isEmpty ? "" : ": \(GoogleErrorBody.oneLine(lastLine))"))
        }
        let token = ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw failure("printed nothing on standard output") }
        guard !token.contains(where: { $0.isWhitespace }) else {
            throw failure("printed more than one word on standard output (expected just the token)")
        }
        return token
    }

    /// Starts `/bin/sh -c command` as the leader of a new process group, standard input from
    /// `/dev/null`, output to the two files (created owner-only), with this process's environment.
    private func spawn(stdout: String, stderr: String) throws -> pid_t {
        #if canImport(Darwin)
        var attributes: posix_spawnattr_t?
        var actions: posix_spawn_file_actions_t?
        #else
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argumentTexts: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = argumentTexts.map { strdup($0) } + [nil]
        let environment: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            arguments.forEach { free($0) }
            environment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environment)
        guard result == 0 else { throw failure("cannot start /bin/sh (\(String(cString: strerror(result))))") }
        return pid
    }

    /// Waits for `pid` to end; past the timeout (or when the task is cancelled) its whole process
    /// group gets SIGTERM, then SIGKILL a second later.
    private func wait(for pid: pid_t) async throws -> (status: ExitStatus, timedOut: Bool) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var delay = Duration.milliseconds(2)
        var raw: Int32 = 0
        while true {
            let reaped = waitpid(pid, &raw, WNOHANG)
            if reaped == pid { return (ExitStatus(raw), false) }
            if reaped < 0, errno != EINTR { throw failure("cannot wait for /bin/sh (\(String(cString: strerror(errno))))") }
            if clock.now >= deadline {
                stop(pid)
                return (ExitStatus(0), true)
            }
            do {
                try await Task.sleep(for: min(delay, deadline - clock.now))
            } catch {
                stop(pid)
                throw error
            }
            delay = min(delay * 2, .milliseconds(50))
        }
    }

    /// Ends the process group led by `pid` and reaps the shell.
    private func stop(_ pid: pid_t) {
        var raw: Int32 = 0
        kill(-pid, SIGTERM)
        for _ in 0..<100 {  // up to a second for a clean exit
            if waitpid(pid, &raw, WNOHANG) == pid { return }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
        _ = waitpid(pid, &raw, 0)
    }

    private func failure(_ reason: String) -> TagManagerError {
        TagManagerError(operation: .runTokenCommand, path: command, failure: .tokenCommand(reason: reason), attempts: 1)
    }
}

/// A `waitpid` status: the exit code, or the signal that ended the process.
private struct ExitStatus {
    var code: Int32
    var signal: Int32

    init(_ raw: Int32) {
        signal = raw & 0x7F
        code = signal == 0 ? (raw >> 8) & 0xFF : -1
    }
}

/// Seconds as text for messages (`60`, `0.5`).
func secondsText(_ duration: Duration) -> String {
    let seconds = RetryPolicy.seconds(duration)
    return seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
}
