public import LosslessJSON

/// A tag: what fires, on which triggers, with which parameters.
public struct Tag: ContainerEntity {
    public static let kind = EntityKind.tag

    /// A `setupTag`/`teardownTag` entry; it names the other tag by *name*.
    public struct SequencedTag: Sendable, Equatable {
        public var tagName: String
        /// `stopOnSetupFailure` / `stopTeardownOnFailure`.
        public var stopOnFailure: Bool
    }

    public var id: String
    public var name: String
    /// The type code (`gaawe`, `googtag`, `html`, `cvt_…`, …).
    public var type: String
    public var parameters: [Parameter]
    public var firingTriggerIds: [String]
    public var blockingTriggerIds: [String]
    /// `ONCE_PER_EVENT`, `ONCE_PER_LOAD`, `UNLIMITED`, or nil when the export predates the field.
    public var firingOption: String?
    public var parentFolderId: String?
    public var isPaused: Bool
    public var isLiveOnly: Bool
    public var consent: ConsentSettings?
    public var setupTags: [SequencedTag]
    public var teardownTags: [SequencedTag]
    public var notes: String?
    public var raw: JSONObject
    public var path: JSONPath
    /// The `{{Name}}` references in the entity, found once at decoding (the loop reuses decoded
    /// entities between rounds, and with them this scan).
    public var variableReferenceNames: [String]

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let f = try FieldReader(value, at: path, what: "a tag")
        id = try f.identifier("tagId") ?? ""
        name = try f.string("name") ?? ""
        type = try f.string("type") ?? ""
        parameters = try f.parameters()
        firingTriggerIds = try f.identifiers("firingTriggerId")
        blockingTriggerIds = try f.identifiers("blockingTriggerId")
        firingOption = try f.string("tagFiringOption")
        parentFolderId = try f.identifier("parentFolderId")
        isPaused = try f.bool("paused") ?? false
        isLiveOnly = try f.bool("liveOnly") ?? false
        consent = try f.object["consentSettings"].map { v throws(ContainerFormatError) in
            try ConsentSettings(decoding: v, at: path.appending(key: "consentSettings"))
        }
        setupTags = try Tag.sequenced(f, "setupTag", stopKey: "stopOnSetupFailure")
        teardownTags = try Tag.sequenced(f, "teardownTag", stopKey: "stopTeardownOnFailure")
        notes = try f.string("notes")
        raw = f.object
        self.path = path
        variableReferenceNames = VariableReferences.names(inEntity: f.object)
    }

    private static func sequenced(_ f: FieldReader, _ key: String, stopKey: String) throws(ContainerFormatError) -> [SequencedTag] {
        var result: [SequencedTag] = []
        for (value, itemPath) in try f.array(key) {
            let item = try FieldReader(value, at: itemPath, what: "a sequenced tag")
            result.append(SequencedTag(tagName: try item.string("tagName") ?? "", stopOnFailure: try item.bool(stopKey) ?? false))
        }
        return result
    }

    /// Whether the type is a custom template (`cvt_…`).
    public var isCustomTemplate: Bool { type.hasPrefix("cvt_") }

    /// The code of a Custom HTML tag.
    public var html: String? { type == "html" ? parameters.value("html") : nil }
}
