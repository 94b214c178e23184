import LosslessJSON
import Testing
@testable import PreviewSimulator

/// The data-layer model's merge rules, URL parsing and template parsing.
@Suite struct DataLayerModelTests {
    func model(_ pushes: [String]) -> DataLayerModel {
        var model = DataLayerModel()
        for push in pushes { model.push(Sim.object(push)) }
        return model
    }

    @Test func objectsMergeArraysMergeByIndexOthersReplace() {
        let m = model([#"{"a":{"x":1,"y":2},"list":[1,2,3],"s":"one"}"#, #"{"a":{"y":3},"list":[9],"s":"two"}"#])
        #expect(m.value(atPath: "a") == ["x": 1, "y": 3])
        #expect(m.value(atPath: "list") == [9, 2, 3], "GTM keeps the longer array's tail")
        #expect(m.value(atPath: "s") == "two")
    }

    @Test func nullClearsAndClearReplaces() {
        let cleared = model([#"{"ecommerce":{"items":[1,2]}}"#, #"{"ecommerce":null}"#, #"{"ecommerce":{"items":[3]}}"#])
        #expect(cleared.value(atPath: "ecommerce.items") == [3])
        let replaced = model([#"{"a":{"x":1}}"#, #"{"a":{"y":2},"_clear":true}"#])
        #expect(replaced.value(atPath: "a") == ["y": 2])
    }

    @Test func dottedPushKeysExpandAndPathsReachIntoArrays() {
        let m = model([#"{"gtm.elementId":"buy","items":[{"id":"A"}],"name":"abc"}"#])
        #expect(m.value(atPath: "gtm.elementId") == "buy")
        #expect(m.value(atPath: "gtm") == ["elementId": "buy"])
        #expect(m.value(atPath: "items.0.id") == "A")
        #expect(m.value(atPath: "items.1.id") == nil)
        #expect(m.value(atPath: "items.length") == 1)
        #expect(m.value(atPath: "name.length") == 3)
        #expect(m.value(atPath: "name.x") == nil)
        #expect(m.latestValue(forKey: "gtm.elementId") == "buy")
    }

    @Test func pageURLParts() {
        let url = PageURL("HTTPS://User@WWW.Example.com:8080/p/a?q=1&r=a%20b#h")
        #expect(url.scheme == "https" && url.host == "www.example.com" && url.port == "8080")
        #expect(url.path == "/p/a" && url.query == "q=1&r=a%20b" && url.fragment == "h")
        #expect(url.queryValue("r") == "a b" && url.queryValue("z") == nil)
        #expect(PageURL("https://example.com").path == "/")
        #expect(PageURL("https://example.com").effectivePort == 443)
        let base = PageURL("https://a.example/x/y?q=1#f")
        #expect(base.resolving("#g").href == "https://a.example/x/y?q=1#g")
        #expect(base.resolving("/z").href == "https://a.example/z")
        #expect(base.resolving("w").href == "https://a.example/x/w")
        #expect(base.resolving("?p=2").href == "https://a.example/x/y?p=2")
        #expect(base.resolving("https://b.example/").host == "b.example")
    }

    @Test func templatesParseLikeGTM() {
        #expect(TemplateText("a {{X}} b {{Y Z}}").segments == [.text("a "), .reference("X"), .text(" b "), .reference("Y Z")])
        #expect(TemplateText("{{{Inner}}}").segments == [.text("{"), .reference("Inner"), .text("}")])
        #expect(TemplateText("{{Only}}").soleReference == "Only")
        #expect(TemplateText("{{}} {{open").segments == [.text("{{}} {{open")])
    }

    @Test func javaScriptConversions() {
        #expect(PreviewValue.json(.number(JSONNumber(10.5)!)).javaScriptString == "10.5")
        #expect(PreviewValue.json(3).javaScriptString == "3")
        #expect(PreviewValue.json([1, nil, "a"]).javaScriptString == "1,,a")
        #expect(PreviewValue.json(["a": 1]).javaScriptString == "[object Object]")
        #expect(PreviewValue.undefined.javaScriptString == "undefined")
        #expect(PreviewValue.string(" 12 ").javaScriptNumber == 12)
        #expect(PreviewValue.string("0x10").javaScriptNumber == 16)
        #expect(PreviewValue.string("nan").javaScriptNumber.isNaN)
        #expect(PreviewValue.json(true).javaScriptNumber == 1)
    }
}
