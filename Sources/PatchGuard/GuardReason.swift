/// Why the guard turned a proposal down: stable codes, stored in `rounds.reason`.
public enum GuardReason: String, Sendable, CaseIterable {
    /// The mutator's answer was not JSON, or not a patch document.
    case invalidJSON = "invalid_json"
    /// The patch has no operations.
    case emptyPatch = "empty_patch"
    /// An operation does not apply: a missing path, an unknown entity id, a failed `test`.
    case patchFailed = "patch_failed"
    /// The same patch was already tried in this run.
    case repeatedProposal = "repeated_proposal"
    /// The patch touches more entities than allowed.
    case tooManyEntities = "too_many_entities"
    /// The patched document is no longer a valid container export.
    case invalidContainer = "invalid_container"
    /// An id, the account or container ids, the container or `exportFormatVersion` changed.
    case identityChanged = "identity_changed"
    /// A `%%PLACEHOLDER%%` token disappeared.
    case placeholderLost = "placeholder_lost"
    /// Two entities of one kind now share an id.
    case duplicateId = "duplicate_id"
    /// Two tags, triggers or variables now share a name (GTM refuses such an import).
    case duplicateName = "duplicate_name"
    /// A trigger, folder or sequenced tag is referenced but does not exist.
    case danglingReference = "dangling_reference"
    /// A `{{Variable}}` is referenced but defined nowhere.
    case unresolvedVariable = "unresolved_variable"
    /// A live tag that is not a duplicate was removed or paused.
    case tagRemoved = "tag_removed"
    /// A (destination, event) pair that live tags sent is no longer sent.
    case coverageLost = "coverage_lost"
    /// The patch leaves the container as it was.
    case noChange = "no_change"
}

/// A rejection: the reason code and a one-line detail naming what broke.
public struct GuardRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: GuardReason
    public var detail: String

    public init(_ reason: GuardReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "\(reason.rawValue): \(detail)" }
}
