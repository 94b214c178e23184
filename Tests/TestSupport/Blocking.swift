import Foundation

/// Runs blocking work (waiting for processes, polling a database with `sqlite3`) on a thread of
/// its own, so it does not hold one of the few threads of Swift's cooperative pool: tests that
/// measure time run beside it.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
