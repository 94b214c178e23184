/// Vendor signatures in code: what a Custom HTML tag or a template's sandboxed JS loads or calls.
enum CodeSignatures {
    /// Ordered: the first matching vendor wins when code mentions several (a Meta snippet that also
    /// calls gtag is a Meta tag).
    static let vendors: [(Destination, [String])] = [
        (.meta, ["fbq(", "connect.facebook.net", "graph.facebook.com", "facebook.com/tr", "fbevents.js"]),
        (.tiktok, ["ttq.", "analytics.tiktok.com", "business-api.tiktok.com"]),
        (.snapchat, ["snaptr(", "sc-static.net", "tr.snapchat.com"]),
        (.linkedin, ["lintrk(", "snap.licdn.com", "_linkedin_partner_id", "px.ads.linkedin.com", "api.linkedin.com"]),
        (.pinterest, ["pintrk(", "s.pinimg.com", "ct.pinterest.com", "api.pinterest.com"]),
        (.twitter, ["twq(", "static.ads-twitter.com", "analytics.twitter.com", "ads-api.twitter.com"]),
        (.microsoftAds, ["bat.bing.com", "uetq"]),
        (.reddit, ["rdt(", "redditstatic.com", "ads-api.reddit.com"]),
        (.criteo, ["criteo.com", "criteo.net", "criteo_q"]),
        (.awin, ["awin1.com", "dwin1.com", "zenaps.com"]),
        (.hotjar, ["static.hotjar.com", "hotjar.com", "hjsv"]),
        (.clarity, ["clarity.ms"]),
        (.mixpanel, ["mixpanel.com", "mixpanel.track(", "mixpanel.init("]),
        (.amplitude, ["amplitude.com", "amplitude.getinstance", "amplitude.init", "amplitude.track"]),
        (.klaviyo, ["klaviyo.com", "_learnq"]),
        (.hubspot, ["hs-scripts.com", "hs-analytics.net", "_hsq", "api.hubapi.com", "hsforms.net"]),
        (.googleAds, ["googleadservices.com", "googleads.g.doubleclick.net", "'aw-", "\"aw-", "google_conversion_id"]),
        (.floodlight, ["fls.doubleclick.net", "ad.doubleclick.net/activity"]),
        (.ga4, ["google-analytics.com/g/collect", "googletagmanager.com/gtag/js", "'g-", "\"g-", "measurement_id"]),
        (.universalAnalytics, ["google-analytics.com/analytics.js", "'ua-", "\"ua-", "_gaq.push", "ga('send'", "ga(\"send\""]),
    ]

    /// Signs that code sends data somewhere (even if the vendor is unknown).
    static let network = ["<script src", "src=\"http", "src='http", "src=\"//", "createelement('script')",
                          "createelement(\"script\")", "new image", "sendbeacon", "fetch(", "xmlhttprequest",
                          "sendhttprequest", "sendhttpget", "injectscript", "sendpixel", "<img", "<iframe"]

    /// Signs that code sets Consent Mode defaults.
    static let consentDefault = ["'consent', 'default'", "\"consent\", \"default\"", "'consent','default'",
                                 "\"consent\",\"default\"", "setdefaultconsentstate"]

    /// Signs of a consent management platform's loader.
    static let consentPlatform = ["consent.cookiebot.com", "cookielaw.org", "onetrust", "usercentrics", "didomi",
                                  "iubenda", "cookieyes", "quantcast.mgr", "termly", "complianz", "borlabs"]

    /// Signs that code updates consent state (a CMP bridge or relay) without sending data itself.
    static let consentUpdate = ["updateconsentstate", "'consent', 'update'", "\"consent\", \"update\"", "'consent','update'", "\"consent\",\"update\""]

    /// The vendor a piece of code talks to, if any.
    static func vendor(in code: SearchableText) -> Destination? {
        for (destination, needles) in vendors where code.containsAny(needles) {
            return destination
        }
        return nil
    }
}
