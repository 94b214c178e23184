import TestSupport

enum FolderCases {
    /// The shop with its entities in folders (GA4, Consent) and `extra` tags.
    static func foldered(tags: [String] = [], triggers: [String] = [], variables: [String] = [], folders: [String] = []) -> String {
        func inFolder(_ json: String, _ folder: String) -> String { String(json.dropLast()) + #","parentFolderId":"\#(folder)"}"# }
        return Fixtures.exportText(
            tags: [inFolder(Shop.googleTag, "90"), inFolder(Shop.purchaseTag, "90"), inFolder(Shop.consentDefault, "91")] + tags,
            triggers: [inFolder(Shop.purchaseTrigger, "90")] + triggers, variables: [inFolder(Shop.ga4Constant, "90")] + variables,
            folders: [#"{"folderId":"90","name":"GA4"}"#, #"{"folderId":"91","name":"Consent"}"#] + folders)
    }

    static let all: [FixerCase] = [
        FixerCase("folders.unfoldered", "a GA4 tag outside the GA4 folder", foldered(
            tags: [Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - view_item", event: "view_item", triggers: ["10"],
                                        extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")])])),
        FixerCase("folders.empty_folder", "an empty folder", foldered(folders: [#"{"folderId":"92","name":"Old vendor"}"#])),
        FixerCase("folders.dangling_folder", "a tag in a deleted folder", foldered(
            tags: [String(Fixtures.ga4EventTag(id: "30", name: "GA4 - Event - view_item", event: "view_item", triggers: ["10"],
                                               extra: [Fixtures.param("sendEcommerceData", "true", type: "BOOLEAN")]).dropLast()) + #","parentFolderId":"99"}"#])),
        FixerCase("folders.mixed_vendor_folder", "a Meta tag in the GA4 folder", foldered(
            tags: [String(Shop.metaPixel("30", ConsentCases.metaCode).dropLast()) + #","parentFolderId":"90"}"#],
            variables: [String(ConsentCases.value.dropLast()) + #","parentFolderId":"90"}"#])),
        FixerCase("folders.code_without_notes", "a Custom HTML tag without notes", Shop.export(
            tags: [#"{"tagId":"30","name":"Utility - Custom HTML - helper","type":"html","parameter":[{"type":"TEMPLATE","key":"html","value":"<script>window.x = 1;</script>"}],"firingTriggerId":["10"]}"#],
            folders: [#"{"folderId":"90","name":"GA4"}"#])),
    ]
}
