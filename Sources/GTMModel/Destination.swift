/// Where a tag sends data, derived from its type, template and code, never from its name.
public enum Destination: String, Sendable, Hashable, CaseIterable, Comparable {
    case ga4, universalAnalytics = "universal_analytics", googleAds = "google_ads", floodlight
    case meta, tiktok, linkedin, pinterest, snapchat, twitter, microsoftAds = "microsoft_ads", reddit, criteo, awin
    case hotjar, clarity, mixpanel, amplitude, klaviyo, hubspot
    /// A first-party server container (Stape Data Tag, a server GA4 transport): data leaves the page.
    case serverContainer = "server_container"
    /// An HTTP request or script to a host this classifier does not know.
    case otherVendor = "other_vendor"

    /// What kind of processing a destination does, which decides the consent types it needs.
    public enum Category: String, Sendable {
        case analytics, advertising, transport, other
    }

    public var category: Category {
        switch self {
        case .ga4, .universalAnalytics, .hotjar, .clarity, .mixpanel, .amplitude: .analytics
        case .googleAds, .floodlight, .meta, .tiktok, .linkedin, .pinterest, .snapchat, .twitter, .microsoftAds,
             .reddit, .criteo, .awin, .klaviyo, .hubspot: .advertising
        case .serverContainer: .transport
        case .otherVendor: .other
        }
    }

    /// Consent Mode v2 types a tag of this destination should require.
    public var requiredConsentTypes: [String] {
        switch category {
        case .analytics: ["analytics_storage"]
        case .advertising: ["ad_storage", "ad_user_data", "ad_personalization"]
        case .transport, .other: ["analytics_storage"]
        }
    }

    /// Whether Google's tags check consent themselves (Consent Mode), so `NOT_NEEDED` is acceptable.
    public var hasBuiltInConsentChecks: Bool {
        switch self {
        case .ga4, .googleAds, .floodlight: true
        default: false
        }
    }

    /// A display name for reports and hints.
    public var displayName: String {
        switch self {
        case .ga4: "GA4"
        case .universalAnalytics: "Universal Analytics"
        case .googleAds: "Google Ads"
        case .floodlight: "Floodlight"
        case .meta: "Meta"
        case .tiktok: "TikTok"
        case .linkedin: "LinkedIn"
        case .pinterest: "Pinterest"
        case .snapchat: "Snapchat"
        case .twitter: "X (Twitter)"
        case .microsoftAds: "Microsoft Ads"
        case .reddit: "Reddit"
        case .criteo: "Criteo"
        case .awin: "Awin"
        case .hotjar: "Hotjar"
        case .clarity: "Microsoft Clarity"
        case .mixpanel: "Mixpanel"
        case .amplitude: "Amplitude"
        case .klaviyo: "Klaviyo"
        case .hubspot: "HubSpot"
        case .serverContainer: "Server container"
        case .otherVendor: "Other vendor"
        }
    }

    public static func < (lhs: Destination, rhs: Destination) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a tag is for, beyond where it sends data.
public enum TagRole: String, Sendable, Hashable {
    /// Sends measurement or conversion data to a destination.
    case measurement
    /// A Google tag / GA4 configuration tag (loads the library, sends page views).
    case googleTagConfig = "google_tag_config"
    /// The Google Ads Conversion Linker (stores click ids).
    case conversionLinker = "conversion_linker"
    /// Sets Consent Mode defaults (a CMP template or `gtag('consent','default',…)`).
    case consentDefault = "consent_default"
    /// Relays consent choices (`gtag('consent','update',…)`, `updateConsentState`) without sending data.
    case consentUpdate = "consent_update"
    /// Code that sends nothing anywhere (listeners, data-layer helpers).
    case utility
    /// A sunset type that no longer sends anything (`ua`, `ga`, `ua_amp`).
    case deprecated
}
