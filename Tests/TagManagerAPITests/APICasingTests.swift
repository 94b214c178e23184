import LosslessJSON
import TagManagerAPI
import Testing

/// The export's UPPER_SNAKE enums become the API's camelCase (gtm-schema §2), and nothing else moves.
struct APICasingTests {
    @Test(arguments: [
        ("CUSTOM_EVENT", "customEvent"), ("TEMPLATE", "template"), ("TRIGGER_REFERENCE", "triggerReference"),
        ("YOU_TUBE_VIDEO", "youTubeVideo"), ("ONCE_PER_EVENT", "oncePerEvent"), ("NOT_SET", "notSet"), ("PAGE_URL", "pageUrl"),
        ("GREATER_OR_EQUALS", "greaterOrEquals"), ("PAGEVIEW", "pageview"), ("AMP_CLICK", "ampClick"), ("WEB", "web"),
        ("SCROLL_DEPTH_THRESHOLD", "scrollDepthThreshold"), ("LOWERCASE", "lowercase"),
        // Already API casing, type codes and free text stay as they are.
        ("customEvent", "customEvent"), ("gaawe", "gaawe"), ("cvt_2_20", "cvt_2_20"), ("G-ABC123", "G-ABC123"), ("", ""),
    ])
    func camelCase(_ export: String, _ api: String) {
        #expect(APICasing.camelCase(export) == api)
    }

    @Test func aTagKeepsItsTypeCodeWhileEveryNestedEnumIsConverted() throws {
        let tag = try #require(try JSONParser().parse(#"""
            {"name":"GA4","type":"GA4_LEGACY_CODE","tagFiringOption":"ONCE_PER_EVENT",
             "parameter":[{"type":"TEMPLATE","key":"eventName","value":"PURCHASE_EVENT"},
                          {"type":"LIST","key":"rows","list":[{"type":"MAP","map":[{"type":"BOOLEAN","key":"on","value":"true"}]}]}],
             "consentSettings":{"consentStatus":"NEEDED","consentType":{"type":"LIST","list":[{"type":"TEMPLATE","value":"ad_storage"}]}},
             "priority":{"type":"INTEGER","value":"10"},"monitoringMetadata":{"type":"MAP"}}
            """#).objectValue)
        let converted = APICasing.converted(tag, rootTypeIsEnum: false)
        let expected = try JSONParser().parse(#"""
            {"name":"GA4","type":"GA4_LEGACY_CODE","tagFiringOption":"oncePerEvent",
             "parameter":[{"type":"template","key":"eventName","value":"PURCHASE_EVENT"},
                          {"type":"list","key":"rows","list":[{"type":"map","map":[{"type":"boolean","key":"on","value":"true"}]}]}],
             "consentSettings":{"consentStatus":"needed","consentType":{"type":"list","list":[{"type":"template","value":"ad_storage"}]}},
             "priority":{"type":"integer","value":"10"},"monitoringMetadata":{"type":"map"}}
            """#)
        #expect(JSONValue.object(converted) == expected)
        // Converting API casing again changes nothing.
        #expect(APICasing.converted(converted, rootTypeIsEnum: false) == converted)
    }

    @Test func aTriggerAndABuiltInHaveEnumRootTypes() throws {
        let trigger = try #require(try JSONParser().parse(#"""
            {"name":"CE","type":"CUSTOM_EVENT","customEventFilter":[{"type":"MATCH_REGEX","parameter":[{"type":"TEMPLATE","key":"arg0","value":"{{_event}}"}]}],
             "waitForTags":{"type":"BOOLEAN","value":"false"}}
            """#).objectValue)
        let converted = APICasing.converted(trigger, rootTypeIsEnum: true)
        #expect(converted["type"] == "customEvent")
        #expect(converted["customEventFilter"]?.arrayValue?.first?["type"] == "matchRegex")
        #expect(converted["customEventFilter"]?.arrayValue?.first?["parameter"]?.arrayValue?.first?["type"] == "template")
        #expect(converted["waitForTags"]?["type"] == "boolean")
    }

    @Test func variableFormatsAndUsageContextAreEnums() throws {
        let variable = try #require(try JSONParser().parse(#"""
            {"name":"DLV","type":"v","formatValue":{"caseConversionType":"UPPERCASE","convertNullToValue":{"type":"TEMPLATE","value":"n/a"}},
             "usageContext":["WEB","AMP"]}
            """#).objectValue)
        let converted = APICasing.converted(variable, rootTypeIsEnum: false)
        #expect(converted["type"] == "v")
        #expect(converted["formatValue"]?["caseConversionType"] == "uppercase")
        #expect(converted["formatValue"]?["convertNullToValue"]?["type"] == "template")
        #expect(converted["usageContext"] == ["web", "amp"])
    }
}
