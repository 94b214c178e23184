import TestSupport

enum DedupCases {
    static let linker = #"{"tagId":"31","name":"Google Ads - Conversion Linker - All Pages","type":"gclidw","firingTriggerId":["2147479553"],"consentSettings":\#(Shop.ads)}"#

    static let all: [FixerCase] = [
        FixerCase("dedup.transaction_id", "an Ads purchase without orderId", Shop.export(
            tags: [Shop.adsConversion("30", extra: [Fixtures.param("conversionValue", "{{DLV - value}}"), Fixtures.param("currencyCode", "EUR")]), linker],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value"), Shop.dlv("52", "DLV - id", "ecommerce.transaction_id")])),
        FixerCase("dedup.meta_event_id", "a Meta pixel purchase without eventID", Shop.export(
            tags: [Shop.metaPixel("30", "<script>fbq('track', 'Purchase', {value: {{DLV - value}}, currency: 'EUR'});</script>")],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value")])),
        FixerCase("dedup.duplicate_tag", "a copy of the GA4 purchase tag", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - purchase (copy)", event: "purchase", triggers: ["10"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])])),
        FixerCase("dedup.same_event_twice", "a second GA4 purchase tag on the same trigger", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - purchase again", event: "purchase", triggers: ["10"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN"), Fixtures.param("debug_mode", "true")])])),
        FixerCase("dedup.conversion_firing_option", "an Ads conversion firing Unlimited", Shop.export(
            tags: [Shop.adsConversion("30", extra: [Fixtures.param("conversionValue", "{{DLV - value}}"), Fixtures.param("currencyCode", "EUR"), Fixtures.param("orderId", "{{DLV - id}}")], option: "UNLIMITED"), linker],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value"), Shop.dlv("52", "DLV - id", "ecommerce.transaction_id")])),
        FixerCase("dedup.duplicate_google_tag", "two Google tags for one property", Shop.export(
            tags: [#"{"tagId":"30","name":"GA4 - Google Tag - Config 2","type":"googtag","parameter":[{"type":"TEMPLATE","key":"tagId","value":"{{Const - GA4 ID}}"}],"firingTriggerId":["2147479573"],"tagFiringOption":"ONCE_PER_EVENT","consentSettings":\#(Shop.analytics)}"#])),
    ]
}
