public import LosslessJSON

/// A custom template (`customTemplate[]`), the code behind `cvt_…` tag, variable and client types.
public struct CustomTemplate: ContainerEntity {
    public static let kind = EntityKind.template

    public var id: String
    public var name: String
    /// The whole `.tpl` text (`___INFO___`, `___SANDBOXED_JS_FOR_WEB_TEMPLATE___`, …).
    public var templateData: String
    /// `galleryReference.galleryTemplateId`, for `cvt_<galleryId>` types.
    public var galleryTemplateId: String?
    /// `galleryReference.owner`/`repository`, e.g. `stape-io`/`facebook-tag`.
    public var galleryOwner: String?
    public var galleryRepository: String?
    public var raw: JSONObject
    public var path: JSONPath

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let f = try FieldReader(value, at: path, what: "a custom template")
        id = try f.identifier("templateId") ?? ""
        name = try f.string("name") ?? ""
        templateData = try f.string("templateData") ?? ""
        if let gallery = f.object["galleryReference"], !gallery.isNull {
            let g = try FieldReader(gallery, at: path.appending(key: "galleryReference"), what: "a gallery reference")
            galleryTemplateId = try g.string("galleryTemplateId")
            galleryOwner = try g.string("owner")
            galleryRepository = try g.string("repository")
        }
        raw = f.object
        self.path = path
    }

    /// The type codes entities use for this template: `cvt_<containerId>_<templateId>` and, for
    /// gallery templates, `cvt_<galleryTemplateId>`.
    public func typeCodes(containerId: String) -> [String] {
        var codes = ["cvt_\(containerId)_\(id)"]
        if let galleryTemplateId, !galleryTemplateId.isEmpty { codes.append("cvt_\(galleryTemplateId)") }
        return codes
    }

    /// The text of one `___SECTION___` of the template, without its heading.
    public func section(_ heading: String) -> String? {
        // Headings are upper case, so the case-folded search finds them at the same offsets.
        let search = SearchableText(templateData)
        guard let start = search.firstOffset(of: heading.lowercased()) else { return nil }
        let bodyStart = start + heading.utf8.count
        let end = search.firstOffset(of: "\n___", from: bodyStart) ?? search.bytes.count
        let utf8 = templateData.utf8
        return String(decoding: utf8[utf8.index(utf8.startIndex, offsetBy: bodyStart)..<utf8.index(utf8.startIndex, offsetBy: end)], as: UTF8.self)
    }
}
