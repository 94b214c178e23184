import TestSupport

enum CoverageCases {
    static let all: [FixerCase] = [
        FixerCase("coverage.paused_tag", "a paused Meta tag and the trigger only it used", Shop.export(
            tags: [#"{"tagId":"30","name":"Meta - Pixel - lead","type":"html","paused":true,"parameter":[{"type":"TEMPLATE","key":"html","value":"<script>fbq('track', 'Lead');</script>"}],"firingTriggerId":["31"],"notes":"old","consentSettings":\#(Shop.ads)}"#],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - lead", event: "lead")])),
        FixerCase("coverage.no_firing_trigger", "a tag without triggers", Shop.export(
            tags: [#"{"tagId":"30","name":"Utility - Custom HTML - helper","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script>window.x = 1;</script>"}],"notes":"helper"}"#])),
        FixerCase("coverage.deprecated_tag_type", "a UA tag with its own trigger and settings variable", Shop.export(
            tags: [#"{"tagId":"30","name":"UA - Pageview","type":"ua","parameter":[{"type":"TEMPLATE","key":"trackType","value":"TRACK_PAGEVIEW"},{"type":"TEMPLATE","key":"gaSettings","value":"{{GAS - Settings}}"}],"firingTriggerId":["31"]}"#],
            triggers: [#"{"triggerId":"31","name":"PV - All","type":"PAGEVIEW"}"#],
            variables: [#"{"variableId":"51","name":"GAS - Settings","type":"gas","parameter":[{"type":"TEMPLATE","key":"trackingId","value":"UA-1-1"}]}"#])),
        FixerCase("coverage.dangling_trigger", "a tag naming a trigger that was deleted", movesScore: false, Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - view_item", event: "view_item", triggers: ["10", "99"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])])),
        FixerCase("coverage.google_tag_missing", "GA4 event tags and no Google tag", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - view_item", event: "view_item", triggers: ["31"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])],
            triggers: [Shop.purchaseTrigger, Fixtures.customEventTrigger(id: "31", name: "CE - view_item", event: "view_item")],
            variables: [Shop.ga4Constant], base: false)),
        FixerCase("coverage.conversion_linker_missing", "an Ads purchase conversion without a linker", Shop.export(
            tags: [Shop.adsConversion("30", extra: [Fixtures.param("conversionValue", "{{DLV - value}}"), Fixtures.param("currencyCode", "EUR"), Fixtures.param("orderId", "{{DLV - id}}")])],
            triggers: [Shop.purchaseTrigger],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value"), Shop.dlv("52", "DLV - id", "ecommerce.transaction_id")],
            base: false)),
        FixerCase("coverage.custom_html_risk", "a Meta pixel loaded over http", Shop.export(
            tags: [Shop.metaPixel("30", #"<script src="http://connect.facebook.net/en_US/fbevents.js"></script><script>fbq('track', 'AddToCart', {value: 1, currency: 'EUR'}, {eventID: 'x'});</script>"#, trigger: "31")],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - add_to_cart", event: "add_to_cart")])),
        FixerCase("coverage.live_only", "a tag that fires only live", movesScore: false, Shop.export(
            tags: [#"{"tagId":"30","name":"Utility - Custom HTML - helper","type":"html","liveOnly":true,"parameter":[{"type":"TEMPLATE","key":"html","value":"<script>window.x = 1;</script>"}],"firingTriggerId":["10"],"notes":"helper"}"#])),
        FixerCase("coverage.plan_event_missing", "the funnel's add_to_cart is not tagged", Shop.export()),
    ]
}
