import Foundation
public import LosslessJSON

/// Why a container file could not be loaded. Each description is one line naming the file.
public enum ContainerLoadError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case tooLarge(path: String, size: Int, limit: Int)
    case notJSON(path: String, error: JSONSyntaxError)
    case notAContainer(path: String, error: ContainerFormatError)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .tooLarge(let path, let size, let limit):
            "\(path): $: the file is \(size) bytes, over the \(limit)-byte limit (raise it with --max-bytes)"
        case .notJSON(let path, let error):
            "\(path): \(error.path): not valid JSON at line \(error.line), column \(error.column): \(error.reason)"
        case .notAContainer(let path, let error): "\(path): \(error.path): \(error.reason)"
        }
    }

    /// The JSON path of the problem, where there is one.
    public var jsonPath: JSONPath? {
        switch self {
        case .unreadable, .tooLarge: nil
        case .notJSON(_, let error): error.path
        case .notAContainer(_, let error): error.path
        }
    }
}

/// Reads container exports from files or bytes, with a size limit checked before reading.
public struct ContainerLoader: Sendable {
    /// The default limit: 50 MB, well above the largest real export (under 1 MB).
    public static let defaultMaximumBytes = 50 * 1024 * 1024

    public var maximumBytes: Int

    public init(maximumBytes: Int = ContainerLoader.defaultMaximumBytes) {
        self.maximumBytes = maximumBytes
    }

    /// Loads and decodes the export at `path`.
    public func load(path: String) throws(ContainerLoadError) -> Container {
        try decode(read(path: path), path: path)
    }

    /// Reads the file's bytes, refusing files over the limit before reading them.
    public func read(path: String) throws(ContainerLoadError) -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file")
        }
        if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
            throw .unreadable(path: path, reason: "is a directory")
        }
        if let size = attributes[.size] as? Int, size > maximumBytes {
            throw .tooLarge(path: path, size: size, limit: maximumBytes)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, reason: "permission denied") }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maximumBytes + 1) ?? Data() } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        // The file may have grown since it was measured.
        if data.count > maximumBytes { throw .tooLarge(path: path, size: data.count, limit: maximumBytes) }
        return [UInt8](data)
    }

    /// Parses and decodes export bytes; `path` only names the source in errors.
    public func decode(_ bytes: [UInt8], path: String) throws(ContainerLoadError) -> Container {
        if bytes.count > maximumBytes { throw .tooLarge(path: path, size: bytes.count, limit: maximumBytes) }
        let document: JSONValue
        do { document = try JSONParser().parse(bytes) } catch { throw .notJSON(path: path, error: error) }
        do { return try Container(document: document) } catch { throw .notAContainer(path: path, error: error) }
    }
}
