import TestSupport

/// A small, healthy web shop container that each fixer test adds one problem to: a Google tag and
/// a GA4 purchase tag reading the measurement id from a constant, on a `purchase` custom event.
enum Shop {
    static let analytics = #"{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"analytics_storage"}]}}"#
    static let ads = #"{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"ad_storage"},{"type":"TEMPLATE","value":"ad_user_data"},{"type":"TEMPLATE","value":"ad_personalization"}]}}"#

    static let ga4Constant = #"{"variableId":"50","name":"Const - GA4 ID","type":"c","parameter":[{"type":"TEMPLATE","key":"value","value":"G-ABC12345"}]}"#
    static let googleTag = #"{"tagId":"1","name":"GA4 - Google Tag - Config","type":"googtag","parameter":[{"type":"TEMPLATE","key":"tagId","value":"{{Const - GA4 ID}}"}],"firingTriggerId":["2147479573"],"tagFiringOption":"ONCE_PER_EVENT","consentSettings":\#(analytics)}"#
    static let purchaseTag = Fixtures.ga4EventTag(id: "2", name: "GA4 - Event - purchase", event: "purchase", triggers: ["10"],
                                                  extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])
    static let purchaseTrigger = Fixtures.customEventTrigger(id: "10", name: "CE - purchase", event: "purchase")
    static let consentDefault = #"{"tagId":"3","name":"Consent - Default - Consent Mode","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script>gtag('consent', 'default', {'ad_storage': 'denied'});</script>"}],"firingTriggerId":["2147479572"],"notes":"Consent default."}"#

    /// A Data Layer Variable reading `key`.
    static func dlv(_ id: String, _ name: String, _ key: String, version: String = "2", folder: String? = nil) -> String {
        let parent = folder.map { #","parentFolderId":"\#($0)""# } ?? ""
        return #"{"variableId":"\#(id)","name":"\#(name)","type":"v","parameter":[{"type":"INTEGER","key":"dataLayerVersion","value":"\#(version)"},{"type":"BOOLEAN","key":"setDefaultValue","value":"false"},{"type":"TEMPLATE","key":"name","value":"\#(key)"}]\#(parent)}"#
    }

    /// A Google Ads conversion tag with the given extra parameters.
    static func adsConversion(_ id: String, trigger: String = "10", extra: [String] = [], option: String = "ONCE_PER_EVENT") -> String {
        let params = ([Fixtures.param("conversionId", "123456789"), Fixtures.param("conversionLabel", "AbC-D_efG")] + extra).joined(separator: ",")
        return #"{"tagId":"\#(id)","name":"Google Ads - Conversion - purchase","type":"awct","parameter":[\#(params)],"firingTriggerId":["\#(trigger)"],"tagFiringOption":"\#(option)","consentSettings":\#(ads)}"#
    }

    /// A Custom HTML Meta pixel tag with the given code.
    static func metaPixel(_ id: String, _ code: String, trigger: String = "10", consent: String? = ads, name: String = "Meta - Pixel - purchase") -> String {
        let consentPart = consent.map { #","consentSettings":\#($0)"# } ?? ""
        return #"{"tagId":"\#(id)","name":"\#(name)","type":"html","parameter":[\#(Fixtures.param("html", code))],"firingTriggerId":["\#(trigger)"],"tagFiringOption":"ONCE_PER_EVENT","notes":"Meta pixel."\#(consentPart)}"#
    }

    static func export(tags: [String] = [], triggers: [String] = [], variables: [String] = [], folders: [String] = [],
                       builtIns: [String] = [], templates: [String] = [], base: Bool = true) -> String
    {
        Fixtures.exportText(tags: (base ? [googleTag, purchaseTag, consentDefault] : []) + tags, triggers: (base ? [purchaseTrigger] : []) + triggers,
                            variables: (base ? [ga4Constant] : []) + variables, folders: folders, builtInVariables: builtIns, templates: templates)
    }
}
