import TestSupport

enum NamingCases {
    static let all: [FixerCase] = [
        FixerCase("naming.duplicate_name", "two triggers called CE - purchase", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - view_item", event: "view_item", triggers: ["31"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - purchase", event: "view_item")])),
        FixerCase("naming.default_name", "a tag called Custom HTML 2", Shop.export(
            tags: [#"{"tagId":"30","name":"Custom HTML 2","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script>window.x = 1;</script>"}],"firingTriggerId":["10"],"notes":"helper"}"#])),
        FixerCase("naming.tag_convention", "a tag called purchase", Shop.export(
            tags: [Shop.metaPixel("30", ConsentCases.metaCode, name: "purchase")], variables: [ConsentCases.value])),
        FixerCase("naming.variable_prefix", "a data-layer variable without its prefix", Shop.export(
            tags: [Shop.metaPixel("30", "<script>fbq('track', 'Purchase', {value: {{ecommerce value}}, currency: 'EUR'}, {eventID: {{ecommerce value}}});</script>")],
            variables: [Shop.dlv("51", "ecommerce value", "ecommerce.value")])),
        FixerCase("naming.trigger_prefix", "a trigger called purchase", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - view_item", event: "view_item", triggers: ["31"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "view item", event: "view_item")])),
        FixerCase("naming.ga4_event_name", "a GA4 event called addToCart", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - add_to_cart", event: "addToCart", triggers: ["31"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - add_to_cart", event: "addToCart")])),
    ]
}
