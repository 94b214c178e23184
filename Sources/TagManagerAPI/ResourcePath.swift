/// `accounts/{accountId}/containers/{containerId}`: the container a deploy writes to.
///
/// Ids are checked to be path-safe (letters, digits, `-`, `_`; GTM's are numbers), so no id read
/// from an export or a response can change which resource a request reaches.
public struct ContainerPath: Sendable, Hashable, CustomStringConvertible {
    /// The GTM account id (digits).
    public let accountId: String
    /// The GTM container id (digits; not the `GTM-XXXX` public id).
    public let containerId: String

    /// - Throws: ``TagManagerError`` (``TagManagerError/Failure/refused(reason:)``) for an id that
    ///   is empty or holds anything but letters, digits, `-` and `_`.
    public init(accountId: String, containerId: String) throws {
        for (name, value) in [("account id", accountId), ("container id", containerId)] where !ContainerPath.isSafeID(value) {
            throw TagManagerError(operation: .deploy, path: "accounts/\(accountId)/containers/\(containerId)",
                                  failure: .refused(reason: "the \(name) \"\(value)\" is not a GTM id (expected digits)"), attempts: 0)
        }
        self.accountId = accountId
        self.containerId = containerId
    }

    public var description: String { "accounts/\(accountId)/containers/\(containerId)" }

    /// Whether `id` can be a path segment as is: 1–64 of `A-Z a-z 0-9 - _`.
    static func isSafeID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        return (1...64).contains(bytes.count) && bytes.allSatisfy {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
    }
}

/// The workspace named ``TagManagerClient/workspaceName`` in one container: the only place a
/// deploy writes.
///
/// Only ``TagManagerClient`` makes one, from a workspace the API returned under exactly that
/// name, and every write method takes one: a write to any other workspace cannot be expressed.
public struct NightlyWorkspace: Sendable, Hashable, CustomStringConvertible {
    /// The container the workspace belongs to.
    public let container: ContainerPath
    /// The workspace id the API gave it.
    public let workspaceId: String
    /// The workspace's page in the Tag Manager UI, as the API gave it.
    public let tagManagerUrl: String?

    init(container: ContainerPath, workspaceId: String, tagManagerUrl: String?) {
        self.container = container
        self.workspaceId = workspaceId
        self.tagManagerUrl = tagManagerUrl
    }

    /// `accounts/{a}/containers/{c}/workspaces/{w}`.
    public var path: String { "\(container)/workspaces/\(workspaceId)" }
    public var description: String { path }

    /// The API path of one entity in this workspace.
    func entityPath(_ kind: WorkspaceEntityKind, id: String) -> String { "\(path)/\(kind.collection)/\(id)" }
}
