/// Parses RFC 8259 JSON into a ``JSONValue`` that keeps member order and number literals.
///
/// Hand-written over raw bytes because the scorer parses a container thousands of times a night:
/// strings without escapes are made straight from the input bytes, and nothing is converted
/// that the caller may never look at (numbers stay text).
public struct JSONParser: Sendable {
    /// Nesting deeper than this is rejected instead of risking the stack (GTM exports nest < 15).
    public var maximumDepth: Int

    public init(maximumDepth: Int = 512) { self.maximumDepth = maximumDepth }

    /// Parses one JSON document (surrounding whitespace allowed; a UTF-8 byte order mark skipped).
    /// - Throws: ``JSONSyntaxError`` naming the line, column and path of the first problem.
    public func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) -> JSONValue in
            var reader = Reader(bytes: buffer, maximumDepth: maximumDepth)
            do throws(Failure) {
                return try reader.readDocument()
            } catch let failure {
                throw failure.located(in: buffer)
            }
        }
    }

    /// Parses a document held in a string.
    public func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Parses a document from any byte collection (copied once into contiguous storage).
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(bytes))
    }
}

/// A parse failure before line/column are computed (that needs a second pass over the bytes).
struct Failure: Error {
    var reason: String
    var offset: Int
    var path: [JSONPath.Component] = []   // innermost first while unwinding

    func located(in bytes: UnsafeBufferPointer<UInt8>) -> JSONSyntaxError {
        var line = 1, column = 1
        for i in 0..<min(offset, bytes.count) {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
        }
        return JSONSyntaxError(reason: reason, offset: offset, line: line, column: column, path: JSONPath(path.reversed()))
    }
}

private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var index = 0
    var depth = 0
    /// Reused for strings with escapes, so each one costs no buffer allocation of its own.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func readDocument() throws(Failure) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw Failure(reason: "the document is empty", offset: index) }
        let value = try readValue()
        skipWhitespace()
        guard index == bytes.count else {
            throw Failure(reason: "unexpected \(describe(bytes[index])) after the end of the document", offset: index)
        }
        return value
    }

    @inline(__always) mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func readValue() throws(Failure) -> JSONValue {
        guard index < bytes.count else { throw Failure(reason: "the document ends where a value was expected", offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default: throw Failure(reason: "unexpected \(describe(bytes[index])) where a value was expected", offset: index)
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        let start = index
        if bytes.count - index >= count {
            var matches = true
            let text = word.utf8Start
            for k in 0..<count where bytes[index + k] != text[k] { matches = false; break }
            if matches { index += count; return }
        }
        throw Failure(reason: "unexpected \(describe(bytes[start])) where a value was expected", offset: start)
    }

    mutating func enter() throws(Failure) {
        depth += 1
        if depth > maximumDepth { throw Failure(reason: "nesting deeper than \(maximumDepth) levels", offset: index) }
    }

    mutating func readObject() throws(Failure) -> JSONValue {
        try enter()
        index += 1  // {
        var members: [JSONObject.Member] = []
        members.reserveCapacity(4)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject(members))
        }
        while true {
            guard index < bytes.count else { throw Failure(reason: "the document ends inside an object", offset: index) }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw Failure(reason: "expected a quoted member name, found \(describe(bytes[index]))", offset: index)
            }
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw Failure(reason: "expected ':' after member name \"\(key)\"", offset: index, path: [.key(key)])
            }
            index += 1
            skipWhitespace()
            let value: JSONValue
            do throws(Failure) { value = try readValue() } catch var failure {
                failure.path.append(.key(key))
                throw failure
            }
            members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw Failure(reason: "the document ends inside an object", offset: index) }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(JSONObject(members))
            default:
                throw Failure(reason: "expected ',' or '}' after member \"\(key)\", found \(describe(bytes[index]))", offset: index)
            }
        }
    }

    mutating func readArray() throws(Failure) -> JSONValue {
        try enter()
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            do throws(Failure) { elements.append(try readValue()) } catch var failure {
                failure.path.append(.index(elements.count))
                throw failure
            }
            skipWhitespace()
            guard index < bytes.count else { throw Failure(reason: "the document ends inside an array", offset: index) }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            default:
                throw Failure(reason: "expected ',' or ']' after an array element, found \(describe(bytes[index]))", offset: index)
            }
        }
    }

    mutating func readNumber() throws(Failure) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw Failure(reason: "a number needs digits", offset: index) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw Failure(reason: "numbers cannot have leading zeros", offset: start) }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw Failure(reason: "a fraction needs digits after '.'", offset: index) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw Failure(reason: "an exponent needs digits", offset: index) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return JSONNumber(validatedLiteral: literal)
    }

    /// Reads a string; the fast path (no escapes) copies the bytes once, validating UTF-8.
    mutating func readString() throws(Failure) -> String {
        let start = index + 1
        var i = start
        var high: UInt8 = 0
        while i < bytes.count {
            let byte = bytes[i]
            high |= byte
            if byte == UInt8(ascii: "\"") {
                index = i + 1
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if high < 0x80 { return String(decoding: slice, as: UTF8.self) }
                return try makeString(slice, at: start)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw Failure(reason: "unescaped control character in a string", offset: i) }
            i += 1
        }
        guard i < bytes.count else { throw Failure(reason: "the document ends inside a string", offset: i) }
        return try readEscapedString(from: start, firstEscape: i)
    }

    mutating func readEscapedString(from start: Int, firstEscape: Int) throws(Failure) -> String {
        var out = scratch
        scratch = []
        defer { scratch = out }
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<firstEscape]))
        var i = firstEscape
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""):
                index = i + 1
                return try out.withUnsafeBufferPointer { buffer throws(Failure) in try makeString(buffer, at: start) }
            case UInt8(ascii: "\\"):
                i += 1
                guard i < bytes.count else { break }
                switch bytes[i] {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4(at: i + 1)
                    i += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u") else {
                            throw Failure(reason: "a high surrogate \\u escape must be followed by a low surrogate", offset: i)
                        }
                        let low = try readHex4(at: i + 3)
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw Failure(reason: "a high surrogate \\u escape must be followed by a low surrogate", offset: i + 1)
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw Failure(reason: "a lone low surrogate \\u escape", offset: i - 4)
                    }
                    appendUTF8(scalar, to: &out)
                default:
                    throw Failure(reason: "invalid escape \\\(describe(bytes[i]))", offset: i - 1)
                }
                i += 1
            default:
                if byte < 0x20 { throw Failure(reason: "unescaped control character in a string", offset: i) }
                out.append(byte)
                i += 1
            }
        }
        throw Failure(reason: "the document ends inside a string", offset: i)
    }

    func readHex4(at position: Int) throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw Failure(reason: "a \\u escape needs four hex digits", offset: position) }
        var value: UInt32 = 0
        for k in position..<(position + 4) {
            let b = bytes[k]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw Failure(reason: "a \\u escape needs four hex digits", offset: k)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    func makeString(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) throws(Failure) -> String {
        guard let string = String(validating: buffer, as: UTF8.self) else {
            throw Failure(reason: "a string is not valid UTF-8", offset: offset)
        }
        return string
    }
}

@inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

private func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case ..<0x80: out.append(UInt8(scalar))
    case ..<0x800:
        out.append(UInt8(0xC0 | (scalar >> 6)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    case ..<0x10000:
        out.append(UInt8(0xE0 | (scalar >> 12)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (scalar >> 18)))
        out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
}

/// A byte as a reader would want to see it in an error message.
private func describe(_ byte: UInt8) -> String {
    switch byte {
    case 0x20...0x7E: "'\(Character(Unicode.Scalar(byte)))'"
    default: "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
