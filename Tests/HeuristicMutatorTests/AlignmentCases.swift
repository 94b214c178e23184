import TestSupport

enum AlignmentCases {
    static let all: [FixerCase] = [
        FixerCase("alignment.event_missing_destination", "Meta receives generate_lead, GA4 does not", Shop.export(
            tags: [Shop.metaPixel("30", "<script>fbq('track', 'Lead', {value: {{DLV - value}}, currency: 'EUR'}, {eventID: 'a'});</script>", trigger: "31", name: "Meta - Pixel - lead")],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - generate_lead", event: "generate_lead")],
            variables: [ConsentCases.value])),
        FixerCase("alignment.inconsistent_value_source", "GA4 and Meta read purchase value from different keys", Shop.export(
            tags: [Shop.metaPixel("30", "<script>fbq('track', 'Purchase', {value: {{DLV - value}}, currency: 'EUR'}, {eventID: 'a'});</script>"),
                   Fixtures.ga4EventTag(id: "31", name: "GA4 - Event - purchase net", event: "purchase", triggers: ["10"],
                                        extra: [#"{"type":"LIST","key":"eventSettingsTable","list":[{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"value"},{"type":"TEMPLATE","key":"parameterValue","value":"{{DLV - net}}"}]},{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"currency"},{"type":"TEMPLATE","key":"parameterValue","value":"EUR"}]},{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"transaction_id"},{"type":"TEMPLATE","key":"parameterValue","value":"{{DLV - net}}"}]},{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"items"},{"type":"TEMPLATE","key":"parameterValue","value":"{{DLV - net}}"}]}]}"#])],
            variables: [ConsentCases.value, Shop.dlv("52", "DLV - net", "ecommerce.net")])),
        FixerCase("alignment.value_without_currency", "an Ads conversion with a value and no currency", Shop.export(
            tags: [Shop.adsConversion("30", extra: [Fixtures.param("conversionValue", "{{DLV - value}}"), Fixtures.param("orderId", "{{DLV - id}}")]), DedupCases.linker],
            variables: [ConsentCases.value, Shop.dlv("52", "DLV - id", "ecommerce.transaction_id"), Shop.dlv("53", "DLV - currency", "ecommerce.currency")])),
    ]
}
