import CurlHTTP
import LosslessJSON

/// One GTM API request as the client builds it: method, path below the base URL, query, body.
///
/// Requests are made only through ``read(_:)`` and ``write(_:body:)``, whose cases are the whole
/// vocabulary of the deploy. Every write names a ``NightlyWorkspace`` (or creates the workspace
/// of that name), and there is no case for a container version or a publish. ``refusal`` checks
/// the finished request once more before anything is sent.
struct TagManagerRequest: Sendable {
    /// The reads: anything in the container may be read.
    enum Read: Sendable {
        case listWorkspaces(ContainerPath, pageToken: String?)
        case listEntities(NightlyWorkspace, WorkspaceEntityKind, pageToken: String?)
        case getEntity(NightlyWorkspace, WorkspaceEntityKind, id: String)
        case workspaceStatus(NightlyWorkspace)
    }

    /// The writes: each inside the nightly workspace, or the creation of that workspace.
    enum Write: Sendable {
        /// `POST C/workspaces` with the fixed name ``TagManagerClient/workspaceName``.
        case createWorkspace(ContainerPath)
        case createEntity(NightlyWorkspace, WorkspaceEntityKind)
        /// A full replacement, accepted only while the entity still has `fingerprint`.
        case updateEntity(NightlyWorkspace, WorkspaceEntityKind, id: String, fingerprint: String)
        case deleteEntity(NightlyWorkspace, WorkspaceEntityKind, id: String)
        /// `POST W/built_in_variables?type=…&type=…`.
        case enableBuiltInVariables(NightlyWorkspace, types: [String])
        /// `DELETE W/built_in_variables?type=…&type=…`.
        case disableBuiltInVariables(NightlyWorkspace, types: [String])
        /// `POST W:quick_preview`: compiles the workspace; creates nothing that lasts.
        case quickPreview(NightlyWorkspace)
    }

    let method: HTTPRequest.Method
    /// The resource path below the base URL, without query (`accounts/1/containers/2/…`).
    let path: String
    let query: [(name: String, value: String)]
    let body: JSONValue?
    let operation: TagManagerError.Operation

    /// Direct construction is for tests of ``refusal``; the client uses ``read(_:)`` and ``write(_:body:)``.
    init(method: HTTPRequest.Method, path: String, query: [(name: String, value: String)] = [], body: JSONValue? = nil,
         operation: TagManagerError.Operation)
    {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.operation = operation
    }

    static func read(_ read: Read) -> TagManagerRequest {
        switch read {
        case .listWorkspaces(let container, let pageToken):
            TagManagerRequest(method: .get, path: "\(container)/workspaces", query: pageQuery(pageToken), operation: .listWorkspaces)
        case .listEntities(let workspace, let kind, let pageToken):
            TagManagerRequest(method: .get, path: "\(workspace.path)/\(kind.collection)", query: pageQuery(pageToken), operation: .listEntities)
        case .getEntity(let workspace, let kind, let id):
            TagManagerRequest(method: .get, path: workspace.entityPath(kind, id: id), operation: .getEntity)
        case .workspaceStatus(let workspace):
            TagManagerRequest(method: .get, path: "\(workspace.path)/status", operation: .getWorkspaceStatus)
        }
    }

    static func write(_ write: Write, body: JSONValue? = nil) -> TagManagerRequest {
        switch write {
        case .createWorkspace(let container):
            let fixed: JSONValue = ["name": .string(TagManagerClient.workspaceName),
                                    "description": "Staging for gtm-autoresearch: a human reviews and publishes; the tool never does."]
            return TagManagerRequest(method: .post, path: "\(container)/workspaces", body: fixed, operation: .createWorkspace)
        case .createEntity(let workspace, let kind):
            return TagManagerRequest(method: .post, path: "\(workspace.path)/\(kind.collection)", body: body, operation: .createEntity)
        case .updateEntity(let workspace, let kind, let id, let fingerprint):
            return TagManagerRequest(method: .put, path: workspace.entityPath(kind, id: id), query: [("fingerprint", fingerprint)],
                                     body: body, operation: .updateEntity)
        case .deleteEntity(let workspace, let kind, let id):
            return TagManagerRequest(method: .delete, path: workspace.entityPath(kind, id: id), operation: .deleteEntity)
        case .enableBuiltInVariables(let workspace, let types):
            return TagManagerRequest(method: .post, path: "\(workspace.path)/built_in_variables", query: types.map { ("type", $0) },
                                     operation: .enableBuiltInVariables)
        case .disableBuiltInVariables(let workspace, let types):
            return TagManagerRequest(method: .delete, path: "\(workspace.path)/built_in_variables", query: types.map { ("type", $0) },
                                     operation: .disableBuiltInVariables)
        case .quickPreview(let workspace):
            return TagManagerRequest(method: .post, path: "\(workspace.path):quick_preview", operation: .quickPreview)
        }
    }

    private static func pageQuery(_ token: String?) -> [(name: String, value: String)] {
        token.map { [("pageToken", $0)] } ?? []
    }

    /// Why this request must not be sent, or `nil`.
    ///
    /// Reads may go anywhere below `accounts/`. A write must be one of: `POST …/workspaces`
    /// creating the workspace named ``TagManagerClient/workspaceName``; a POST, PUT or DELETE of an
    /// entity collection or entity inside a workspace; `POST …/workspaces/{w}:quick_preview`.
    /// Everything else — versions, publishing, the container, environments, other custom
    /// methods — is refused here whatever built it.
    var refusal: String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 4, segments[0] == "accounts", segments[2] == "containers",
              segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }),
              path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") && $0 != UInt8(ascii: "%") })
        else { return "\(path) is not a container resource path" }
        if method == .get { return nil }

        let below = Array(segments.dropFirst(4))  // after accounts/{a}/containers/{c}
        let writable: Set<String> = Set(WorkspaceEntityKind.allCases.map(\.collection))
        switch below.count {
        case 1 where below[0] == "workspaces" && method == .post:
            return body?["name"]?.stringValue == TagManagerClient.workspaceName
                ? nil : "a new workspace may only be named \(TagManagerClient.workspaceName)"
        case 2 where below[0] == "workspaces" && method == .post && below[1].hasSuffix(":quick_preview")
            && ContainerPath.isSafeID(String(below[1].dropLast(":quick_preview".count))):
            return nil
        case 3 where below[0] == "workspaces" && ContainerPath.isSafeID(below[1]) && writable.contains(below[2]) && method != .put:
            return below[2] == "built_in_variables" || method == .post ? nil : "\(method.rawValue) of a whole collection is not a deploy write"
        case 4 where below[0] == "workspaces" && ContainerPath.isSafeID(below[1]) && writable.contains(below[2])
            && below[2] != "built_in_variables" && ContainerPath.isSafeID(below[3]) && (method == .put || method == .delete):
            return nil
        default:
            break
        }
        return "\(method.rawValue) \(path) is not a write inside a workspace (the deploy never versions, publishes or edits the container)"
    }
}
