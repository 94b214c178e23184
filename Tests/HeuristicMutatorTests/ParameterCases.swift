import TestSupport

enum ParameterCases {
    static let all: [FixerCase] = [
        FixerCase("parameters.ga4_measurement_id_missing", "a GA4 tag sending to G-000000", Shop.export(
            tags: [#"{"tagId":"30","name":"GA4 - Event - view_item","type":"gaawe","parameter":[{"type":"TEMPLATE","key":"eventName","value":"view_item"},{"type":"TEMPLATE","key":"measurementIdOverride","value":"G-000000"},{"type":"BOOLEAN","key":"sendEcommerceData","value":"true"}],"firingTriggerId":["10"],"tagFiringOption":"ONCE_PER_EVENT","consentSettings":\#(Shop.analytics)}"#])),
        FixerCase("parameters.ga4_event_name_missing", "a GA4 tag without an event name", Shop.export(
            tags: [#"{"tagId":"30","name":"GA4 - Event - lead","type":"gaawe","parameter":[{"type":"TEMPLATE","key":"measurementIdOverride","value":"{{Const - GA4 ID}}"}],"firingTriggerId":["31"],"tagFiringOption":"ONCE_PER_EVENT","consentSettings":\#(Shop.analytics)}"#],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - generate_lead", event: "generate_lead")])),
        FixerCase("parameters.ga4_ecommerce_fields", "a GA4 add_to_cart without value, currency and items", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - add_to_cart", event: "add_to_cart", triggers: ["31"])],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - add_to_cart", event: "add_to_cart")])),
        FixerCase("parameters.ads_conversion_fields", "an Ads conversion with a value and no currency", Shop.export(
            tags: [Shop.adsConversion("30", extra: [Fixtures.param("conversionValue", "{{DLV - value}}"), Fixtures.param("orderId", "{{DLV - id}}")]),
                   #"{"tagId":"31","name":"Google Ads - Conversion Linker - All Pages","type":"gclidw","firingTriggerId":["2147479553"],"consentSettings":\#(Shop.ads)}"#],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value"), Shop.dlv("52", "DLV - id", "ecommerce.transaction_id"), Shop.dlv("53", "DLV - currency", "ecommerce.currency")])),
        FixerCase("parameters.meta_purchase_fields", "a Meta template purchase without currency", Shop.export(
            tags: [#"{"tagId":"30","name":"Meta - Pixel - purchase","type":"cvt_2_7","parameter":[{"type":"TEMPLATE","key":"pixelId","value":"1234567890123"},{"type":"TEMPLATE","key":"eventName","value":"Purchase"},{"type":"TEMPLATE","key":"eventId","value":"{{DLV - event_id}}"},{"type":"LIST","key":"objectPropertyList","list":[{"type":"MAP","map":[{"type":"TEMPLATE","key":"name","value":"value"},{"type":"TEMPLATE","key":"value","value":"{{DLV - value}}"}]}]}],"firingTriggerId":["10"],"tagFiringOption":"ONCE_PER_EVENT","consentSettings":\#(Shop.ads)}"#],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value"), Shop.dlv("52", "DLV - event_id", "event_id"), Shop.dlv("53", "DLV - currency", "ecommerce.currency")],
            templates: [#"{"templateId":"7","name":"Facebook Pixel","templateData":"___INFO___\n{}\n___TEMPLATE_PARAMETERS___\n[{\"name\": \"eventId\"}]\n___SANDBOXED_JS_FOR_WEB_TEMPLATE___\nconst injectScript = require('injectScript');\n","galleryReference":{"host":"github.com","owner":"facebookarchive","repository":"GoogleTagManager-WebTemplate-For-FacebookPixel"}}"#])),
        FixerCase("parameters.hardcoded_value", "a GA4 purchase with the value 0", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - refund", event: "refund", triggers: ["31"],
                                        extra: [#"{"type":"LIST","key":"eventSettingsTable","list":[{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"value"},{"type":"TEMPLATE","key":"parameterValue","value":"0"}]},{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"currency"},{"type":"TEMPLATE","key":"parameterValue","value":"EUR"}]},{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"transaction_id"},{"type":"TEMPLATE","key":"parameterValue","value":"{{DLV - id}}"}]},{"type":"MAP","map":[{"type":"TEMPLATE","key":"parameter","value":"items"},{"type":"TEMPLATE","key":"parameterValue","value":"{{DLV - items}}"}]}]}"#])],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - refund", event: "refund")],
            variables: [Shop.dlv("51", "DLV - id", "ecommerce.transaction_id"), Shop.dlv("52", "DLV - items", "ecommerce.items"), Shop.dlv("53", "DLV - value", "ecommerce.value")])),
        FixerCase("parameters.currency_not_iso", "an Ads conversion in \"eur\"", Shop.export(
            tags: [Shop.adsConversion("30", extra: [Fixtures.param("conversionValue", "{{DLV - value}}"), Fixtures.param("currencyCode", "eur"), Fixtures.param("orderId", "{{DLV - id}}")]),
                   #"{"tagId":"31","name":"Google Ads - Conversion Linker - All Pages","type":"gclidw","firingTriggerId":["2147479553"],"consentSettings":\#(Shop.ads)}"#],
            variables: [Shop.dlv("51", "DLV - value", "ecommerce.value"), Shop.dlv("52", "DLV - id", "ecommerce.transaction_id")])),
    ]
}
