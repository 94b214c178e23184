import TestSupport

enum VariableCases {
    static let all: [FixerCase] = [
        FixerCase("variables.undefined_reference", "a built-in that is not enabled", Shop.export(
            tags: [Shop.metaPixel("30", "<script>fbq('track', 'Purchase', {value: 1, currency: 'EUR', url: {{Page URL}}}, {eventID: 'a'});</script>")])),
        FixerCase("variables.undefined_reference", "a reference in the wrong letter case", Shop.export(
            tags: [Shop.metaPixel("30", "<script>fbq('track', 'Purchase', {value: {{dlv - value}}, currency: 'EUR'}, {eventID: 'a'});</script>")],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value")])),
        FixerCase("variables.unused", "a variable nothing reads", Shop.export(variables: [Shop.dlv("51", "DLV - coupon", "ecommerce.coupon")])),
        FixerCase("variables.duplicate", "two variables reading ecommerce.value", Shop.export(
            tags: [Shop.metaPixel("30", "<script>fbq('track', 'Purchase', {value: {{DLV - revenue}}, currency: 'EUR'}, {eventID: {{DLV - value}}});</script>")],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value"), Shop.dlv("52", "DLV - revenue", "ecommerce.value")])),
        FixerCase("variables.data_layer_v1", "a version-1 data-layer variable", Shop.export(
            tags: [Shop.metaPixel("30", "<script>fbq('track', 'Purchase', {value: {{DLV - value}}, currency: 'EUR'}, {eventID: 'a'});</script>")],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value", version: "1")])),
        FixerCase("variables.hardcoded_measurement_id", "one GA4 id pasted into two tags", Shop.export(
            tags: [#"{"tagId":"30","name":"GA4 - Event - view_item","type":"gaawe","parameter":[{"type":"TEMPLATE","key":"eventName","value":"view_item"},{"type":"TEMPLATE","key":"measurementIdOverride","value":"G-ABC12345"},{"type":"BOOLEAN","key":"sendEcommerceData","value":"true"}],"firingTriggerId":["10"],"tagFiringOption":"ONCE_PER_EVENT","consentSettings":\#(Shop.analytics)}"#,
                   #"{"tagId":"31","name":"GA4 - Event - add_to_cart","type":"gaawe","parameter":[{"type":"TEMPLATE","key":"eventName","value":"add_to_cart"},{"type":"TEMPLATE","key":"measurementIdOverride","value":"G-ABC12345"},{"type":"BOOLEAN","key":"sendEcommerceData","value":"true"}],"firingTriggerId":["10"],"tagFiringOption":"ONCE_PER_EVENT","consentSettings":\#(Shop.analytics)}"#],
            variables: [])),
    ]
}
