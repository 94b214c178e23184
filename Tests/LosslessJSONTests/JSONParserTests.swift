import Testing
@testable import LosslessJSON

@Suite struct JSONParserTests {
    let parser = JSONParser()

    @Test func parsesEveryKind() throws {
        let value = try parser.parse(#" {"a": [1, -2.5e3, true, false, null, "x"], "b": {}} "#)
        #expect(value["a"]?.arrayValue?.count == 6)
        #expect(value["a"]?.arrayValue?[1].numberValue?.literal == "-2.5e3")
        #expect(value["b"]?.objectValue?.count == 0)
    }

    @Test func keepsNumberLiteralsAndKeyOrder() throws {
        let text = #"{"z":1.30,"a":2,"m":12345678901234567890}"#
        let value = try parser.parse(text)
        #expect(JSONWriter().string(of: value) == text)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func keepsDuplicateKeysAsRead() throws {
        let value = try parser.parse(#"{"k":1,"k":2}"#)
        #expect(value.objectValue?.count == 2)
        #expect(value["k"] == .number(JSONNumber(1)))
        #expect(JSONWriter().string(of: value) == #"{"k":1,"k":2}"#)
    }

    @Test func decodesEscapesAndUnicode() throws {
        let value = try parser.parse(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude00", "héllo"]"#)
        #expect(value.arrayValue?[0].stringValue == "a\"b\\c/d\n\té😀")
        #expect(value.arrayValue?[1].stringValue == "héllo")
    }

    @Test func writerEscapesWhatJSONRequires() throws {
        let original: JSONValue = .string("quote\" back\\ nl\n ctl\u{01} é")
        let text = JSONWriter().string(of: original)
        #expect(text == #""quote\" back\\ nl\n ctl\u0001 é""#)
        #expect(try parser.parse(text) == original)
    }

    @Test func skipsByteOrderMark() throws {
        #expect(try parser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(JSONNumber(1))]))
    }

    @Test(arguments: [
        ("", "the document is empty"),
        ("{", "the document ends inside an object"),
        (#"{"a" 1}"#, "expected ':'"),
        (#"{"a":1,}"#, "expected a quoted member name"),
        ("[1,]", "unexpected ']'"),
        ("[1 2]", "expected ',' or ']'"),
        ("01", "leading zeros"),
        ("1.", "a fraction needs digits"),
        ("1e", "an exponent needs digits"),
        ("-", "a number needs digits"),
        (#""abc"#, "ends inside a string"),
        ("\"a\u{01}b\"", "unescaped control character"),
        (#""\x""#, "invalid escape"),
        (#""\u12""#, "four hex digits"),
        (#""\ud800""#, "low surrogate"),
        (#""\udc00""#, "lone low surrogate"),
        ("tru", "unexpected 't'"),
        ("nul", "unexpected 'n'"),
        ("[1] 2", "after the end of the document"),
        ("{'a':1}", "expected a quoted member name"),
    ])
    func rejectsMalformedInput(text: String, reason: String) {
        #expect {
            try parser.parse(text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.reason.contains(reason)
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try parser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func reportsLineColumnAndPath() throws {
        let text = "{\n  \"containerVersion\": {\n    \"tag\": [\n      {\"name\": tru}\n    ]\n  }\n}"
        do {
            _ = try parser.parse(text)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.line == 4)
            #expect(error.column == 16)
            #expect(error.path.description == "$.containerVersion.tag[0].name")
        }
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try parser.parse(deep) }
        #expect(throws: Never.self) { try JSONParser(maximumDepth: 600).parse(String(repeating: "[", count: 500) + String(repeating: "]", count: 500)) }
    }

    @Test func equalityIgnoresKeyOrderAndNumberSpelling() throws {
        #expect(try parser.parse(#"{"a":1,"b":[1.0]}"#) == parser.parse(#"{"b":[1],"a":1e0}"#))
        #expect(try parser.parse(#"{"a":1}"#) != parser.parse(#"{"a":1,"b":2}"#))
    }

    @Test func pathDescriptionQuotesOddKeys() {
        let path = JSONPath.root.appending(key: "container Version").appending(index: 2).appending(key: "a\"b")
        #expect(path.description == #"$["container Version"][2]["a\"b"]"#)
    }

    @Test func prettyLayoutMatchesGTMExports() throws {
        let value = try parser.parse(#"{"a":[1,{"b":"c"}],"d":{},"e":[]}"#)
        #expect(JSONWriter.gtmExport.string(of: value) == "{\n    \"a\": [\n        1,\n        {\n            \"b\": \"c\"\n        }\n    ],\n    \"d\": {},\n    \"e\": []\n}")
    }
}
