/// The naming patterns on the bytes of ASCII names: the fast path of ``NamingPatterns``.
///
/// Nearly every GTM name is ASCII. In a string of ASCII bytes other than CR (which pairs with LF
/// into one `Character`), every byte is one `Character`, so Character-level operations (lowercasing,
/// `isWhitespace`, `isNumber`, `hasPrefix`, `split`, `ranges(of:)`) give the same results on bytes,
/// without grapheme segmentation or allocation. ``NamingPatterns`` calls these for such strings and
/// keeps its `String` implementation for the rest; `NamingRulesTests` checks that both agree.
enum NamingASCII {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// What a byte-level check found, or that the text is not for bytes: not ASCII, or with a CR.
    enum Verdict<Value> {
        case found(Value)
        case notASCII

        /// The value found, else `fallback`'s (the check by `Character`).
        func orElse(_ fallback: () -> Value) -> Value {
            switch self {
            case .found(let value): value
            case .notASCII: fallback()
            }
        }
    }

    /// Whether every byte is one ASCII `Character`.
    static func isSimple(_ bytes: Bytes) -> Bool {
        for byte in bytes where byte >= 0x80 || byte == UInt8(ascii: "\r") { return false }
        return true
    }

    /// `body` on the bytes of a name and the separator, when both are simple ASCII.
    private static func withSimpleBytes<T>(_ name: String, _ separator: String, _ body: (Bytes, Bytes) -> T) -> Verdict<T> {
        withBytes(name) { name in
            withBytes(separator) { separator in
                isSimple(name) && isSimple(separator) ? .found(body(name, separator)) : .notASCII
            }
        }
    }

    // MARK: Patterns

    /// ``NamingPatterns/defaultNameReason(_:)``, for an ASCII name.
    static func defaultNameReason(_ name: String) -> Verdict<String?> {
        withBytes(name) { name in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.count) { storage in
                guard let normalized = normalize(name, into: storage) else { return .notASCII }
                return .found(defaultNameReason(normalized: normalized))
            }
        }
    }

    /// ``NamingPatterns/defaultNameReason(_:)`` for a lowercased name with single spaces between words.
    private static func defaultNameReason(normalized n: Bytes) -> String? {
        if n.isEmpty { return "has no name" }
        if hasPrefix(n, "untitled") { return "keeps GTM's placeholder name" }
        if hasPrefix(n, "unnamed") || hasPrefix(n, "no name") { return "has a placeholder name" }
        if hasPrefix(n, "copy of ") { return "is named as a copy (\"Copy of …\")" }
        let base = strippingTrailingNumber(n)
        if equals(base, "copy") || hasSuffix(base, "(copy)") || hasSuffix(base, "_copy") || endsWithCopyWord(base) {
            return "is named as a copy (\"… copy\")"
        }
        if endsWithImportNumber(n), let suffix = afterLastImportMark(n), !suffix.isEmpty, suffix.allSatisfy(isDigit) {
            return "keeps an \"_import_N\" suffix, left by a container import that renamed a conflicting entity"
        }
        let isNew = hasPrefix(base, "new ")
        let word = isNew ? Bytes(rebasing: base.dropFirst(4)) : base
        if genericWords.contains(word) || (isNew && typeNames.contains(word)) {
            return "is a placeholder name, not a description"
        }
        if base.count != n.count, typeNames.contains(base) {
            return "is a bare type name with a number, as GTM suggests for new entities"
        }
        return nil
    }

    /// Writes the name lowercased, with each run of whitespace as one space and none at either end,
    /// to `storage` (at least as long as the name), and returns the bytes written; nil when the name
    /// is not ASCII or has a CR.
    private static func normalize(_ name: Bytes, into storage: UnsafeMutableBufferPointer<UInt8>) -> Bytes? {
        var count = 0
        var pendingSpace = false
        for byte in name {
            guard byte < 0x80, byte != UInt8(ascii: "\r") else { return nil }
            if isWhitespace(byte) {
                pendingSpace = count > 0
                continue
            }
            if pendingSpace {
                storage[count] = space
                count += 1
                pendingSpace = false
            }
            storage[count] = lowercased(byte)
            count += 1
        }
        return Bytes(rebasing: storage[..<count])
    }

    private static let genericWords = WordList(NamingPatterns.genericWords)
    private static let typeNames = WordList(NamingPatterns.typeNames)

    /// `custom html 2` → `custom html`, `tag (3)` → `tag`; other names unchanged.
    private static func strippingTrailingNumber(_ n: Bytes) -> Bytes {
        var end = n.count
        if n.last == UInt8(ascii: ")"), let open = n.lastIndex(of: UInt8(ascii: "(")) {
            let inner = n[(open + 1)..<(n.count - 1)]
            if !inner.isEmpty, inner.allSatisfy(isDigit) { end = open }
        } else {
            let digits = n.reversed().prefix(while: isDigit).count
            if digits > 0, digits < n.count { end -= digits }
        }
        while end > 0, n[end - 1] == space || n[end - 1] == UInt8(ascii: "-") || n[end - 1] == UInt8(ascii: "_") { end -= 1 }
        return end == 0 ? n : Bytes(rebasing: n[..<end])
    }

    /// `meta - lead copy` but not `click - copy`.
    private static func endsWithCopyWord(_ n: Bytes) -> Bool {
        guard hasSuffix(n, " copy"), n.count > 5 else { return false }
        let last = n[n.count - 6]
        return isLetter(last) || isDigit(last) || last == UInt8(ascii: ")")
    }

    /// Whether the name ends with `_import_` and a number: needed for the suffix after the last
    /// `_import_` to be a number, and much cheaper to check than finding that `_import_`.
    private static func endsWithImportNumber(_ n: Bytes) -> Bool {
        let digits = n.reversed().prefix(while: isDigit).count
        return digits > 0 && hasSuffix(Bytes(rebasing: n.dropLast(digits)), "_import_")
    }

    /// What follows the last `_import_` that `ranges(of:)` finds (left to right, not overlapping).
    private static func afterLastImportMark(_ n: Bytes) -> Bytes? {
        let mark: StaticString = "_import_"
        var after: Int?
        while let found = firstOffset(of: mark, in: n, from: after ?? 0) { after = found + mark.utf8CodeUnitCount }
        return after.map { Bytes(rebasing: n[$0...]) }
    }

    /// ``NamingPatterns/hasPrefix(_:_:separator:)``, for an ASCII name and separator.
    static func hasPrefix(_ name: String, _ prefixes: [String], separator: String) -> Verdict<Bool> {
        withSimpleBytes(name, separator) { name, separator in
            let rest = Bytes(rebasing: name[namespaceEnd(name)...])
            for prefix in prefixes {
                guard let afterPrefix = withBytes(prefix, { droppingPrefixIgnoringCase(rest, $0) }) else { continue }
                if !separator.isEmpty, droppingPrefixIgnoringCase(afterPrefix, separator)?.isEmpty == false { return true }
                if let first = afterPrefix.first, prefixBoundaries.contains(first),
                   afterPrefix.dropFirst().contains(where: { !isWhitespace($0) })
                {
                    return true
                }
            }
            return false
        }
    }

    /// The ASCII characters of ``NamingPatterns/prefixBoundaries``.
    private static let prefixBoundaries = Set(NamingPatterns.prefixBoundaries.compactMap(\.asciiValue))

    /// Where the name starts after a leading `[Team]` bracket or `01 -` number (``NamingPatterns/stripNamespace(_:)``).
    private static func namespaceEnd(_ bytes: Bytes) -> Int {
        func skipWhitespace(from i: Int) -> Int { bytes[i...].firstIndex { !isWhitespace($0) } ?? bytes.endIndex }
        var rest = skipWhitespace(from: 0)
        if rest < bytes.endIndex, bytes[rest] == UInt8(ascii: "["), let close = bytes[rest...].firstIndex(of: UInt8(ascii: "]")) {
            rest = skipWhitespace(from: close + 1)
        }
        let afterDigits = bytes[rest...].firstIndex { !isDigit($0) } ?? bytes.endIndex
        if afterDigits > rest {
            let mark = bytes[afterDigits...].firstIndex { $0 != space } ?? bytes.endIndex
            if mark < bytes.endIndex, "-.|_)".utf8.contains(bytes[mark]) {
                let detail = skipWhitespace(from: mark + 1)
                if detail < bytes.endIndex { rest = detail }
            }
        }
        return rest
    }

    /// The number of non-blank parts of a name split by a non-empty separator
    /// (``NamingPatterns/parts(of:separator:)``), for an ASCII name and separator.
    static func partCount(_ name: String, separator: String) -> Verdict<Int> {
        precondition(!separator.isEmpty)
        return withSimpleBytes(name, separator) { name, separator in
            var count = 0
            var partStart = 0
            while partStart <= name.count {
                let end = firstOffset(of: separator, in: name, from: partStart) ?? name.count
                if name[partStart..<end].contains(where: { !isWhitespace($0) }) { count += 1 }
                partStart = end + separator.count
            }
            return count
        }
    }

    /// Whether a name contains the separator, for an ASCII name and separator.
    static func contains(_ name: String, separator: String) -> Verdict<Bool> {
        withSimpleBytes(name, separator) { firstOffset(of: $1, in: $0, from: 0) != nil }
    }

    // MARK: Bytes

    private static let space = UInt8(ascii: " ")

    static func lowercased(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }
    /// `Character.isWhitespace` for an ASCII byte: tab, LF, VT, FF, CR and space.
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte &- 0x09 < 5 }
    /// `Character.isNumber` for an ASCII byte.
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
    /// `Character.isLetter` for an ASCII byte.
    static func isLetter(_ byte: UInt8) -> Bool { lowercased(byte) &- UInt8(ascii: "a") < 26 }

    /// Calls `body` with the UTF-8 bytes of `text`, without copying them.
    private static func withBytes<T>(_ text: String, _ body: (Bytes) -> T) -> T {
        var text = text
        return text.withUTF8(body)
    }

    private static func hasPrefix(_ bytes: Bytes, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { bytes.count >= $0.count && equals(Bytes(rebasing: bytes.prefix($0.count)), $0) }
    }

    private static func hasSuffix(_ bytes: Bytes, _ suffix: StaticString) -> Bool {
        suffix.withUTF8Buffer { bytes.count >= $0.count && equals(Bytes(rebasing: bytes.suffix($0.count)), $0) }
    }

    private static func equals(_ bytes: Bytes, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { equals(bytes, $0) }
    }

    /// Whether two byte strings are equal (`elementsEqual`, without the generic iteration).
    private static func equals(_ a: Bytes, _ b: Bytes) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where a[i] != b[i] { return false }
        return true
    }

    /// The bytes after `prefix` when they start with it, ignoring ASCII case.
    private static func droppingPrefixIgnoringCase(_ bytes: Bytes, _ prefix: Bytes) -> Bytes? {
        guard bytes.count >= prefix.count, zip(bytes, prefix).allSatisfy({ lowercased($0) == lowercased($1) }) else { return nil }
        return Bytes(rebasing: bytes[prefix.count...])
    }

    /// Words grouped by length, to look bytes up without making a `String` of them.
    private struct WordList {
        private let wordsByLength: [[[UInt8]]]

        init(_ words: Set<String>) {
            var byLength = [[[UInt8]]](repeating: [], count: (words.map(\.utf8.count).max() ?? 0) + 1)
            for word in words { byLength[word.utf8.count].append(Array(word.utf8)) }
            wordsByLength = byLength
        }

        func contains(_ bytes: Bytes) -> Bool {
            bytes.count < wordsByLength.count && wordsByLength[bytes.count].contains { word in word.withUnsafeBufferPointer { equals($0, bytes) } }
        }
    }

    /// The offset of the first occurrence of `needle` at or after `start`. Searching again from the
    /// end of each occurrence finds them left to right, not overlapping, as `ranges(of:)` and
    /// `split(separator:)` do.
    private static func firstOffset(of needle: Bytes, in bytes: Bytes, from start: Int) -> Int? {
        guard !needle.isEmpty else { return start }
        guard bytes.count >= needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], equals(Bytes(rebasing: bytes[i..<(i + needle.count)]), needle) { return i }
            i += 1
        }
        return nil
    }

    private static func firstOffset(of needle: StaticString, in bytes: Bytes, from start: Int) -> Int? {
        needle.withUTF8Buffer { firstOffset(of: $0, in: bytes, from: start) }
    }
}
