import GTMModel

/// GTM's built-in variables by display name, with the export type that enables each: a
/// `{{Page URL}}` that resolves to nothing is a built-in that was never enabled.
enum BuiltInNames {
    static let web: [String: String] = [
        "Page URL": "PAGE_URL", "Page Hostname": "PAGE_HOSTNAME", "Page Path": "PAGE_PATH", "Referrer": "REFERRER", "Event": "EVENT",
        "Environment Name": "ENVIRONMENT_NAME", "Container ID": "CONTAINER_ID", "Container Version": "CONTAINER_VERSION",
        "Debug Mode": "DEBUG_MODE", "Random Number": "RANDOM_NUMBER", "HTML ID": "HTML_ID",
        "Click Element": "CLICK_ELEMENT", "Click Classes": "CLICK_CLASSES", "Click ID": "CLICK_ID", "Click Target": "CLICK_TARGET",
        "Click URL": "CLICK_URL", "Click Text": "CLICK_TEXT", "Form Element": "FORM_ELEMENT", "Form Classes": "FORM_CLASSES",
        "Form ID": "FORM_ID", "Form Target": "FORM_TARGET", "Form URL": "FORM_URL", "Form Text": "FORM_TEXT",
        "Error Message": "ERROR_MESSAGE", "Error URL": "ERROR_URL", "Error Line": "ERROR_LINE",
        "New History URL": "NEW_HISTORY_URL", "Old History URL": "OLD_HISTORY_URL", "New History Fragment": "NEW_HISTORY_FRAGMENT",
        "Old History Fragment": "OLD_HISTORY_FRAGMENT", "New History State": "NEW_HISTORY_STATE", "Old History State": "OLD_HISTORY_STATE",
        "History Source": "HISTORY_SOURCE", "Video Provider": "VIDEO_PROVIDER", "Video Status": "VIDEO_STATUS", "Video URL": "VIDEO_URL",
        "Video Title": "VIDEO_TITLE", "Video Duration": "VIDEO_DURATION", "Video Percent": "VIDEO_PERCENT", "Video Visible": "VIDEO_VISIBLE",
        "Video Current Time": "VIDEO_CURRENT_TIME", "Scroll Depth Threshold": "SCROLL_DEPTH_THRESHOLD",
        "Scroll Depth Units": "SCROLL_DEPTH_UNITS", "Scroll Direction": "SCROLL_DEPTH_DIRECTION",
        "Percent Visible": "ELEMENT_VISIBILITY_RATIO", "On-Screen Duration": "ELEMENT_VISIBILITY_TIME",
    ]

    static let server: [String: String] = [
        "Client Name": "CLIENT_NAME", "Event Name": "EVENT_NAME", "Request Path": "REQUEST_PATH", "Request Method": "REQUEST_METHOD",
        "Query String": "QUERY_STRING", "Visitor Region": "VISITOR_REGION", "Container ID": "CONTAINER_ID",
        "Container Version": "CONTAINER_VERSION", "Debug Mode": "DEBUG_MODE", "Environment Name": "ENVIRONMENT_NAME",
        "Random Number": "RANDOM_NUMBER",
    ]

    /// The built-in type that defines `name` in this kind of container.
    static func type(named name: String, in container: Container) -> String? {
        switch container.usageContext {
        case .server: server[name]
        case .web, .unknown: web[name]
        default: nil
        }
    }
}
