/// A tag whose trigger fired but which did not fire, and why.
public struct BlockedTag: Sendable, Equatable, Codable {
    /// Why a tag did not fire.
    public enum Reason: String, Sendable, Codable, Equatable {
        /// Its consent settings require consent types that were denied.
        case consent
        /// A blocking (exception) trigger fired on the same event.
        case blockingTrigger = "blocking_trigger"
        /// The tag is paused.
        case paused
        /// A setup tag did not fire and the tag is set not to fire then.
        case setupFailed = "setup_failed"
        /// Firing option "Once per page", and it already fired on this page.
        case oncePerPage = "once_per_page"
    }

    public var tagId: String
    public var name: String
    public var reason: Reason
    /// A sentence for reports: `ad_storage denied`, `blocked by "Exclude internal traffic"`.
    public var detail: String
    /// The denied consent types, for `.consent`.
    public var deniedConsent: [String]
    /// The blocking triggers that fired, for `.blockingTrigger`.
    public var blockingTriggers: [String]

    /// Creates the value from its parts.
    public init(tagId: String, name: String, reason: Reason, detail: String, deniedConsent: [String] = [], blockingTriggers: [String] = []) {
        self.tagId = tagId
        self.name = name
        self.reason = reason
        self.detail = detail
        self.deniedConsent = deniedConsent
        self.blockingTriggers = blockingTriggers
    }
}
