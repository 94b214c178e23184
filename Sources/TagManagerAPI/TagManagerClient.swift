public import CurlHTTP
public import Foundation
public import LosslessJSON

/// A client for the subset of the Google Tag Manager API v2 a staging deploy needs, over
/// ``HTTPClient``.
///
/// It reads anything in a container, and writes only inside the workspace named
/// ``workspaceName``: every write method takes a ``NightlyWorkspace``, which only this client
/// makes, from a workspace the API returned under that name. It has no method that creates a
/// container version or publishes one, and its request builder (``TagManagerRequest``) refuses
/// any write that is not an entity change or `quick_preview` inside a workspace. Requests are
/// paced by one ``RequestPacer`` shared by all copies of the client, carry a bearer token from
/// the configured credentials, and are retried under the configuration's ``RetryPolicy``.
public struct TagManagerClient: Sendable {
    /// The one workspace a deploy writes to. A constant, not a setting: staging is the only
    /// place changes can land (SPEC §6, §9), and a human publishes from it.
    public static let workspaceName = "autoresearch-nightly"

    /// Endpoint, credentials, pacing and retries.
    public let configuration: TagManagerConfiguration
    let http: any HTTPClient
    let pacer: RequestPacer
    let tokens: AccessTokenProvider

    /// - Parameter now: the clock for token expiry and JWT timestamps; injected so tests can fix it.
    public init(configuration: TagManagerConfiguration, http: any HTTPClient = CurlHTTPClient(),
                now: @escaping @Sendable () -> Date = { Date() })
    {
        self.configuration = configuration
        self.http = http
        pacer = RequestPacer(minimumInterval: configuration.requestInterval)
        tokens = AccessTokenProvider(configuration: configuration, http: http, now: now)
    }

    /// GTM API requests sent so far by this client and its copies, retries included (token
    /// fetches are not GTM requests and are not counted). The daily quota is 10,000 per project.
    public var requestCount: Int {
        get async { await pacer.grantedCount }
    }

    // MARK: - Reads

    /// Every workspace of `container` (all pages).
    /// - Throws: ``TagManagerError``.
    public func listWorkspaces(in container: ContainerPath) async throws -> [JSONObject] {
        try await listAll(key: "workspace") { .read(.listWorkspaces(container, pageToken: $0)) }
    }

    /// The workspace named exactly ``workspaceName``, or `nil` when there is none. Never creates it.
    /// - Throws: ``TagManagerError``; ``TagManagerError/Failure/refused(reason:)`` when two
    ///   workspaces have that name (which one a human reviews would be a guess).
    public func findNightlyWorkspace(in container: ContainerPath) async throws -> NightlyWorkspace? {
        let named = try await listWorkspaces(in: container).filter { $0["name"]?.stringValue == TagManagerClient.workspaceName }
        if named.count > 1 {
            let ids = named.compactMap { $0["workspaceId"]?.identifierText }.joined(separator: ", ")
            throw TagManagerError(operation: .deploy, path: "\(container)/workspaces",
                                  failure: .refused(reason: "\(named.count) workspaces are named \(TagManagerClient.workspaceName) (ids \(ids)); delete all but one in Tag Manager"),
                                  attempts: 0)
        }
        return try named.first.map { try nightlyWorkspace(from: $0, in: container, operation: .listWorkspaces) }
    }

    /// Every entity of `kind` in the workspace (all pages), as the API returns them.
    /// - Throws: ``TagManagerError``.
    public func listEntities(_ kind: WorkspaceEntityKind, in workspace: NightlyWorkspace) async throws -> [JSONObject] {
        try await listAll(key: kind.listKey) { .read(.listEntities(workspace, kind, pageToken: $0)) }
    }

    /// One entity, with its current fingerprint.
    /// - Throws: ``TagManagerError``; ``TagManagerError/isNotFound`` when it is gone.
    public func entity(_ kind: WorkspaceEntityKind, id: String, in workspace: NightlyWorkspace) async throws -> JSONObject {
        try await sendForObject(.read(.getEntity(workspace, kind, id: try safe(id, kind, workspace))))
    }

    /// The workspace's changes against its base version and its merge conflicts
    /// (`{"workspaceChange": […], "mergeConflict": […]}`).
    /// - Throws: ``TagManagerError``.
    public func status(of workspace: NightlyWorkspace) async throws -> JSONObject {
        try await sendForObject(.read(.workspaceStatus(workspace)))
    }

    // MARK: - Writes, all inside the nightly workspace

    /// Creates the workspace named ``workspaceName`` (GTM forks it from the container's latest
    /// version). Call ``findNightlyWorkspace(in:)`` first: GTM does not refuse a second one.
    /// - Throws: ``TagManagerError``.
    public func createNightlyWorkspace(in container: ContainerPath) async throws -> NightlyWorkspace {
        let created = try await sendForObject(.write(.createWorkspace(container)))
        return try nightlyWorkspace(from: created, in: container, operation: .createWorkspace)
    }

    /// Creates an entity from `body` (API casing, workspace ids); returns it as stored, with
    /// the id the API assigned.
    /// - Throws: ``TagManagerError``.
    public func createEntity(_ kind: WorkspaceEntityKind, body: JSONObject, in workspace: NightlyWorkspace) async throws -> JSONObject {
        try await sendForObject(.write(.createEntity(workspace, kind), body: .object(body)))
    }

    /// Replaces an entity with `body`, if it still has `fingerprint` (an update replaces the
    /// whole entity: fields left out are cleared).
    /// - Throws: ``TagManagerError``; ``TagManagerError/isFingerprintConflict`` when the entity
    ///   changed since it was read.
    public func updateEntity(_ kind: WorkspaceEntityKind, id: String, body: JSONObject, fingerprint: String,
                             in workspace: NightlyWorkspace) async throws -> JSONObject
    {
        let request = TagManagerRequest.write(.updateEntity(workspace, kind, id: try safe(id, kind, workspace), fingerprint: fingerprint),
                                              body: .object(body))
        return try await sendForObject(request)
    }

    /// Deletes an entity.
    /// - Throws: ``TagManagerError``; ``TagManagerError/isNotFound`` when it was already gone.
    public func deleteEntity(_ kind: WorkspaceEntityKind, id: String, in workspace: NightlyWorkspace) async throws {
        _ = try await send(.write(.deleteEntity(workspace, kind, id: try safe(id, kind, workspace))))
    }

    /// Enables built-in variables by API type (`pageUrl`, `clickUrl`); returns those enabled.
    /// - Throws: ``TagManagerError``.
    @discardableResult
    public func enableBuiltInVariables(types: [String], in workspace: NightlyWorkspace) async throws -> [JSONObject] {
        let reply = try await send(.write(.enableBuiltInVariables(workspace, types: types)))
        return reply["builtInVariable"]?.arrayValue?.compactMap(\.objectValue) ?? []
    }

    /// Disables built-in variables by API type.
    /// - Throws: ``TagManagerError``.
    public func disableBuiltInVariables(types: [String], in workspace: NightlyWorkspace) async throws {
        _ = try await send(.write(.disableBuiltInVariables(workspace, types: types)))
    }

    /// Compiles the workspace as GTM's preview would (`:quick_preview`); creates no version.
    /// - Throws: ``TagManagerError``. A compiler error is a result, not a throw.
    public func quickPreview(_ workspace: NightlyWorkspace) async throws -> QuickPreviewOutcome {
        QuickPreviewOutcome(response: try await sendForObject(.write(.quickPreview(workspace))))
    }

    // MARK: - Helpers

    private func listAll(key: String, _ request: (String?) -> TagManagerRequest) async throws -> [JSONObject] {
        var items: [JSONObject] = []
        var pageToken: String?
        var seen = Set<String>()
        repeat {
            let made = request(pageToken)
            let page = try await send(made)
            items += page[key]?.arrayValue?.compactMap(\.objectValue) ?? []
            pageToken = page["nextPageToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            if let token = pageToken, !seen.insert(token).inserted {
                throw TagManagerError(operation: made.operation, path: made.path,
                                      failure: .malformedResponse(status: 200, reason: "the same nextPageToken came back twice"), attempts: 1)
            }
        } while pageToken != nil
        return items
    }

    private func safe(_ id: String, _ kind: WorkspaceEntityKind, _ workspace: NightlyWorkspace) throws -> String {
        guard ContainerPath.isSafeID(id) else {
            throw TagManagerError(operation: .deploy, path: "\(workspace.path)/\(kind.collection)",
                                  failure: .refused(reason: "\"\(id)\" is not a GTM id"), attempts: 0)
        }
        return id
    }

    private func nightlyWorkspace(from object: JSONObject, in container: ContainerPath,
                                  operation: TagManagerError.Operation) throws -> NightlyWorkspace
    {
        let id = object["workspaceId"]?.identifierText
            ?? object["path"]?.stringValue?.split(separator: "/").last.map(String.init)
        guard object["name"]?.stringValue == TagManagerClient.workspaceName, let id, ContainerPath.isSafeID(id) else {
            throw TagManagerError(operation: operation, path: "\(container)/workspaces",
                                  failure: .malformedResponse(status: 200, reason: "the workspace has no usable id or is not named \(TagManagerClient.workspaceName)"),
                                  attempts: 1)
        }
        return NightlyWorkspace(container: container, workspaceId: id, tagManagerUrl: object["tagManagerUrl"]?.stringValue)
    }
}
