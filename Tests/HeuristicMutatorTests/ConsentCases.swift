import TestSupport

enum ConsentCases {
    static let metaCode = "<script>fbq('track', 'Purchase', {value: {{DLV - value}}, currency: 'EUR'}, {eventID: {{DLV - value}}});</script>"
    static let value = Shop.dlv("51", "DLV - value", "ecommerce.value")

    static let all: [FixerCase] = [
        FixerCase("consent.not_set", "a Meta pixel without consent settings", Shop.export(
            tags: [Shop.metaPixel("30", metaCode, consent: nil)], variables: [value])),
        FixerCase("consent.needed_without_types", "a Meta pixel NEEDED with no types", Shop.export(
            tags: [Shop.metaPixel("30", metaCode, consent: #"{"consentStatus":"NEEDED"}"#)], variables: [value])),
        FixerCase("consent.missing_types", "a Meta pixel needing only ad_storage", Shop.export(
            tags: [Shop.metaPixel("30", metaCode, consent: #"{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"ad_storage"}]}}"#)],
            variables: [value])),
        FixerCase("consent.not_needed_without_builtin", "a Meta pixel set to NOT_NEEDED", Shop.export(
            tags: [Shop.metaPixel("30", metaCode, consent: #"{"consentStatus":"NOT_NEEDED"}"#)], variables: [value])),
        FixerCase("consent.inconsistent_vendor", "GA4 tags NEEDED and NOT_NEEDED", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - view_item", event: "view_item", triggers: ["31"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")], consent: #"{"consentStatus":"NOT_NEEDED"}"#),
                   Fixtures.ga4EventTag(id: "32", name: "GA4 - Event - add_to_cart", event: "add_to_cart", triggers: ["33"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - view_item", event: "view_item"),
                       Fixtures.customEventTrigger(id: "33", name: "CE - add_to_cart", event: "add_to_cart")])),
        FixerCase("consent.no_default", "vendor tags and no consent default", Fixtures.exportText(
            tags: [Shop.googleTag, Shop.purchaseTag], triggers: [Shop.purchaseTrigger], variables: [Shop.ga4Constant])),
        FixerCase("consent.default_wrong_trigger", "a consent platform on All Pages", Fixtures.exportText(
            tags: [Shop.googleTag, Shop.purchaseTag,
                   #"{"tagId":"3","name":"Consent - CMP - Cookiebot","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script src=\"https://consent.cookiebot.com/uc.js\"></script>"}],"firingTriggerId":["11"],"notes":"CMP"}"#],
            triggers: [Shop.purchaseTrigger, #"{"triggerId":"11","name":"PV - All Pages","type":"PAGEVIEW"}"#], variables: [Shop.ga4Constant])),
    ]
}
