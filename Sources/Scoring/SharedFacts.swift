import Foundation

/// Facts several rules derive from the same analysis (per-tag parameters, consent records, …),
/// computed by the first rule that asks and reused by the rest of one scoring.
///
/// - Important: keyed by type, so each facts type must be computed from the context alone.
public final class SharedFacts: @unchecked Sendable {
    // Invariant: `values` is only touched under `lock`. Recursive, because computing one fact may
    // ask for another.
    private let lock = NSRecursiveLock()
    private var values: [ObjectIdentifier: Any] = [:]

    public init() {}

    /// The value of type `T`, computed by `make` on first use.
    public func value<T>(_ type: T.Type, _ make: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let existing = values[ObjectIdentifier(type)] as? T { return existing }
        let made = make()
        values[ObjectIdentifier(type)] = made
        return made
    }
}
