/// A JSON object whose members stay in document order.
///
/// Lookup is a linear scan: GTM objects are small (a parameter has 3–5 members), where a scan
/// beats hashing and keeps the exact order for writing back.
public struct JSONObject: Sendable {
    /// One `"key": value` pair.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in document order. Duplicate keys are kept as read; lookups see the first.
    public var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    /// The number of members.
    @inlinable public var count: Int { members.count }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// The value of the first member named `key`. Setting `nil` removes every member named `key`;
    /// setting a value replaces the first in place or appends a new member.
    @inlinable public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            guard let newValue else {
                members.removeAll { $0.key == key }
                return
            }
            if let index = members.firstIndex(where: { $0.key == key }) {
                members[index].value = newValue
            } else {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// Whether a member named `key` exists.
    public func contains(key: String) -> Bool { members.contains { $0.key == key } }
}

extension JSONObject: Equatable {
    /// Unordered comparison: same keys, same values (the first member wins for duplicates,
    /// and both sides must have the same number of members).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members {
            guard let mine = lhs[member.key], let other = rhs[member.key], mine == other else { return false }
        }
        return true
    }
}
