import TestSupport

enum TriggerCases {
    static let helper = #"{"tagId":"30","name":"Utility - Custom HTML - helper","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script>window.x = 1;</script>"}],"firingTriggerId":["31"],"notes":"helper"}"#

    static let all: [FixerCase] = [
        FixerCase("triggers.orphan", "a trigger nothing uses", Shop.export(triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - old", event: "old")])),
        FixerCase("triggers.duplicate", "a second purchase trigger used by one tag", Shop.export(
            tags: [Shop.metaPixel("30", ConsentCases.metaCode, trigger: "31")], triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - purchase 2", event: "purchase")],
            variables: [ConsentCases.value])),
        FixerCase("triggers.custom_event_not_equals", "an unanchored event regex", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - cart", event: "add_to_cart", triggers: ["31"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - cart", event: "add_to_cart|remove_from_cart", matchType: "MATCH_REGEX")])),
        FixerCase("triggers.custom_event_not_equals", "a contains filter on a helper tag", Shop.export(
            tags: [helper], triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - cart", event: "add_to_cart", matchType: "CONTAINS")])),
        FixerCase("triggers.conversion_on_all_pages", "a GA4 purchase tag on All Pages", Shop.export(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - purchase 2", event: "purchase", triggers: ["2147479553"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN"), Fixtures.param("send_to", "b")])])),
        FixerCase("triggers.conversion_on_all_pages", "a Meta lead pixel on All Pages, with no lead trigger yet", Shop.export(
            tags: [Shop.metaPixel("30", "<script>fbq('track', 'Lead', {value: 1, currency: 'EUR'}, {eventID: 'a'});</script>", trigger: "2147479553", name: "Meta - Pixel - lead")])),
        FixerCase("triggers.fires_and_blocks", "a tag fired and blocked by one trigger", Shop.export(
            tags: [#"{"tagId":"30","name":"Utility - Custom HTML - helper","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script>window.x = 1;</script>"}],"firingTriggerId":["10","31"],"blockingTriggerId":["31"],"notes":"helper"}"#],
            triggers: [Fixtures.customEventTrigger(id: "31", name: "CE - other", event: "other")])),
        FixerCase("triggers.unbounded_timer", "a timer without a limit", Shop.export(
            tags: [helper], triggers: [#"{"triggerId":"31","name":"Timer - 500ms","type":"TIMER","eventName":{"type":"TEMPLATE","value":"gtm.timer"},"interval":{"type":"TEMPLATE","value":"500"}}"#])),
        FixerCase("triggers.invalid_regex", "a page filter with a nested quantifier", Shop.export(
            tags: [helper], triggers: [#"{"triggerId":"31","name":"PV - Product","type":"PAGEVIEW","filter":[{"type":"MATCH_REGEX","parameter":[{"type":"TEMPLATE","key":"arg0","value":"{{Page Path}}"},{"type":"TEMPLATE","key":"arg1","value":"^/product/([0-9]+)+$"}]}]}"#],
            builtIns: [#"{"type":"PAGE_PATH","name":"Page Path"}"#])),
        FixerCase("triggers.group_missing_member", "a trigger group waiting for a deleted trigger", Shop.export(
            tags: [helper], triggers: [#"{"triggerId":"31","name":"Group - purchase and more","type":"TRIGGER_GROUP","parameter":[{"type":"LIST","key":"triggerIds","list":[{"type":"TRIGGER_REFERENCE","value":"10"},{"type":"TRIGGER_REFERENCE","value":"99"}]}]}"#])),
    ]
}
