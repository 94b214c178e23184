import LosslessJSON

/// GTM's data-layer model: the merged state of every push on the page, with the merge rules of
/// Google's data-layer helper.
///
/// - A push's top-level keys with dots are expanded (`{"a.b": 1}` sets `a.b`).
/// - Objects merge recursively; **arrays merge by index** (a shorter array pushed over a longer
///   one keeps the longer one's tail: the reason Google asks for `{"ecommerce": null}` first).
/// - A push with `"_clear": true` replaces instead of merging.
/// - Anything else (strings, numbers, `null`) replaces.
struct DataLayerModel: Sendable {
    private(set) var root = JSONObject()
    /// The raw pushes, newest last, for version 1 Data Layer Variables.
    private(set) var pushes: [JSONObject] = []

    /// Merges a push into the model.
    mutating func push(_ object: JSONObject) {
        pushes.append(object)
        let allowMerge = object["_clear"]?.boolValue != true
        for member in object.members {
            let path = member.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var expanded = member.value
            for key in path.dropFirst().reversed() { expanded = .object(JSONObject([.init(key: key, value: expanded)])) }
            var wrapper = JSONValue.object(root)
            DataLayerModel.merge(JSONObject([.init(key: path[0], value: expanded)]), into: &wrapper, allowMerge: allowMerge)
            root = wrapper.objectValue ?? JSONObject()
        }
    }

    /// The value at a dotted path (`ecommerce.items.0.price`, `items.length`); nil for undefined.
    func value(atPath path: String) -> JSONValue? {
        DataLayerModel.value(atPath: path, in: .object(root))
    }

    /// Version 1 lookup: the literal key (dots included) in the newest push that has it.
    func latestValue(forKey key: String) -> JSONValue? {
        for push in pushes.reversed() { if let value = push[key] { return value } }
        return nil
    }

    // MARK: - Helpers

    static func value(atPath path: String, in start: JSONValue) -> JSONValue? {
        var current = start
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object(let object):
                guard let next = object[String(component)] else { return nil }
                current = next
            case .array(let items):
                if component == "length" {
                    current = .number(JSONNumber(items.count))
                } else if let index = Int(component), index >= 0, index < items.count {
                    current = items[index]
                } else {
                    return nil
                }
            case .string(let s) where component == "length":
                current = .number(JSONNumber(s.utf16.count))
            default:
                return nil
            }
        }
        return current
    }

    /// The helper's `merge(from, to)`, over objects and arrays alike.
    private static func merge(_ from: JSONObject, into to: inout JSONValue, allowMerge: Bool) {
        guard case .object(var target) = to else { return }
        for member in from.members {
            var slot = target[member.key] ?? .null
            assign(member.value, to: &slot, allowMerge: allowMerge)
            target[member.key] = slot
        }
        to = .object(target)
    }

    private static func assign(_ value: JSONValue, to slot: inout JSONValue, allowMerge: Bool) {
        switch value {
        case .array(let items) where allowMerge:
            var target = slot.arrayValue ?? []
            for (index, item) in items.enumerated() {
                var element = index < target.count ? target[index] : JSONValue.null
                assign(item, to: &element, allowMerge: true)
                if index < target.count { target[index] = element } else { target.append(element) }
            }
            slot = .array(target)
        case .object(let object) where allowMerge:
            var target: JSONValue = slot.objectValue != nil ? slot : .object(JSONObject())
            merge(object, into: &target, allowMerge: true)
            slot = target
        default:
            slot = value
        }
    }
}
