/// The trigger ids GTM defines itself: tags may reference them with no trigger in the export.
public enum BuiltInTrigger {
    /// "All Pages" (page view, `gtm.js`).
    public static let allPages = "2147479553"
    /// "Consent Initialization - All Pages": fires before every other trigger.
    public static let consentInitialization = "2147479572"
    /// "Initialization - All Pages".
    public static let initialization = "2147479573"

    /// Every id at or above the first built-in id is GTM's own.
    public static func isBuiltIn(_ id: String) -> Bool {
        guard let n = Int(id) else { return false }
        return n >= 2_147_479_553
    }

    /// A readable name for a built-in trigger id.
    public static func name(of id: String) -> String {
        switch id {
        case allPages: "All Pages"
        case consentInitialization: "Consent Initialization - All Pages"
        case initialization: "Initialization - All Pages"
        default: "Built-in trigger \(id)"
        }
    }
}
