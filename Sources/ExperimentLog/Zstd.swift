import CZstd

/// One-shot zstd compression through libzstd, for the container blobs.
///
/// Every frame this writes records its content size, so a reader knows the size before it
/// allocates and can tell a truncated or swapped blob from a good one.
public enum Zstd {
    /// The level blobs are written with: zstd's own default, fast with a good ratio on JSON.
    public static let defaultLevel: Int32 = 3

    /// The compressed frame of `bytes`; `level` is clamped to what the library supports.
    /// - Throws: ``ZstdError/compressionFailed(_:)`` when libzstd reports an error (in practice
    ///   only an allocation failure: the output buffer is sized with `ZSTD_compressBound`).
    public static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel) throws -> [UInt8] {
        let level = min(max(level, ZSTD_minCLevel()), ZSTD_maxCLevel())
        let bound = ZSTD_compressBound(bytes.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = bytes.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                ZSTD_compress(destination.baseAddress, destination.count, source.baseAddress, source.count, level)
            }
        }
        if ZSTD_isError(written) != 0 { throw ZstdError.compressionFailed(errorName(written)) }
        output.removeSubrange(written...)
        return output
    }

    /// The original bytes of a frame written by ``compress(_:level:)``.
    ///
    /// `expectedSize` is the uncompressed size the caller recorded; it is checked against the
    /// frame header before any allocation and against the decompressed count afterwards.
    /// - Throws: ``ZstdError`` when the input is not a zstd frame, declares another size, or fails to decode.
    public static func decompress(_ bytes: [UInt8], expectedSize: Int) throws -> [UInt8] {
        guard expectedSize >= 0 else { throw ZstdError.sizeMismatch(expected: expectedSize, actual: 0) }
        let declared = bytes.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        switch declared {
        case contentSizeError:
            throw ZstdError.notAFrame
        case contentSizeUnknown:
            break  // a frame from another writer: the decoded count is still checked below
        default:
            guard declared == UInt64(expectedSize) else {
                throw ZstdError.sizeMismatch(expected: expectedSize, actual: declared > UInt64(Int.max) ? Int.max : Int(declared))
            }
        }
        // One spare byte so that a frame longer than announced fails as a size mismatch, not silently truncated.
        var output = [UInt8](repeating: 0, count: expectedSize + 1)
        let written = bytes.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                ZSTD_decompress(destination.baseAddress, destination.count, source.baseAddress, source.count)
            }
        }
        if ZSTD_isError(written) != 0 { throw ZstdError.decompressionFailed(errorName(written)) }
        guard written == expectedSize else { throw ZstdError.sizeMismatch(expected: expectedSize, actual: written) }
        output.removeLast()
        return output
    }

    // `ZSTD_CONTENTSIZE_ERROR` and `ZSTD_CONTENTSIZE_UNKNOWN` are macros Swift does not import.
    private static let contentSizeUnknown = UInt64.max
    private static let contentSizeError = UInt64.max - 1

    private static func errorName(_ code: Int) -> String {
        String(cString: ZSTD_getErrorName(code))
    }
}

/// Why a zstd call failed.
public enum ZstdError: Error, Equatable, CustomStringConvertible {
    case compressionFailed(String)
    /// The bytes do not start with a zstd frame header.
    case notAFrame
    case sizeMismatch(expected: Int, actual: Int)
    case decompressionFailed(String)

    public var description: String {
        switch self {
        case .compressionFailed(let name): "zstd compression failed: \(name)"
        case .notAFrame: "not a zstd frame"
        case .sizeMismatch(let expected, let actual): "zstd frame holds \(actual) bytes, expected \(expected)"
        case .decompressionFailed(let name): "zstd decompression failed: \(name)"
        }
    }
}
