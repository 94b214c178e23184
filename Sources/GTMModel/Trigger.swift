public import LosslessJSON

/// A trigger: when tags fire.
public struct Trigger: ContainerEntity {
    public static let kind = EntityKind.trigger

    public var id: String
    public var name: String
    /// `PAGEVIEW`, `CUSTOM_EVENT`, `LINK_CLICK`, `TRIGGER_GROUP`, `ALWAYS`, …
    public var type: String
    /// "Some … events" conditions (all must hold).
    public var filters: [Condition]
    /// Which data-layer event, for custom events (`{{_event}} EQUALS purchase`).
    public var customEventFilters: [Condition]
    /// "Enable this trigger when" conditions of listener triggers.
    public var autoEventFilters: [Condition]
    /// Settings of newer trigger types (trigger groups, scroll depth, visibility, …).
    public var parameters: [Parameter]
    public var parentFolderId: String?
    public var notes: String?
    public var raw: JSONObject
    public var path: JSONPath
    /// The `{{Name}}` references in the entity, found once at decoding (the loop reuses decoded
    /// entities between rounds, and with them this scan).
    public var variableReferenceNames: [String]

    init(decoding value: JSONValue, at path: JSONPath) throws(ContainerFormatError) {
        let f = try FieldReader(value, at: path, what: "a trigger")
        id = try f.identifier("triggerId") ?? ""
        name = try f.string("name") ?? ""
        type = try f.string("type") ?? ""
        filters = try f.conditions("filter")
        customEventFilters = try f.conditions("customEventFilter")
        autoEventFilters = try f.conditions("autoEventFilter")
        parameters = try f.parameters()
        // Older types keep their settings as top-level Parameter fields (waitForTags, interval, …).
        for key in ["waitForTags", "checkValidation", "waitForTagsTimeout", "eventName", "interval", "limit",
                    "intervalSeconds", "maxTimerLengthSeconds", "selector", "verticalScrollPercentageList",
                    "horizontalScrollPercentageList", "visibilitySelector", "visiblePercentageMin", "visiblePercentageMax"]
        {
            if var p = try f.parameter(key) {
                p.key = p.key ?? key
                parameters.append(p)
            }
        }
        parentFolderId = try f.identifier("parentFolderId")
        notes = try f.string("notes")
        raw = f.object
        self.path = path
        variableReferenceNames = VariableReferences.names(inEntity: f.object)
    }

    /// The trigger ids a `TRIGGER_GROUP` waits for.
    public var groupMemberIds: [String] {
        guard type == "TRIGGER_GROUP" || type == "triggerGroup" else { return [] }
        return parameters[key: "triggerIds"]?.list.compactMap(\.value) ?? []
    }

    /// Whether this is a data-layer custom event trigger.
    public var isCustomEvent: Bool { type == "CUSTOM_EVENT" || type == "customEvent" }
}
