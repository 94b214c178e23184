import LosslessJSON
@testable import TagManagerAPI
import Testing

/// References follow the ids the API assigned: folders, firing and blocking triggers, trigger
/// groups, template types; GTM's own ids and foreign ones stay.
struct IDMapTests {
    private func map(targetContainer: String = "2") -> IDMap {
        var ids = IDMap(exportContainerId: "2", targetContainerId: targetContainer)
        ids[.folder, "10"] = "5010"
        ids[.trigger, "40"] = "5040"
        ids[.trigger, "41"] = "5041"
        ids[.template, "20"] = "5020"
        return ids
    }

    @Test func aTagsFolderTriggersAndTemplateTypeAreRemapped() throws {
        let tag = try #require(try JSONParser().parse(#"""
            {"name":"Meta","type":"cvt_2_20","parentFolderId":"10","firingTriggerId":["40","2147479553","99"],"blockingTriggerId":["41"],
             "setupTag":[{"tagName":"Meta - Base"}],"parameter":[{"type":"tagReference","key":"measurementId","value":"GA4 config"}]}
            """#).objectValue)
        let remapped = map().remapped(tag, kind: .tag)
        #expect(remapped["type"] == "cvt_2_5020")
        #expect(remapped["parentFolderId"] == "5010")
        // The built-in All Pages id and an id that is not the export's own stay as they are.
        #expect(remapped["firingTriggerId"] == ["5040", "2147479553", "99"])
        #expect(remapped["blockingTriggerId"] == ["5041"])
        // Setup tags and tag references name tags by name: untouched.
        #expect(remapped["setupTag"] == tag["setupTag"])
        #expect(remapped["parameter"] == tag["parameter"])
    }

    @Test func triggerGroupMembersAreRemappedAtAnyDepth() throws {
        let group = try #require(try JSONParser().parse(#"""
            {"name":"TG","type":"triggerGroup","parameter":[{"type":"list","key":"triggerIds","list":[
              {"type":"triggerReference","value":"40"},{"type":"triggerReference","value":"41"},{"type":"template","value":"40"}]}]}
            """#).objectValue)
        let list = map().remapped(group, kind: .trigger)["parameter"]?.arrayValue?.first?["list"]?.arrayValue ?? []
        #expect(list.map { $0["value"] } == ["5040", "5041", "40"])  // a template "40" is text, not a reference
    }

    @Test func aTemplateTypeNamesTheTargetContainer() {
        let ids = map(targetContainer: "777")
        #expect(ids.templateType("cvt_2_20") == "cvt_777_5020")
        #expect(ids.templateType("cvt_KFNBV") == "cvt_KFNBV")              // gallery code
        #expect(ids.templateType("cvt_201604294_287") == "cvt_201604294_287")  // another container's template
        #expect(ids.templateType("cvt_2_999") == "cvt_2_999")              // not in the export
    }

    @Test func aVariableTypeIsATemplateCodeButATriggerTypeIsNot() throws {
        let variable = try #require(try JSONParser().parse(#"{"name":"V","type":"cvt_2_20"}"#).objectValue)
        #expect(map().remapped(variable, kind: .variable)["type"] == "cvt_2_5020")
        #expect(map().remapped(variable, kind: .trigger)["type"] == "cvt_2_20")
    }
}
