#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text prepared for fast repeated substring search: ASCII-lowercased bytes searched with
/// `memmem`. Vendor and risk detection probes the same code for dozens of needles, and template
/// code runs to tens of kilobytes, so `String.contains`/`range(of:)` (Unicode-aware, per
/// character) would dominate scoring time.
public struct SearchableText: Sendable {
    /// The UTF-8 bytes with A–Z lowered; other bytes unchanged.
    public let bytes: [UInt8]

    public init(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices where buffer[i] &- 0x41 < 26 { buffer[i] |= 0x20 }
        }
        self.bytes = bytes
    }

    /// Whether the lowercase `needle` occurs.
    public func contains(_ needle: String) -> Bool { firstOffset(of: needle) != nil }

    /// Whether any of the lowercase needles occurs.
    public func containsAny(_ needles: [String]) -> Bool { needles.contains { contains($0) } }

    /// Byte offset of the first occurrence of the lowercase `needle` at or after `start`.
    public func firstOffset(of needle: String, from start: Int = 0) -> Int? {
        guard start <= bytes.count else { return nil }
        var needle = needle
        return needle.withUTF8 { n -> Int? in
            guard n.count > 0, let nBase = n.baseAddress else { return start }
            return bytes.withUnsafeBufferPointer { h -> Int? in
                guard let hBase = h.baseAddress, h.count - start >= n.count else { return nil }
                // memchr to the next candidate first byte, memcmp the rest (memmem is a GNU extension).
                let first = Int32(n[0])
                var position = start
                let last = h.count - n.count
                while position <= last {
                    guard let hit = memchr(hBase + position, first, last - position + 1) else { return nil }
                    let offset = hBase.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hBase + offset, nBase, n.count) == 0 { return offset }
                    position = offset + 1
                }
                return nil
            }
        }
    }
}
