/// Where a container runs (`container.usageContext`).
public enum UsageContext: String, Sendable {
    case web, server, amp, android, ios, unknown

    init(exportName: String?) {
        switch exportName?.uppercased() {
        case "WEB": self = .web
        case "SERVER": self = .server
        case "AMP": self = .amp
        case "ANDROID": self = .android
        case "IOS": self = .ios
        default: self = .unknown
        }
    }
}
