import LosslessJSON

/// What `quick_preview` said about the workspace: whether it compiles, and whether it is in
/// step with the container's latest version.
///
/// The API reports a compiler error as a flag only; ``messages`` says what is known in words, and
/// the deploy adds the merge conflicts it reads from the workspace status.
public struct QuickPreviewOutcome: Sendable, Equatable {
    /// GTM could not compile the workspace (a tag firing on a missing trigger, a template type
    /// with no template, …). Nothing can be published from it as it stands.
    public var compilerError: Bool
    /// The workspace conflicts with changes published since it was created.
    public var mergeConflict: Bool
    /// GTM could not sync the workspace with the latest version.
    public var syncError: Bool
    /// One line per problem, for the report; empty when all is well.
    public var messages: [String]

    /// An outcome as given (tests, or a caller rebuilding a report).
    public init(compilerError: Bool, mergeConflict: Bool = false, syncError: Bool = false, messages: [String] = []) {
        self.compilerError = compilerError
        self.mergeConflict = mergeConflict
        self.syncError = syncError
        self.messages = messages
    }

    /// Reads a `quick_preview` reply: `{"containerVersion": {…}, "compilerError": bool,
    /// "syncStatus": {"mergeConflict": bool, "syncError": bool}}`.
    init(response: JSONObject) {
        compilerError = response["compilerError"]?.boolValue ?? false
        mergeConflict = response["syncStatus"]?["mergeConflict"]?.boolValue ?? false
        syncError = response["syncStatus"]?["syncError"]?.boolValue ?? false
        messages = []
        if compilerError {
            messages.append("GTM could not compile the workspace (compilerError: true); open it in Tag Manager and press Preview to see which entity fails")
        }
        if syncError { messages.append("GTM could not sync the workspace with the container's latest version (syncError: true)") }
        if mergeConflict && !syncError {
            messages.append("the workspace has merge conflicts with the container's latest version; resolve them in Tag Manager before publishing")
        }
    }

    /// Whether the workspace compiled and is in step with the container.
    public var isClean: Bool { !compilerError && !mergeConflict && !syncError }
}
