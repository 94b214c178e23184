import LosslessJSON

/// The JSON schemas a model's answer must follow: `{ops, rationale, rule}`.
///
/// Two forms, because OpenAI's strict structured outputs cannot express "any JSON value": every
/// object there must list all its properties and forbid others. So in ``strict`` an operation
/// carries its value as JSON text (`value_json`, `null` when the op has none) and ``PatchAnswer``
/// parses it back; ``toolInput`` (Anthropic's tool schema) takes the value as-is.
enum PatchSchema {
    /// The tool name and the response-format name.
    static let name = "propose_patch"
    static let description = "Propose one minimal id-addressed RFC 6902 patch to the GTM container that fixes one of the findings."

    private static let opNames: JSONValue = ["add", "remove", "replace", "move", "copy", "test"]
    private static let opsDescription: JSONValue = .string(
        "RFC 6902 operations whose paths address entities by id: /tag/{tagId}/…, /trigger/{triggerId}/…, "
            + "/variable/{variableId}/…, /folder/{folderId}/…, /builtInVariable/{type}; /tag/- (etc.) adds a new entity.")
    private static let rationale: JSONValue = ["type": "string", "description": "One sentence: what the patch changes and why."]
    private static let rule: JSONValue = ["type": "string", "description": "The id of the finding rule the patch fixes, e.g. consent.not_set."]

    /// Anthropic's `input_schema` for the forced tool call.
    static let toolInput: JSONValue = [
        "type": "object",
        "properties": [
            "ops": [
                "type": "array",
                "description": opsDescription,
                "items": [
                    "type": "object",
                    "properties": [
                        "op": ["type": "string", "enum": opNames],
                        "path": ["type": "string", "description": "The id-addressed target, e.g. /tag/12/parameter/-."],
                        "from": ["type": "string", "description": "The source path, for move and copy only."],
                        "value": ["description": "The JSON value, for add, replace and test only."],
                    ],
                    "required": ["op", "path"],
                ],
            ],
            "rationale": rationale,
            "rule": rule,
        ],
        "required": ["ops", "rationale", "rule"],
    ]

    /// The schema for OpenAI's `response_format` with `strict: true`.
    static let strict: JSONValue = [
        "type": "object",
        "additionalProperties": false,
        "properties": [
            "ops": [
                "type": "array",
                "description": opsDescription,
                "items": [
                    "type": "object",
                    "additionalProperties": false,
                    "properties": [
                        "op": ["type": "string", "enum": opNames],
                        "path": ["type": "string", "description": "The id-addressed target, e.g. /tag/12/parameter/-."],
                        "from": ["type": ["string", "null"], "description": "The source path for move and copy; null otherwise."],
                        "value_json": [
                            "type": ["string", "null"],
                            "description": "The value for add, replace and test, written as JSON text (a string value is quoted: \"\\\"GA4 - purchase\\\"\"); null otherwise.",
                        ],
                    ],
                    "required": ["op", "path", "from", "value_json"],
                ],
            ],
            "rationale": rationale,
            "rule": rule,
        ],
        "required": ["ops", "rationale", "rule"],
    ]
}
