#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the deliverables need, with errors that name the path and the
/// system's reason (`Permission denied`), not a wrapped Foundation error.
public enum FileOperations {
    /// `mkdir -p`: creates `path` and its missing parents; fine if it already is a directory.
    public static func makeDirectory(_ path: String) throws {
        if isDirectory(path) { return }
        let parent = parentPath(of: path)
        if !parent.isEmpty, parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o755) != 0 {
            let code = errno
            // Someone else may have made it meanwhile; anything else at that path is an error.
            guard code == EEXIST, isDirectory(path) else {
                let why = code == EEXIST ? "a file of that name is in the way" : reason(code)
                throw StagingWorkspaceError.cannotCreateDirectory(path: path, reason: why)
            }
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, flushes it, and renames it over `path`,
    /// so a reader sees the old file or the new one, never a partial write.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let directory = parentPath(of: path)
        let name = String(path.utf8.split(separator: UInt8(ascii: "/")).last.map { Substring($0) } ?? Substring(path))
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StagingWorkspaceError.cannotWrite(path: path, reason: reason(errno)) }
        var failure: Int32?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw StagingWorkspaceError.cannotWrite(path: path, reason: reason(failure))
        }
    }

    /// The bytes of `path`, or nil when it does not exist.
    static func contents(of path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw StagingWorkspaceError.cannotRead(path: path, reason: reason(code))
        }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return result }
            if count < 0 {
                if errno == EINTR { continue }
                throw StagingWorkspaceError.cannotRead(path: path, reason: reason(errno))
            }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Everything before the last `/` (`""` for a bare name, `/` for a file at the root).
    static func parentPath(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
