import Testing
@testable import LosslessJSON

/// RFC 6902 JSON Patch and RFC 6901 JSON Pointer, with the examples of RFC 6902 Appendix A.
@Suite struct JSONPatchTests {
    func json(_ text: String) throws -> JSONValue { try JSONParser().parse(text) }

    func apply(_ patch: String, to document: String) throws -> JSONValue {
        try JSONPatch(json: json(patch)).apply(to: json(document))
    }

    // (appendix section, document, patch, expected result or nil for an error)
    static let appendix: [(String, String, String, String?)] = [
        ("A.1", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"baz":"qux","foo":"bar"}"#),
        ("A.2", #"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        ("A.3", #"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        ("A.4", #"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        ("A.5", #"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        ("A.6", #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
         #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#, #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        ("A.7", #"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, #"{"foo":["all","cows","eat","grass"]}"#),
        ("A.8", #"{"baz":"qux","foo":["a",2,"c"]}"#, #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
         #"{"baz":"qux","foo":["a",2,"c"]}"#),
        ("A.9", #"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#, nil),
        ("A.10", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, #"{"foo":"bar","child":{"grandchild":{}}}"#),
        ("A.11", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, #"{"foo":"bar","baz":"qux"}"#),
        ("A.12", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, nil),
        ("A.13", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux","op":"remove"}]"#, nil),
        ("A.14", #"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":10}]"#, #"{"/":9,"~1":10}"#),
        ("A.15", #"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":"10"}]"#, nil),
        ("A.16", #"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
    ]

    @Test(arguments: appendix)
    func rfc6902AppendixExamples(section: String, document: String, patch: String, expected: String?) throws {
        if let expected {
            #expect(try apply(patch, to: document) == json(expected), "\(section)")
        } else {
            #expect(throws: JSONPatchError.self, "\(section)") { try apply(patch, to: document) }
        }
    }

    @Test func pointersFollowRFC6901() throws {
        let doc = try json(#"{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8}"#)
        let cases: [(String, JSONValue)] = [("", doc), ("/foo", ["bar", "baz"]), ("/foo/0", "bar"), ("/", 0), ("/a~1b", 1),
                                            ("/c%d", 2), ("/e^f", 3), ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8)]
        for (pointer, value) in cases {
            #expect(try JSONPointer(pointer).value(in: doc) == value, "\(pointer)")
            #expect(try JSONPointer(pointer).description == pointer)
        }
        #expect(throws: JSONPatchError.self) { try JSONPointer("foo") }
        #expect(throws: JSONPatchError.self) { try JSONPointer("/a~2") }
        #expect(try JSONPointer("/foo/01").value(in: doc) == nil, "leading zeros are not array indices")
        #expect(try JSONPointer("/foo/-").value(in: doc) == nil)
    }

    @Test func failedPatchesChangeNothingAndNameTheOperation() throws {
        let doc = try json(#"{"a":[1,2]}"#)
        let patch = try JSONPatch(json: json(#"[{"op":"add","path":"/b","value":1},{"op":"remove","path":"/a/5"}]"#))
        #expect(throws: JSONPatchError.pathNotFound(index: 1, path: "/a/5")) { try patch.apply(to: doc) }
        #expect(doc == (try json(#"{"a":[1,2]}"#)))
        #expect(throws: JSONPatchError.invalidIndex(index: 0, path: "/a/3")) { try apply(#"[{"op":"add","path":"/a/3","value":0}]"#, to: #"{"a":[1,2]}"#) }
        #expect(throws: JSONPatchError.moveIntoItself(index: 0, from: "/a", path: "/a/b")) { try apply(#"[{"op":"move","from":"/a","path":"/a/b"}]"#, to: #"{"a":{}}"#) }
        #expect(throws: JSONPatchError.self) { try apply(#"[{"op":"replace","path":"/missing","value":0}]"#, to: "{}") }
        #expect(throws: JSONPatchError.self) { try apply(#"[{"op":"frobnicate","path":"/a"}]"#, to: "{}") }
        #expect(throws: JSONPatchError.self) { try apply(#"[{"op":"add","path":"/a"}]"#, to: "{}") }
    }

    @Test func edgeCases() throws {
        #expect(try apply(#"[{"op":"replace","path":"","value":[1]}]"#, to: #"{"a":1}"#) == [1])
        #expect(try apply(#"[{"op":"copy","from":"/a","path":"/b"}]"#, to: #"{"a":{"x":1}}"#) == json(#"{"a":{"x":1},"b":{"x":1}}"#))
        #expect(try apply(#"[{"op":"move","from":"/a","path":"/a"}]"#, to: #"{"a":1}"#) == json(#"{"a":1}"#))
        #expect(try apply(#"[{"op":"add","path":"/a","value":2}]"#, to: #"{"a":1}"#) == json(#"{"a":2}"#), "add replaces a member")
        // Replacing keeps the member's position, so a re-written export diffs minimally.
        let replaced = try apply(#"[{"op":"replace","path":"/b","value":9}]"#, to: #"{"a":1,"b":2,"c":3}"#)
        #expect(JSONWriter().string(of: replaced) == #"{"a":1,"b":9,"c":3}"#)
        #expect(try apply(#"[{"op":"replace","path":"/1","value":"x"}]"#, to: "[1,2,3]") == [1, "x", 3])
    }

    @Test func normalisedFormReplaysExactly() throws {
        let patch = try JSONPatch(json: json(#"[{"value":1,"path":"/a~1b","op":"add","extra":true},{"from":"/a~1b","op":"copy","path":"/c"}]"#))
        let text = JSONWriter().string(of: patch.json)
        #expect(text == #"[{"op":"add","path":"/a~1b","value":1},{"op":"copy","from":"/a~1b","path":"/c"}]"#)
        let replayed = try JSONPatch(json: json(text))
        #expect(replayed == patch)
        #expect(try replayed.apply(to: json("{}")) == patch.apply(to: json("{}")))
    }
}
