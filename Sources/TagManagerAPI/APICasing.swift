public import LosslessJSON

/// The export's UPPER_SNAKE enums in the API's camelCase (gtm-schema §2).
///
/// Container exports write `"CUSTOM_EVENT"`, `"TEMPLATE"`, `"ONCE_PER_EVENT"`; the REST API
/// documents `customEvent`, `template`, `oncePerEvent`. Converted, at any depth:
/// - every `type` except the root `type` of a tag, variable, client or transformation (type codes
///   such as `html`, `gaawe`, `v`, `cvt_…` stay as they are); a trigger's and a built-in
///   variable's root `type` is an enum and is converted;
/// - `tagFiringOption`, `consentStatus` (in `consentSettings`), `usageContext`, and
///   `caseConversionType` (in a variable's `formatValue`).
///
/// Only values that are UPPER_SNAKE are touched, so converting an API entity again changes
/// nothing: both sides of a comparison can go through ``converted(_:rootTypeIsEnum:)``.
public enum APICasing {
    /// Keys whose string values are enums wherever they appear.
    static let enumKeys: Set<String> = ["tagFiringOption", "consentStatus", "usageContext", "caseConversionType"]

    /// `CUSTOM_EVENT` → `customEvent`, `YOU_TUBE_VIDEO` → `youTubeVideo`, `MAP` → `map`; any value
    /// that is not UPPER_SNAKE (already camelCase, a type code, empty) is returned unchanged.
    public static func camelCase(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first),
              bytes.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") })
        else { return value }
        var result = ""
        for (index, word) in value.split(separator: "_").enumerated() {
            let lower = word.lowercased()
            result += index == 0 ? lower : lower.prefix(1).uppercased() + lower.dropFirst()
        }
        return result
    }

    /// An entity (tag, trigger, variable, …) with its enums in API casing.
    /// - Parameter rootTypeIsEnum: convert the entity's own `type` too (triggers, built-ins).
    public static func converted(_ entity: JSONObject, rootTypeIsEnum: Bool) -> JSONObject {
        var result = entity
        for index in result.members.indices {
            let key = result.members[index].key
            let value = result.members[index].value
            if key == "type" {
                if rootTypeIsEnum { result.members[index].value = convertedEnum(value) }
            } else {
                result.members[index].value = converted(value, key: key)
            }
        }
        return result
    }

    /// A value below an entity's root: nested `type`s and the enum keys are converted.
    private static func converted(_ value: JSONValue, key: String?) -> JSONValue {
        switch value {
        case .object(var object):
            for index in object.members.indices {
                let memberKey = object.members[index].key
                object.members[index].value = memberKey == "type"
                    ? convertedEnum(object.members[index].value)
                    : converted(object.members[index].value, key: memberKey)
            }
            return .object(object)
        case .array(let items):
            if let key, enumKeys.contains(key) { return .array(items.map(convertedEnum)) }
            return .array(items.map { converted($0, key: nil) })
        case .string:
            if let key, enumKeys.contains(key) { return convertedEnum(value) }
            return value
        case .null, .bool, .number:
            return value
        }
    }

    private static func convertedEnum(_ value: JSONValue) -> JSONValue {
        guard case .string(let text) = value else { return value }
        return .string(camelCase(text))
    }
}
