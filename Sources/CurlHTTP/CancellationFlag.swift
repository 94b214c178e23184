import Foundation

/// A flag the cancelling task sets and libcurl's progress callback reads on the transfer thread.
///
/// `@unchecked Sendable`: the only state is `isSet`, and every access holds `lock`.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    func cancel() { lock.withLock { isSet = true } }

    var isCancelled: Bool { lock.withLock { isSet } }
}
